// A reader with the article open sees a comment a moderator approves, without reloading, behind an
// "N new comments" button announced in the live region; reactions count in place.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { approvedComment, postComment, restorePolicyAfterEach, setPolicy, signIn } from '../factories.js';
import { closeAll, startAppAndBrowser, type LiveApp } from './harness.js';
import { DEMO_ARTICLES } from '../../src/pages/demo-article.js';

let app: LiveApp;
let browser: Browser;

before(async () => {
  [app, browser] = await startAppAndBrowser({ THREAD_CACHE_MAX_AGE_SECONDS: '0', THREAD_CACHE_STALE_SECONDS: '0', LIVE_COALESCE_MS: '100' });
});
after(() => closeAll(browser, app));
restorePolicyAfterEach(() => app.ctx);

/** The English demo article in a new browser, once it shows comment `shownId` and its live stream is open; `clockAt` gives the browser a clock the test moves. */
async function openDemoArticle(shownId: number, clockAt?: Date) {
  const context = await browser.newContext({ locale: 'en-GB' });
  context.setDefaultTimeout(15_000);
  if (clockAt) await context.clock.install({ time: clockAt });
  const page = await context.newPage();
  page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
  // The stream is open once its answer's headers arrive (awaited below, registered before it can happen).
  const streamOpened = page.waitForResponse((response) => response.url().includes(`/api/v1/threads/${DEMO_ARTICLES.en.threadKey}/events`));
  await page.goto(`${app.origin}/demo/en`);
  await page.locator('[data-majlis-thread]').first().scrollIntoViewIfNeeded();
  const thread = page.locator('section.m');
  await thread.locator(`li[data-id="${shownId}"]`).waitFor();
  assert.equal((await streamOpened).status(), 200);
  return { context, page, thread };
}

