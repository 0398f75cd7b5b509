// A reader with the article open sees a comment a moderator approves, without reloading, behind an
// "N new comments" button announced in the live region; reactions count in place.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { approvedComment, postComment, signIn } from '../factories.js';
import { closeAll, startAppAndBrowser, type LiveApp } from './harness.js';
import { DEMO_ARTICLES } from '../../src/pages/demo-article.js';

let app: LiveApp;
let browser: Browser;

before(async () => {
  [app, browser] = await startAppAndBrowser({ THREAD_CACHE_MAX_AGE_SECONDS: '0', THREAD_CACHE_STALE_SECONDS: '0', LIVE_COALESCE_MS: '100' });
});
after(() => closeAll(browser, app));

describe('live updates in the widget', () => {
  it('shows a comment approved through the moderation API in an open page, without a reload', async () => {
    const key = DEMO_ARTICLES.en.threadKey;
    const existing = await approvedComment(app.ctx, key, { body: 'An early comment on the article.' });
    const context = await browser.newContext({ locale: 'en-GB' });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    // The stream is open once its answer's headers arrive (awaited below, registered before it can happen).
    const streamOpened = page.waitForResponse((response) => response.url().includes(`/api/v1/threads/${key}/events`));
    await page.goto(`${app.origin}/demo/en`);
    await page.locator('[data-majlis-thread]').first().scrollIntoViewIfNeeded();
    const thread = page.locator('section.m');
    await thread.locator(`li[data-id="${existing.comment.id}"]`).waitFor();
    assert.equal((await streamOpened).status(), 200);
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
    await context.close();
  });
});