describe('live updates in the widget', () => {
  it('shows a comment approved through the moderation API in an open page, without a reload', async () => {
    const key = DEMO_ARTICLES.en.threadKey;
    const existing = await approvedComment(app.ctx, key, { body: 'An early comment on the article.' });
    const { context, page, thread } = await openDemoArticle(existing.comment.id);
    await page.evaluate(() => (window as unknown as { navigations?: number }).navigations = 1);

    const { auth } = await signIn(app.ctx);
    const held = await postComment(app.ctx, key, { body: 'Approved while you were reading.', authorName: 'Omar' });
    const decision = await app.ctx.request.post(`/api/v1/moderation/comments/${held.comment.id}/decision`).set('Authorization', auth).send({ action: 'approve' });
    assert.equal(decision.status, 200);

    const more = thread.getByRole('button', { name: 'Show new comments (1)' });
    await more.waitFor();
    assert.match(await thread.locator('[role="status"]').innerText(), /New comments: 1/);
    assert.equal(await thread.locator(`li[data-id="${held.comment.id}"]`).count(), 0, 'the text under the reader does not move until asked');
    await more.click();
    await thread.locator(`li[data-id="${held.comment.id}"]`).getByText('Approved while you were reading.').waitFor();
    // The button is gone: the focus goes on to the comment it brought, not back to the top of the page.
    const focused = thread.locator(`li[data-id="${held.comment.id}"] > article`);
    assert.ok(await focused.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement), 'the focus is on the new comment');

    // A reaction by someone else shows up in place on the open page.
    const reacted = await app.ctx.request.post(`/api/v1/comments/${existing.comment.id}/reactions`).send({ readerId: 'another-reader-browser-id' });
    assert.equal(reacted.status, 200);
    await thread.locator(`button[data-reactions-for="${existing.comment.id}"]`).getByText('Respect: 1').waitFor();
    // This reader's own reaction: the button is pressed and counts two.
    await thread.locator(`button[data-reactions-for="${existing.comment.id}"]`).click();
    await thread.locator(`button[data-reactions-for="${existing.comment.id}"][aria-pressed="true"]`).getByText('Respect: 2').waitFor();
    assert.equal(await page.evaluate(() => (window as unknown as { navigations?: number }).navigations), 1, 'no reload happened');
    await context.close();
  });
  it('takes the replies with a comment a moderator rejects, and brings them back, nested, when it is approved again', async () => {
    const key = DEMO_ARTICLES.en.threadKey;
    const opening = await approvedComment(app.ctx, key, { body: 'An opening comment that stays.' });
    const parent = await approvedComment(app.ctx, key, { body: 'A reply a moderator rejects for a while.', parentId: opening.comment.id });
    const reply = await approvedComment(app.ctx, key, { body: 'An answer beneath it.', parentId: parent.comment.id });
    const { context, thread } = await openDemoArticle(reply.comment.id);
    const heading = thread.locator('h2').first();
    const countBefore = await heading.innerText();

    const { auth } = await signIn(app.ctx);
    const decide = (action: string) => app.ctx.request.post(`/api/v1/moderation/comments/${parent.comment.id}/decision`).set('Authorization', auth).send({ action });
    assert.equal((await decide('reject')).status, 200);
    // Not a "deleted" placeholder holding the answer: both leave, and the heading counts two fewer.
    await thread.locator(`li[data-id="${parent.comment.id}"]`).waitFor({ state: 'detached' });
    assert.equal(await thread.locator(`li[data-id="${reply.comment.id}"]`).count(), 0);
    const countHidden = await heading.innerText();
    assert.notEqual(countHidden, countBefore);

    assert.equal((await decide('approve')).status, 200);
    await thread.getByRole('button', { name: /\(2\)/ }).click();
    await thread.locator(`li[data-id="${parent.comment.id}"] li[data-id="${reply.comment.id}"]`).getByText('An answer beneath it.').waitFor();
    assert.equal(await heading.innerText(), countBefore);
    await context.close();
  });

  it('still shows and reacts to the thread where the page blocks embed-extras.js (no live updates then)', async () => {
    const key = DEMO_ARTICLES.en.threadKey;
    const existing = await approvedComment(app.ctx, key, { body: 'Read without the extras.' });
    const context = await browser.newContext({ locale: 'en-GB' });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    let extrasAsked = 0;
    let streams = 0;
    await page.route('**/embed-extras.js', (route) => ((extrasAsked += 1), route.abort()));
    page.on('request', (request) => void (request.url().includes(`/threads/${key}/events`) && (streams += 1)));
    await page.goto(`${app.origin}/demo/en`);
    await page.locator('[data-majlis-thread]').first().scrollIntoViewIfNeeded();
    const thread = page.locator('section.m');
    await thread.locator(`li[data-id="${existing.comment.id}"]`).getByText('Read without the extras.').waitFor();
    await thread.locator(`button[data-reactions-for="${existing.comment.id}"]`).click();
    await thread.locator(`button[data-reactions-for="${existing.comment.id}"][aria-pressed="true"]`).waitFor();
    assert.equal(extrasAsked, 1, 'asked for once, after the first page');
    assert.equal(streams, 0);
    // Had the load failed for a moment (a dropped connection), Report tries again, and its form comes.
    await page.unroute('**/embed-extras.js');
    await thread.locator(`li[data-id="${existing.comment.id}"]`).getByRole('button', { name: /^Report/ }).first().click();
    await thread.locator(`li[data-id="${existing.comment.id}"] form`).waitFor();
    await context.close();
  });
  it("does not offer a reader their own published post as new, when its live event comes before the post's answer", async () => {
    const key = DEMO_ARTICLES.en.threadKey;
    await setPolicy(app.ctx, { premoderation: 'none', floodIntervalSeconds: 0 });
    const existing = await approvedComment(app.ctx, key, { body: 'Here before the race.' });
    const { context, page, thread } = await openDemoArticle(existing.comment.id);
    // The post's answer is held back until its event has surely arrived (the stream coalesces for 100 ms here).
    await page.route(`**/api/v1/threads/${key}/comments`, async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      const answer = await route.fetch();
      await new Promise((resolve) => setTimeout(resolve, 800));
      await route.fulfill({ response: answer });
    });
    const form = thread.locator('form').last();
    await form.getByRole('textbox', { name: 'Comment', exact: true }).fill('Published at once, and mine.');
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Rania');
    await form.getByRole('textbox', { name: 'Email', exact: true }).fill('rania-live@example.org');
    await form.getByRole('button', { name: 'Post Comment' }).click();
    await thread.getByText('Published at once, and mine.').waitFor();
    await page.waitForTimeout(2_000);
    assert.equal(await thread.getByRole('button', { name: /Show new comments/ }).isVisible(), false, 'not new to its author');
    assert.equal(await thread.getByText('Published at once, and mine.').count(), 1);
    await context.close();
  });

  it("keeps the author's own comment in view, marked, when their edit sends it back to the queue; a comment its author deletes leaves others' pages", async () => {
    const key = DEMO_ARTICLES.en.threadKey;
    await setPolicy(app.ctx, { premoderation: 'all', editWindowMinutes: 15, floodIntervalSeconds: 0 });
    const { auth } = await signIn(app.ctx);
    const decide = (id: number, action: string) => app.ctx.request.post(`/api/v1/moderation/comments/${id}/decision`).set('Authorization', auth).send({ action });
    const open = async () => {
      const context = await browser.newContext({ locale: 'en-GB' });
      context.setDefaultTimeout(15_000);
      // The edit window is judged by the browser's clock: it shows the server's.
      await context.clock.setFixedTime(app.ctx.clock.now());
      const page = await context.newPage();
      page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
      const streamOpened = page.waitForResponse((response) => response.url().includes(`/api/v1/threads/${key}/events`));
      await page.goto(`${app.origin}/demo/en`);
      await page.locator('[data-majlis-thread]').first().scrollIntoViewIfNeeded();
      return { context, page, thread: page.locator('section.m'), streamOpened };
    };
    const author = await open();
    const form = author.thread.locator('form').last();
    await form.getByRole('textbox', { name: 'Comment', exact: true }).fill('Mine, approved and then edited.');
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Salma');
    await form.getByRole('textbox', { name: 'Email', exact: true }).fill('salma-live@example.org');
    await form.getByRole('button', { name: 'Post Comment' }).click();
    await author.thread.locator('li.pd').getByText('Mine, approved and then edited.').waitFor();
    const stored = await app.ctx.db.comment.findFirstOrThrow({ where: { body: 'Mine, approved and then edited.' } });
    assert.equal((await decide(stored.id, 'approve')).status, 200);
    const other = await approvedComment(app.ctx, key, { body: 'Soon deleted by its author.' });

    await author.page.reload();
    await author.thread.locator('.no').getByText('Your comment has been published.').waitFor();
    assert.equal((await author.streamOpened).status(), 200);
    const stranger = await open();
    assert.equal((await stranger.streamOpened).status(), 200);
    await stranger.thread.locator(`li[data-id="${stored.id}"]`).getByText('Mine, approved and then edited.').waitFor();

    const mine = author.thread.locator(`li[data-id="${stored.id}"]`);
    await mine.getByRole('button', { name: 'Edit' }).click();
    await mine.getByRole('textbox').waitFor();
    assert.equal(await mine.locator('.ac').isVisible(), false, 'no "Edit · Delete" under the edit form');
    await mine.getByRole('textbox').fill('Mine, edited after approval.');
    await mine.getByRole('button', { name: 'Save changes' }).click();
    // The edit goes back to the moderators: other readers lose it live; its author still sees it, marked.
    await stranger.thread.locator(`li[data-id="${stored.id}"]`).waitFor({ state: 'detached' });
    await author.page.waitForTimeout(500);
    assert.equal(await mine.locator('.bd').innerText(), 'Mine, edited after approval.');
    assert.equal(await mine.evaluate((li) => li.classList.contains('pd')), true, 'marked as waiting');
    await mine.getByText('Awaiting moderation').waitFor();

    // A moderator approves it again: published, no longer marked; then rejects it: it leaves its author's page too.
    assert.equal((await decide(stored.id, 'approve')).status, 200);
    await stranger.thread.getByRole('button', { name: 'Show new comments (1)' }).waitFor();
    await author.thread.locator(`li.pd[data-id="${stored.id}"]`).waitFor({ state: 'detached' });
    await mine.getByText('Mine, edited after approval.').waitFor();
    assert.equal(await author.thread.getByRole('button', { name: /Show new comments/ }).isVisible(), false, 'not new to its author');
    assert.equal((await decide(stored.id, 'reject')).status, 200);
    await mine.waitFor({ state: 'detached' });

    // Another reader's comment, deleted by its author, leaves the open pages (it held no replies).
    await stranger.thread.locator(`li[data-id="${other.comment.id}"]`).getByText('Soon deleted by its author.').waitFor();
    assert.equal((await app.ctx.request.delete(`/api/v1/comments/${other.comment.id}`).set('X-Edit-Token', other.editToken)).status, 204);
    await stranger.thread.locator(`li[data-id="${other.comment.id}"]`).waitFor({ state: 'detached' });
    await author.context.close();
    await stranger.context.close();
  });
  it('keeps the report a reader is writing on a comment a moderator picks meanwhile', async () => {
    const key = DEMO_ARTICLES.en.threadKey;
    const reported = await approvedComment(app.ctx, key, { body: 'A comment reported while a moderator picks it.' });
    const later = await approvedComment(app.ctx, key, { body: 'A comment picked just after.' });
    const { context, thread } = await openDemoArticle(later.comment.id);
    const item = thread.locator(`li[data-id="${reported.comment.id}"]`);
    await item.getByRole('button', { name: 'Report' }).click();
    const note = item.locator('form').getByRole('textbox');
    await note.fill('A note half written');

    const { auth } = await signIn(app.ctx);
    for (const id of [reported.comment.id, later.comment.id]) {
      const picked = await app.ctx.request.post(`/api/v1/moderation/comments/${id}/feature`).set('Authorization', auth).send({ featured: true });
      assert.equal(picked.status, 200);
    }
    // Events come in order: once the second pick shows, the first has been heard.
    await thread.locator(`li[data-id="${later.comment.id}"]`).getByText("Editors' pick", { exact: true }).waitFor();
    assert.equal(await note.inputValue(), 'A note half written', 'the form and its text are still there');
    await context.close();
  });

  it('tells the dates again as the open page ages: "now" becomes "5 minutes ago"', async () => {
    const fresh = await approvedComment(app.ctx, DEMO_ARTICLES.en.threadKey, { body: 'A comment that grows older on screen.' });
    const { createdAt } = await app.ctx.db.comment.findUniqueOrThrow({ where: { id: fresh.comment.id } });
    const { context, page, thread } = await openDemoArticle(fresh.comment.id, createdAt);
    const time = thread.locator(`li[data-id="${fresh.comment.id}"] time`);
    assert.equal(await time.innerText(), 'now');
    await page.clock.runFor(5 * 60_000);
    assert.equal(await time.innerText(), '5 minutes ago');
    await context.close();
  });
});
