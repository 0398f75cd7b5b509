import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { writeSetting } from '../../src/settings/settings.repository.js';
import { approvedComment, postComment, restorePolicyAfterEach, setPolicy, setStatus, signIn } from '../factories.js';
import { ARABIC_LOGIN, createAccount, publicBodies, signInThroughForm, signInWithToken, submitLogin, watch, type Account } from './admin-helpers.js';
import { eventually } from '../integrations/helpers.js';
import { closeAll, screenshot, seriousViolations, startAppAndBrowser, type LiveApp } from './harness.js';

let app: LiveApp;
let browser: Browser;
let context: BrowserContext;
let moderator: Account;
let admin: Account;
let seen: ReturnType<typeof watch>;

before(async () => {
  [app, browser] = await startAppAndBrowser();
  [moderator, admin] = [await createAccount(app, 'moderator'), await createAccount(app, 'admin')];
});
after(() => closeAll(browser, app));
restorePolicyAfterEach(() => app.ctx);
beforeEach(async () => {
  app.ctx.clock.advance(3600);
  context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1100, height: 900 } });
  context.setDefaultTimeout(10_000);
});
afterEach(async () => {
  await context.close();
  assert.deepEqual(seen.problems, [], 'no script error, no CSP violation');
  assert.deepEqual(seen.requests.filter((url) => url.origin !== app.origin).map(String), [], 'no request leaves the app origin');
});

async function open(path: string, account?: Account): Promise<Page> {
  if (account) await signInWithToken(context, app, account);
  const page = await context.newPage();
  seen = watch(page);
  await page.goto(app.origin + path);
  return page;
}

const item = (page: Page, id: number) => page.locator(`article.item[data-id="${id}"]`);
const notice = (page: Page) => page.locator('#notice');

/**
 * Filters the queue to one thread and waits for that page. The unfiltered first page may show the same items; acting
 * on it would race the filtered page, whose drawing clears the selection and the focus. The list is busy until then.
 */
async function filterThread(page: Page, key: string): Promise<void> {
  await page.getByLabel('Thread key').fill(key);
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.locator('ol.items:not([aria-busy])').waitFor();
}

describe('the moderator dashboard', () => {
  it('signs in, moves with j/k and approves with "a"; the comment is then public', async () => {
    const older = await postComment(app.ctx, 'kb-thread', { threadTitle: 'Budget debate', body: 'Older comment waiting' });
    const newer = await postComment(app.ctx, 'kb-thread', { body: 'Newer comment waiting', authorName: 'Layla' });
    const page = await open('/admin');
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    assert.equal(await page.locator('main').count(), 1, 'one main landmark on the sign-in page');
    await signInThroughForm(page, moderator);
    await item(page, older.comment.id).waitFor();
    // The counts come in their own request, beside the queue's.
    await page.locator('.tabs button[data-status="pending"]', { hasText: /Pending\s+2/ }).waitFor();
    await page.keyboard.press('j');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-id')), String(newer.comment.id), 'newest first');
    // A screen reader hears who wrote it, then where: not only the article's title, alike for every item of a thread.
    assert.match(await item(page, newer.comment.id).evaluate((el) => (el.getAttribute('aria-labelledby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent).join(' ')), /^Layla /);
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await page.keyboard.press('j');
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-id')), String(older.comment.id));
    await screenshot(page, 'admin-queue-en');
    await page.keyboard.press('a');
    await notice(page).getByText(`Comment ${older.comment.id} approved.`).waitFor();
    await item(page, older.comment.id).waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-id')), String(newer.comment.id), 'focus moves to the neighbour');
    assert.deepEqual(await publicBodies(app, 'kb-thread'), ['Older comment waiting']);
    await page.locator('.tabs button[data-status="pending"]', { hasText: /Pending\s+1/ }).waitFor();

    // Typing in the search box is typing, not shortcuts.
    await page.getByLabel('Search', { exact: true }).fill('a');
    await page.getByLabel('Search', { exact: true }).press('a');
    assert.equal(await item(page, newer.comment.id).getAttribute('data-status'), 'pending');
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).focus();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dialog.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Close', 'focus moves into the dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  });

  it("keeps the dashboard's language as the moderator's mail language: the one they sign in with, then each switch", async () => {
    const account = await createAccount(app, 'moderator');
    const becomes = (expected: string) =>
      eventually(async () => (await app.ctx.db.moderator.findUniqueOrThrow({ where: { email: account.email } })).lang === expected);
    const page = await open('/admin?lang=ar');
    await signInThroughForm(page, account, ARABIC_LOGIN);
    await becomes('ar');
    await page.getByRole('button', { name: 'English' }).click();
    await page.locator('html[lang="en"]').waitFor();
    await becomes('en');
    await page.getByRole('button', { name: 'العربية' }).click();
    await becomes('ar');
  });

  it("explains a classifier hold by the words and by what it measured of the whole comment, in the dashboard's language", async () => {
    const body = 'للاستفسار عن المنحة اتصلوا بالرقم 0114567890';
    const held = await postComment(app.ctx, 'classifier-reasons', { body });
    const feature = (text: string, weight: number) => ({ feature: text, weight, start: body.indexOf(text), end: body.indexOf(text) + text.length });
    // A reason as the classifier rule stores it, with a property of the whole comment as its strongest feature.
    await app.ctx.db.comment.update({
      where: { id: held.comment.id },
      data: {
        reasons: [{
          rule: 'classifier', vote: 'hold', detail: 'Classifier score 0.93 (spam, model 1).', score: 0.93, label: 'spam', modelVersion: 1,
          explain: { key: 'classifier.hold', params: { score: 0.93, label: 'spam', words: 'للاستفسار' } },
          features: [{ feature: 'long numbers: 1', weight: 4.26 }, feature('للاستفسار', 1.2), { feature: 'length: 32–63 characters', weight: 0.4 }, { feature: 'links: 3 or more', weight: -2 }],
        }],
      },
    });
    const page = await open('/admin', moderator);
    await filterThread(page, 'classifier-reasons');
    const reason = item(page, held.comment.id).locator('.reasons li');
    assert.equal(
      await reason.innerText(),
      'classifier The classifier scores it 0.93 (spam); held. Words that raised it: للاستفسار. Also raised by: long numbers (1) and length (32\u2060–\u206063 characters).',
    );
    // The switch keeps the queue as it was filtered.
    await page.getByRole('button', { name: 'العربية' }).click();
    await page.locator('html[lang="ar"]').waitFor();
    assert.equal(
      await reason.innerText(),
      'classifier يقدّره المصنِّف بـ 0.93 (الإزعاج)؛ احتُجز. الكلمات التي رفعت التقدير: للاستفسار. ورفعه أيضًا: الأرقام الطويلة (1) وعدد المحارف (32\u2060–\u206063).',
    );
    // Whatever the width, the range stays on one line: a line broken at its dash reads as two numbers.
    const splitAt = await reason.evaluate((element) => {
      const node = [...element.querySelectorAll('*'), element].flatMap((el) => [...el.childNodes]).find((child) => child.nodeType === Node.TEXT_NODE && child.textContent?.includes('63'));
      if (!node?.textContent) return [-1];
      const range = document.createRange();
      range.setStart(node, node.textContent.indexOf('32'));
      range.setEnd(node, node.textContent.indexOf('63') + 2);
      const widths: number[] = [];
      for (let width = 80; width <= 600; width += 2) {
        (element as HTMLElement).style.width = `${width}px`;
        // Bidi runs give a range several boxes on one line: lines are told apart by their tops.
        if (new Set([...range.getClientRects()].map((box) => Math.round(box.top))).size > 1) widths.push(width);
      }
      (element as HTMLElement).style.width = '';
      return widths;
    });
    assert.deepEqual(splitAt, [], 'widths at which «32–63» broke across lines');
  });

  it('shows the decision log on a phone as labelled cards, with nothing to scroll sideways, in both languages', async () => {
    const posted = await postComment(app.ctx, 'log-on-a-phone', { body: 'A comment for the log', authorName: 'Hala' });
    const token = (await app.ctx.request.post('/api/v1/auth/login').send({ email: admin.email, password: admin.password })).body.token as string;
    const decided = await app.ctx.request.post(`/api/v1/moderation/comments/${posted.comment.id}/decision`).set('Authorization', `Bearer ${token}`).send({ action: 'approve' });
    assert.equal(decided.status, 200);
    await context.close();
    context = await browser.newContext({ locale: 'ar', viewport: { width: 390, height: 844 }, bypassCSP: true });
    for (const lang of ['ar', 'en'] as const) {
      const page = await open(`/admin?lang=${lang}#log`, admin);
      const first = page.locator('table.log tbody tr').first();
      await first.waitFor();
      const sideways = await page.evaluate(() => {
        const wrap = document.querySelector('.table-wrap') as HTMLElement;
        return { page: document.documentElement.scrollWidth - document.documentElement.clientWidth, log: wrap.scrollWidth - wrap.clientWidth };
      });
      assert.deepEqual(sideways, { page: 0, log: 0 });
      const label = await first.locator('td').nth(2).evaluate((td) => getComputedStyle(td, '::before').content);
      assert.equal(label, lang === 'ar' ? '"النقاش: "' : '"Thread: "');
      assert.equal(await page.getByRole('table').getByRole('columnheader').count(), 6, 'still a table to assistive technology');
      await screenshot(page, `admin-log-phone-${lang}`);
      assert.deepEqual(await seriousViolations(page), []);
    }
  });

  it('brings up the next comments, focused, when single decisions empty a page the queue goes on beyond', async () => {
    for (let i = 0; i < 26; i += 1) await postComment(app.ctx, 'page-end', { body: `Waiting comment number ${i}` });
    const page = await open('/admin', moderator);
    await filterThread(page, 'page-end');
    assert.equal(await page.locator('ol.items > li').count(), 25);
    // Down the list and back up: the focused comment is never under the sticky toolbar.
    for (const key of ['j', 'j', 'j', 'j', 'j', 'j', 'j', 'j', 'k', 'k', 'k']) {
      await page.keyboard.press(key);
      const { top, toolbarBottom } = await page.evaluate(() => ({
        top: (document.activeElement as HTMLElement).getBoundingClientRect().top,
        toolbarBottom: document.querySelector('.toolbar')!.getBoundingClientRect().bottom,
      }));
      assert.ok(top >= toolbarBottom - 1, `after ${key}: the focused comment starts at ${top} px, under the toolbar ending at ${toolbarBottom} px`);
    }
    await page.keyboard.press('Home');
    await page.locator('ol.items article').first().focus();
    for (let i = 0; i < 25; i += 1) {
      const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-id'));
      assert.ok(focused, `an item has the focus before decision ${i + 1}`);
      await page.keyboard.press('r');
      await item(page, Number(focused)).waitFor({ state: 'detached' });
    }
    await page.locator('ol.items:not([aria-busy]) > li article').first().waitFor();
    assert.equal(await page.locator('ol.items li.empty').count(), 0, 'not "Nothing here." while one is left');
    const last = await app.ctx.db.comment.findFirstOrThrow({ where: { thread: { key: 'page-end' }, status: 'pending' } });
    await page.waitForFunction((id) => document.activeElement?.getAttribute('data-id') === String(id), last.id);
  });

  it('goes back to the login form when the session ends, and a locked account gets the same refusal as a wrong password', async () => {
    const page = await open('/admin', moderator);
    await page.locator('.tabs button[aria-pressed="true"]').waitFor();
    await app.ctx.db.moderatorSession.deleteMany();
    await page.getByRole('link', { name: 'Decision log' }).click();
    await page.getByRole('alert').getByText('Your session has ended. Please sign in again.').waitFor();
    const locked = await createAccount(app, 'moderator');
    for (let i = 0; i < 5; i += 1) await app.ctx.request.post('/api/v1/auth/login').send({ email: locked.email, password: `guess ${i}` });
    await submitLogin(page, locked);
    await page.getByRole('alert').getByText(/password is not correct, or sign-in to this account is paused/).waitFor();
  });

  it('highlights a banned word in <mark>, and tells the moderator when a comment changed meanwhile', async () => {
    await setPolicy(app.ctx, { bannedWords: ['scoundrel'] });
    const posted = await postComment(app.ctx, 'words-thread', { body: 'You s.c.o.u.n.d.r.e.l, honestly!' });
    await setPolicy(app.ctx, { bannedWords: [] });
    const page = await open('/admin', moderator);
    await page.locator('.tabs button[data-status="rejected"]').click();
    const mark = item(page, posted.comment.id).locator('p.body mark');
    await mark.waitFor();
    assert.equal(await mark.innerText(), 's.c.o.u.n.d.r.e.l');
    assert.equal(await item(page, posted.comment.id).locator('p.body').innerText(), 'You s.c.o.u.n.d.r.e.l, honestly!');
    assert.match(await item(page, posted.comment.id).locator('.reasons').innerText(), /banned_words/);
    await screenshot(page, 'admin-banned-word');

    // Another moderator approves it first; our "Back to pending" must not overwrite that.
    await app.ctx.db.comment.update({ where: { id: posted.comment.id }, data: { status: 'approved' } });
    await item(page, posted.comment.id).getByRole('button', { name: 'Back to pending' }).click();
    await notice(page).getByText(`Comment ${posted.comment.id} was changed by someone else meanwhile`).waitFor();
    assert.equal(await item(page, posted.comment.id).getAttribute('data-status'), 'approved', 'the item was reloaded');
    assert.equal((await app.ctx.db.comment.findUniqueOrThrow({ where: { id: posted.comment.id } })).status, 'approved');
  });

  it("confirms the word list's rejection in one click: the comment stays rejected, and the log shows the moderator's confirmation", async () => {
    await setPolicy(app.ctx, { bannedWords: ['scoundrel'] });
    const posted = await postComment(app.ctx, 'confirm-thread', { body: 'You scoundrel, honestly!' });
    assert.equal(posted.status, 'rejected');
    const page = await open('/admin', moderator);
    await page.locator('.tabs button[data-status="rejected"]').click();
    const rejected = item(page, posted.comment.id);
    await rejected.getByRole('button', { name: 'Confirm the rejection' }).click();
    await notice(page).getByText(`Comment ${posted.comment.id}: decision confirmed. The classifier learns from it.`).waitFor();
    assert.equal(await rejected.getAttribute('data-status'), 'rejected', 'still in its tab');
    // Confirming it again would record nothing: it is no longer offered, nor after a reload.
    assert.equal(await rejected.getByRole('button', { name: 'Confirm the rejection' }).count(), 0);
    await page.reload();
    await page.locator('.tabs button[data-status="rejected"]').click();
    await rejected.getByRole('button', { name: 'Reject' }).or(rejected.getByRole('button', { name: 'Approve' })).first().waitFor();
    assert.equal(await rejected.getByRole('button', { name: 'Confirm the rejection' }).count(), 0, 'not offered after a reload');
    const [entry] = await app.ctx.db.decision.findMany({ where: { commentId: posted.comment.id }, orderBy: { id: 'desc' }, take: 1 });
    assert.deepEqual([entry?.actor, entry?.fromStatus, entry?.toStatus], ['moderator', 'rejected', 'rejected']);
    await page.getByRole('link', { name: 'Decision log' }).click();
    const change = page.locator('table tbody tr').first().locator('td').nth(4);
    await change.waitFor();
    assert.equal(await change.innerText(), 'confirmed: Rejected');
  });

  it('draws the tab chosen last even when the tab left behind answers later', async () => {
    const waiting = await postComment(app.ctx, 'tabs-race-thread', { body: 'Still waiting in pending' });
    const rejected = await postComment(app.ctx, 'tabs-race-thread', { body: 'Already rejected' });
    await app.ctx.db.comment.update({ where: { id: rejected.comment.id }, data: { status: 'rejected' } });
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await context.route(`${app.origin}/api/v1/moderation/comments?status=pending*`, async (route) => {
      await held;
      await route.continue();
    });
    const page = await open('/admin', moderator);
    const pendingAnswer = page.waitForResponse((response) => response.url().includes('status=pending'));
    // While the pending tab's page is held back, the list says it is about to change.
    await page.locator('ol.items[aria-busy="true"]').waitFor();
    await page.locator('.tabs button[data-status="rejected"]').click();
    await item(page, rejected.comment.id).waitFor();
    assert.equal(await page.locator('ol.items').getAttribute('aria-busy'), null, 'the latest page is drawn: the list is no longer busy');
    release();
    await (await pendingAnswer).finished();
    // The late answer has been read by the page once a few turns of its event loop have passed.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
    assert.equal(await page.locator('ol.items').getAttribute('aria-busy'), null, 'a stale answer does not touch the busy state');
    assert.equal(await item(page, waiting.comment.id).count(), 0, 'the late answer of the pending tab is not drawn');
    assert.equal(await item(page, rejected.comment.id).count(), 1);
    assert.equal(await page.locator('.tabs button[aria-pressed="true"]').getAttribute('data-status'), 'rejected');
    // The tabs were drawn again (pressed state, counts): the keyboard's focus is still on the tab pressed.
    assert.equal(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.status), 'rejected');
  });

  it('rejects two selected comments in bulk, and Undo restores them', async () => {
    const ids = [(await postComment(app.ctx, 'bulk-thread')).comment.id, (await postComment(app.ctx, 'bulk-thread')).comment.id];
    const page = await open('/admin', moderator);
    await filterThread(page, 'bulk-thread');
    assert.equal(await page.locator('ol.items > li').count(), 2);
    await item(page, ids[0]!).getByRole('checkbox').check();
    await item(page, ids[1]!).focus();
    await page.keyboard.press('x');
    assert.match(await page.locator('.selected-count').innerText(), /Selected: 2/);
    await page.locator('.bulk button[data-bulk="reject"]').click();
    await notice(page).getByText('Comments rejected: 2.').waitFor();
    await page.locator('ol.items li.empty').waitFor();
    const statuses = async () => (await app.ctx.db.comment.findMany({ where: { id: { in: ids } } })).map((c) => c.status);
    assert.deepEqual(await statuses(), ['rejected', 'rejected']);
    await screenshot(page, 'admin-bulk-undo');
    // The focus is on Undo (the bulk button is disabled now, and the notice bar is at the end of the page): Enter undoes.
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Undo');
    await page.keyboard.press('Enter');
    await notice(page).getByText('Comments restored: 2.').waitFor();
    await item(page, ids[1]!).waitFor();
    await page.locator('ol.items article.item:focus').waitFor();
    assert.deepEqual(await statuses(), ['pending', 'pending']);
    await page.getByLabel('Select all').check();
    assert.match(await page.locator('.selected-count').innerText(), /Selected: 2/);
  });

  it('a bulk decision leaves alone a comment another moderator decided since it was ticked, and says so', async () => {
    const ids = [(await postComment(app.ctx, 'bulk-race')).comment.id, (await postComment(app.ctx, 'bulk-race')).comment.id];
    const page = await open('/admin', moderator);
    await filterThread(page, 'bulk-race');
    await page.getByLabel('Select all').check();
    assert.match(await page.locator('.selected-count').innerText(), /Selected: 2/);
    assert.equal(await page.locator('.bulk button[data-bulk="pending"]').isDisabled(), true, 'no "back to pending" in the Pending tab');
    assert.equal(await page.locator('.bulk button[data-bulk="approve"]').isDisabled(), false);
    // Meanwhile, another moderator marks the first one spam.
    const { auth } = await signIn(app.ctx, 'admin');
    const other = await app.ctx.request.post(`/api/v1/moderation/comments/${ids[0]}/decision`).set('Authorization', auth).send({ action: 'spam', expectedStatus: 'pending' });
    assert.equal(other.status, 200);
    await page.locator('.bulk button[data-bulk="approve"]').click();
    await notice(page).getByText('Comments approved: 1. Left alone because someone else decided them meanwhile: 1.').waitFor();
    const statuses = (await app.ctx.db.comment.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } })).map((c) => c.status);
    assert.deepEqual(statuses, ['spam', 'approved']);

    // When someone else decided every ticked comment, the batch changed nothing: it offers no Undo, which could only fail.
    const third = (await postComment(app.ctx, 'bulk-race')).comment.id;
    await filterThread(page, 'bulk-race');
    await page.getByLabel('Select all').check();
    await app.ctx.request.post(`/api/v1/moderation/comments/${third}/decision`).set('Authorization', auth).send({ action: 'reject', expectedStatus: 'pending' }).expect(200);
    await page.locator('.bulk button[data-bulk="approve"]').click();
    await notice(page).getByText('Comments approved: 0. Left alone because someone else decided them meanwhile: 1.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Undo' }).count(), 0);
    assert.equal((await app.ctx.db.comment.findUniqueOrThrow({ where: { id: third } })).status, 'rejected');
  });

  it('sends a button\'s request once however often it is clicked before the answer comes, and says it is busy meanwhile', async () => {
    let asked = 0;
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await context.route(`${app.origin}/api/v1/moderation/settings/preview`, async (route) => {
      asked += 1;
      await held;
      await route.continue();
    });
    const page = await open('/admin#settings', admin);
    const preview = page.getByRole('button', { name: 'Preview the effect' });
    await preview.click();
    await page.locator('button[aria-busy="true"]', { hasText: 'Preview the effect' }).waitFor();
    await preview.click();
    await preview.click();
    release();
    await page.locator('section.backtest').waitFor();
    await page.locator('button:not([aria-busy])', { hasText: 'Preview the effect' }).waitFor();
    assert.equal(asked, 1, 'one preview asked for');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Preview the effect', 'the button keeps the focus');
    await preview.click();
    await page.waitForFunction(() => document.querySelector('button[aria-busy="true"]') === null);
    assert.equal(asked, 2, 'clickable again once answered');
  });

  it('asks before unsaved settings are dropped by the language switch or the navigation', async () => {
    const page = await open('/admin#settings', admin);
    await page.getByRole('button', { name: 'Save', exact: true }).waitFor();
    // Untouched: nothing to ask.
    await page.getByRole('link', { name: 'Decision log' }).click();
    await page.locator('table.log').waitFor();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).waitFor();
    await page.getByLabel('Add a word').first().fill('zucchini');
    await page.getByRole('button', { name: 'Add', exact: true }).first().click();
    const asked: string[] = [];
    page.on('dialog', (dialog) => void (asked.push(dialog.message()), asked.length < 4 ? dialog.dismiss() : dialog.accept()));
    await page.getByRole('button', { name: 'العربية' }).click();
    await page.getByRole('link', { name: 'Decision log' }).click();
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.match(page.url(), /#settings$/);
    assert.match(await page.locator('.word-list textarea').first().inputValue(), /zucchini/, 'the draft is still there');
    assert.deepEqual(asked, ['Your changes to the settings are not saved. Leave without saving them?', 'Your changes to the settings are not saved. Leave without saving them?']);
    await page.getByRole('button', { name: 'Sign out' }).click();
    assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 1, 'still signed in');
    await page.getByRole('button', { name: 'العربية' }).click();
    await page.locator('html[lang="ar"]').waitFor();
    assert.equal(asked.length, 4);
  });

  it('names a word-list entry the server refuses by the entry itself, at the preview already, and saves nothing', async () => {
    const stored = await app.ctx.db.setting.findMany();
    const page = await open('/admin#settings', admin);
    await page.getByLabel('Add a word').first().fill('ـ');
    await page.getByRole('button', { name: 'Add', exact: true }).first().click();
    await page.getByRole('button', { name: 'Preview the effect' }).click();
    // The preview refuses what saving would refuse: no backtest of a policy that cannot be saved, and nothing to save.
    const refusal = notice(page).getByText(/Please correct: Banned words .*, the entry "ـ": This entry has no letter or digit/);
    await refusal.waitFor();
    assert.equal(await page.locator('section.backtest').count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Save', exact: true }).isDisabled(), true);
    assert.deepEqual(await app.ctx.db.setting.findMany(), stored);
    // The refused field says so itself, described by its message, and takes the focus: the fix goes there.
    const links = page.getByLabel('Most links before holding');
    const words = page.getByLabel('Banned words (rejected), one per line', { exact: true });
    const describedBy = async (control: typeof links) => page.locator(`[id="${await control.getAttribute('aria-describedby')}"]`).innerText();
    const focused = (control: typeof links) => control.evaluate((element) => element === document.activeElement);
    assert.equal(await words.getAttribute('aria-invalid'), 'true');
    assert.match(await describedBy(words), /the entry "ـ": This entry has no letter or digit/);
    assert.equal(await focused(words), true);
    // A number is named by its label too, not by the request's field (`policy.maxLinks`), in one sentence.
    await links.fill('-5');
    await page.getByRole('button', { name: 'Preview the effect' }).click();
    const number = notice(page).getByText(/^Please correct: .*Most links before holding: [^.]+\.$/);
    await number.waitFor();
    assert.doesNotMatch(await number.innerText(), /policy\.|\.\./);
    // The marks follow the latest answer: the number now, the list no longer.
    assert.equal(await links.getAttribute('aria-invalid'), 'true');
    assert.equal(await describedBy(links), 'Must be at least 0.');
    assert.equal(await focused(links), true);
    assert.equal(await words.getAttribute('aria-invalid'), null);
    await screenshot(page, 'admin-settings-refused-fields');
    // Corrected, the marks go with the next preview.
    await links.fill('2');
    await page.getByLabel('Add a word').first().fill('ـ');
    await page.getByRole('button', { name: 'Remove', exact: true }).first().click();
    await page.getByRole('button', { name: 'Preview the effect' }).click();
    await page.locator('section.backtest').waitFor();
    assert.equal(await page.locator('[aria-invalid="true"]').count(), 0);
    assert.equal(await page.locator('.field-error:not(:empty)').count(), 0);
  });

  it('shows the settings backtest before saving; a moderator cannot save', async () => {
    await setPolicy(app.ctx, { premoderation: 'none' });
    await postComment(app.ctx, 'settings-thread', { body: 'I love this rutabaga recipe' });
    await setPolicy(app.ctx, { premoderation: 'all' });
    const page = await open('/admin#settings', admin);
    const save = page.getByRole('button', { name: 'Save', exact: true });
    await save.waitFor();
    assert.equal(await save.isDisabled(), true, 'nothing to save before a preview');
    assert.equal(await page.getByText('Preview the effect of your changes, then save.').count(), 1, 'the greyed Save says why');
    await page.getByLabel('Add a word').first().fill('rutabaga');
    await page.getByLabel('Add a word').first().press('Enter');
    assert.match(await page.locator('textarea').first().inputValue(), /(^|\n)rutabaga$/, 'Enter adds the word');
    await page.getByRole('button', { name: 'Preview the effect' }).click();
    const backtest = page.locator('section.backtest');
    await backtest.waitFor();
    const summary = await backtest.locator('.summary').innerText();
    assert.match(summary, /Decided differently by the new rules: 1\./);
    // What the preview replays is how the rules would have decided; saving changes no stored comment, and it says so.
    assert.match(summary, /comments already stored keep their status/);
    assert.match(await backtest.innerText(), /Pending → Rejected: 1/, 'held under the current policy, rejected under the proposed one');
    assert.match(await backtest.innerText(), /rutabaga recipe/);
    assert.match(await backtest.locator('ul.why').first().innerText(), /banned_words Banned words: rutabaga/, "an example's reasons are said as the queue says them");
    await screenshot(page, 'admin-settings-backtest');
    await save.click();
    await notice(page).getByText('Settings saved.').waitFor();
    assert.equal((await postComment(app.ctx, 'settings-thread', { body: 'More rutabaga please' })).status, 'rejected');

    await page.getByRole('link', { name: 'Decision log' }).click();
    await page.locator('table.log tbody tr').first().waitFor();
    await screenshot(page, 'admin-log');
    await page.getByRole('link', { name: 'Authors, threads, accounts' }).click();
    await page.getByLabel('Author’s email').fill('Troll@Example.org');
    await page.getByLabel('Status', { exact: true }).selectOption('banned');
    await page.getByRole('button', { name: 'Set status' }).click();
    await notice(page).getByText('troll@example.org is now: Banned (sent to spam).').waitFor();
    await page.getByLabel('Thread key').fill('settings-thread');
    await page.getByLabel('Comments', { exact: true }).selectOption('true');
    await page.getByRole('button', { name: 'Apply' }).click();
    await notice(page).getByText('Thread settings-thread is closed.').waitFor();
    assert.equal((await app.ctx.db.thread.findUniqueOrThrow({ where: { key: 'settings-thread' } })).closed, true);
    // A moderator corrects the article's title and address; the thread stays closed.
    await page.getByLabel('Comments', { exact: true }).selectOption('');
    await page.getByLabel('Article title (blank: unchanged)').fill('The real headline');
    await page.getByLabel('Article address (blank: unchanged)').fill('https://news.example/real-article');
    await page.getByRole('button', { name: 'Apply' }).click();
    await notice(page).getByText('Thread settings-thread is saved.').waitFor();
    const corrected = await app.ctx.db.thread.findUniqueOrThrow({ where: { key: 'settings-thread' } });
    assert.deepEqual([corrected.title, corrected.url, corrected.closed, corrected.describedBy], ['The real headline', 'https://news.example/real-article', true, 'moderator']);
    await screenshot(page, 'admin-tools');
    // A refused field is named, with why.
    await page.getByLabel('Article address (blank: unchanged)').fill('javascript:alert(1)');
    await page.getByRole('button', { name: 'Apply' }).click();
    await notice(page).getByText(/url: This value is not valid\./).waitFor();
    await page.getByLabel('Article address (blank: unchanged)').fill('');
    // The next thread named gets none of that one's title, address or state.
    await page.getByLabel('Thread key').fill('another-thread');
    await page.getByLabel('Comments', { exact: true }).selectOption('true');
    await page.getByRole('button', { name: 'Apply' }).click();
    await notice(page).getByText('Thread another-thread is closed.').waitFor();
    const another = await app.ctx.db.thread.findUniqueOrThrow({ where: { key: 'another-thread' } });
    assert.deepEqual([another.title, another.url], [null, null]);

    const modPage = await context.browser()!.newContext().then(async (other) => {
      await signInWithToken(other, app, moderator);
      const p = await other.newPage();
      await p.goto(`${app.origin}/admin#settings`);
      return p;
    });
    await modPage.getByText('Only administrators can change the settings').waitFor();
    assert.equal(await modPage.getByRole('button', { name: 'Save', exact: true }).count(), 0);
    await modPage.context().close();
  });

  it("says a backtest example's reasons in the dashboard's language", async () => {
    await setPolicy(app.ctx, { premoderation: 'none', bannedWords: [] });
    await postComment(app.ctx, 'settings-ar', { body: 'تعليق نُشر فورًا' });
    const page = await open('/admin?lang=ar#settings', admin);
    await page.getByLabel('الإشراف المسبق').selectOption('all');
    await page.getByRole('button', { name: 'معاينة الأثر' }).click();
    await page.locator('section.backtest ul.why').first().getByText('يُراجَع كل تعليق قبل نشره.').waitFor();
    assert.doesNotMatch(await page.locator('section.backtest').innerText(), /Premoderation|reviewed/, 'no English');
    await screenshot(page, 'admin-settings-backtest-ar');
  });

  it('says which stored policy fields are not in force, instead of dropping them silently', async () => {
    const stored = ((await app.ctx.db.setting.findUnique({ where: { key: 'moderation.policy' } }))?.value ?? {}) as object;
    await writeSetting(app.ctx.db, 'moderation.policy', { ...stored, maxLinks: -1 }, null, app.ctx.clock.now());
    const page = await open('/admin#settings', admin);
    const problems = page.locator('.problems[role="alert"]');
    await problems.waitFor();
    assert.match(await problems.innerText(), /these fields use their defaults[\s\S]*Most links before holding: Too small/);
    await screenshot(page, 'admin-settings-invalid-policy');
    // The service logged the invalid policy as it should; that line is expected here.
    const logged = app.ctx.errorLogs.findIndex((line) => line.includes('the stored moderation policy is invalid'));
    assert.ok(logged >= 0);
    app.ctx.errorLogs.splice(logged, 1);
  });

  it('renders the Arabic dashboard right-to-left', async () => {
    await postComment(app.ctx, 'ar-thread', { threadTitle: 'ميزانية البلدية', body: 'تعليق بالعربية مع كلمة English في الوسط', authorName: 'ليلى' });
    const page = await open('/admin?lang=ar');
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    assert.equal(await page.locator('html').getAttribute('lang'), 'ar');
    await screenshot(page, 'admin-login-ar');
    await signInThroughForm(page, moderator, ARABIC_LOGIN);
    await page.locator('article.item').first().waitFor();
    assert.equal(await page.locator('main').evaluate((el) => getComputedStyle(el).direction), 'rtl');
    await page.getByRole('button', { name: 'قبول' }).first().waitFor();
    const article = await page.locator('article.item').first().boundingBox();
    const box = await page.locator('article.item').first().locator('input.select').boundingBox();
    assert.ok(article && box && article.x + article.width - (box.x + box.width) < 40, 'the checkbox starts at the right edge');
    const reasons = page.locator('article.item').first().locator('.reasons');
    assert.match(await reasons.innerText(), /يُراجَع كل تعليق قبل نشره\./, 'the reason is said in Arabic');
    await screenshot(page, 'admin-queue-ar');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'admin-queue-ar-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('button', { name: 'English' }).click();
    assert.equal(await page.locator('html').getAttribute('dir'), 'ltr');
    await page.getByRole('button', { name: 'Approve' }).first().waitFor();
    assert.match(await page.locator('article.item').first().locator('.reasons').innerText(), /Every comment is reviewed before publication\./);
  });

  it('says flag reasons in Arabic, and points the decision log\'s change from the old status to the new one, right to left', async () => {
    const flagged = await approvedComment(app.ctx, 'ar-flags', { body: 'تعليق أبلغ عنه قارئ', authorName: 'سلمى' });
    await setPolicy(app.ctx, { flagThreshold: 1 });
    const report = await app.ctx.request.post(`/api/v1/comments/${flagged.comment.id}/flags`).set('X-Forwarded-For', '198.51.100.31').send({ reason: 'abuse', note: 'لغة مسيئة' });
    assert.equal(report.status, 202, report.text);
    const page = await open('/admin?lang=ar', moderator);
    await page.locator('.tabs button[data-status="flagged"]').click();
    const flags = item(page, flagged.comment.id).locator('.flags');
    await flags.waitFor();
    assert.match(await flags.innerText(), /مسيء أو يحض على الكراهية/);
    assert.doesNotMatch(await flags.innerText(), /abuse/);
    await page.getByRole('link', { name: 'سجل القرارات' }).click();
    const change = page.locator('table tbody tr').first().locator('td').nth(4);
    await change.waitFor();
    assert.match(await change.innerText(), /^مقبولة ← مُبلّغ عنها/, 'read right to left: from the old status to the new');
    assert.equal(await page.locator('table tbody tr').first().locator('td').nth(5).innerText(), 'بلاغات القرّاء: 1', 'the note Majlis wrote, in Arabic');
  });

  it('shows a script payload as text and runs nothing', async () => {
    const payload = '<img src=x onerror="window.__pwned=1">';
    const posted = await postComment(app.ctx, 'xss-thread', { body: payload, authorName: '<b onmouseover="window.__pwned=2">Eve</b>', threadTitle: '<img src=y onerror="window.__pwned=3">' });
    const page = await open('/admin', moderator);
    await item(page, posted.comment.id).waitFor();
    assert.equal(await item(page, posted.comment.id).locator('p.body').innerText(), payload);
    assert.equal(await page.locator('main img, main b').count(), 0);
    await item(page, posted.comment.id).hover();
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  });

  it('answers a published comment as staff: the reply is public at once with the staff badge and the name chosen', async () => {
    const question = await approvedComment(app.ctx, 'staff-thread', { body: 'Where are the council tables?', authorName: 'Omar', threadTitle: 'Council budget' });
    const page = await open('/admin', moderator);
    await page.locator('.tabs button[data-status="approved"]').click();
    const asked = item(page, question.comment.id);
    await asked.waitFor();
    assert.equal(await asked.locator('.badge.ident').innerText(), 'Typed only', 'the queue says how the author was identified');
    assert.equal(await asked.getByRole('textbox', { name: 'Your reply to Omar' }).isVisible(), false, 'the form opens on demand');
    await asked.getByRole('button', { name: 'Reply as staff' }).click();
    await asked.getByRole('textbox', { name: 'Your reply to Omar' }).fill('They are linked at the end of the article now.');
    await asked.getByRole('textbox', { name: 'Shown as' }).fill('Budget desk');
    await asked.getByRole('button', { name: 'Publish reply' }).click();
    await notice(page).getByText(`Your reply to comment ${question.comment.id} is published`).waitFor();
    const answer = page.locator('article.item', { hasText: 'They are linked at the end of the article now.' });
    await answer.waitFor();
    assert.equal(await answer.locator('.badge.ident').innerText(), 'Staff');
    await screenshot(page, 'admin-staff-reply-en');

    const thread = await app.ctx.request.get('/api/v1/threads/staff-thread/comments');
    const reply = thread.body.comments[0].replies[0];
    assert.equal(reply.body, 'They are linked at the end of the article now.');
    assert.equal(reply.authorName, 'Budget desk');
    assert.deepEqual(reply.badges, ['staff']);
    // The name is remembered for the next reply in this browser.
    await page.reload();
    await page.locator('.tabs button[data-status="approved"]').click();
    await item(page, question.comment.id).getByRole('button', { name: 'Reply as staff' }).click();
    assert.equal(await item(page, question.comment.id).getByRole('textbox', { name: 'Shown as' }).inputValue(), 'Budget desk');
  });

  it('says when an approved reply is hidden with the comment above it, and offers no staff reply to it', async () => {
    const opening = await approvedComment(app.ctx, 'hidden-above', { body: 'An opening comment a moderator rejects later.' });
    const reply = await approvedComment(app.ctx, 'hidden-above', { body: 'An approved reply beneath it.', parentId: opening.comment.id });
    await setStatus(app.ctx, opening.comment.id, 'rejected');
    const page = await open('/admin', moderator);
    await page.locator('.tabs button[data-status="approved"]').click();
    const hidden = item(page, reply.comment.id);
    await hidden.waitFor();
    assert.equal(await hidden.locator('.badge.hidden-above').innerText(), 'Hidden with the comment above it');
    assert.equal(await hidden.getByRole('button', { name: 'Reply as staff' }).count(), 0);
    await screenshot(page, 'admin-hidden-above-en');
    const arabic = await open('/admin?lang=ar', moderator);
    await arabic.locator('.tabs button[data-status="approved"]').click();
    const hiddenInArabic = item(arabic, reply.comment.id).locator('.badge.hidden-above');
    await hiddenInArabic.waitFor();
    assert.equal(await hiddenInArabic.innerText(), 'مخفي مع التعليق الذي فوقه');
    await screenshot(arabic, 'admin-hidden-above-ar');
    await setStatus(app.ctx, opening.comment.id, 'approved');
    await page.reload();
    await page.locator('.tabs button[data-status="approved"]').click();
    await item(page, reply.comment.id).getByRole('button', { name: 'Reply as staff' }).waitFor();
    assert.equal(await item(page, reply.comment.id).locator('.badge.hidden-above').count(), 0);
  });

  it('opens a signed-in author\'s account under their comment: its comments across threads, and bans it', async () => {
    const account = await app.ctx.db.account.create({
      data: { issuer: 'https://news.example', subject: 'cms-77', displayName: 'Huda Salem', email: 'huda@news.example', badges: ['subscriber'], createdAt: app.ctx.clock.now(), lastSeenAt: app.ctx.clock.now() },
    });
    const first = await postComment(app.ctx, 'account-thread-1', { body: 'First thoughts on the budget' });
    const second = await postComment(app.ctx, 'account-thread-2', { body: 'A second thread, the same reader' });
    await app.ctx.db.comment.updateMany({ where: { id: { in: [first.comment.id, second.comment.id] } }, data: { accountId: account.id, identifiedBy: 'signed_in' } });
    const page = await open('/admin', moderator);
    const held = item(page, second.comment.id);
    await held.waitFor();
    assert.equal(await held.locator('.badge.ident').innerText(), 'Signed in');
    await held.getByText(`Signed-in account #${account.id}`).click();
    await held.getByText('First thoughts on the budget').waitFor();
    assert.equal(await held.locator('.account-comments li').count(), 2, 'both threads');
    await held.getByLabel('Standing of the account').selectOption('banned');
    await held.getByRole('button', { name: 'Save standing' }).click();
    await notice(page).getByText(`Account #${account.id} is now`).waitFor();
    assert.equal((await app.ctx.db.author.findUniqueOrThrow({ where: { emailKey: `~account:${account.id}` } })).status, 'banned');
    await screenshot(page, 'admin-account-panel-en');
  });

  it("lets an admin add a moderator, set a new password and take the access away from Tools; a moderator sees no team; axe finds nothing serious", async () => {
    // A moderator changes their own password, and sees no team.
    const own = await createAccount(app, 'moderator');
    const asModerator = await open('/admin#tools', own);
    const ownForm = asModerator.locator('form', { has: asModerator.getByRole('heading', { name: 'Your password' }) });
    await ownForm.getByLabel('Current password').fill(own.password);
    await ownForm.getByLabel('New password').fill('my very own new password');
    await ownForm.getByRole('button', { name: 'Change my password' }).click();
    await notice(asModerator).getByText('Your password is changed; your other sessions have ended.').waitFor();
    assert.equal((await app.ctx.request.post('/api/v1/auth/login').send({ email: own.email, password: 'my very own new password' })).status, 200);
    assert.equal(await asModerator.getByRole('heading', { name: 'Moderator accounts' }).count(), 0);
    await context.close();
    // axe is injected as an inline script, which the page's CSP rightly forbids.
    context = await browser.newContext({ locale: 'en-GB', bypassCSP: true, viewport: { width: 1100, height: 900 } });
    const page = await open('/admin#tools', admin);
    await page.getByRole('heading', { name: 'Moderator accounts' }).waitFor();
    const add = page.locator('form', { has: page.getByRole('heading', { name: 'Add an account' }) });
    await add.getByLabel('Email address').fill('desk-new@newsroom.example');
    await add.getByLabel('Password', { exact: true }).fill('a long enough password');
    await add.getByRole('button', { name: 'Add account' }).click();
    await notice(page).getByText(/desk-new@newsroom\.example.* can now sign in as: moderator\./).waitFor();
    const row = page.locator('li.team-account', { hasText: 'desk-new@newsroom.example' });
    await row.waitFor();
    const signInAs = (password: string) => app.ctx.request.post('/api/v1/auth/login').send({ email: 'desk-new@newsroom.example', password });
    assert.equal((await signInAs('a long enough password')).status, 200);

    await row.getByLabel('New password').fill('a replacement password');
    await row.getByRole('button', { name: 'Set password' }).focus();
    await page.keyboard.press('Enter');
    await notice(page).getByText(/New password set for/).waitFor();
    // The list is drawn again; the focus is back on the button, in the new row, which names its account.
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Set password — desk-new@newsroom.example');
    assert.equal((await signInAs('a long enough password')).status, 401);
    assert.equal((await signInAs('a replacement password')).status, 200);

    await row.getByRole('button', { name: 'Take access away' }).click();
    await notice(page).getByText(/can no longer sign in/).waitFor();
    await page.locator('li.team-account', { hasText: 'desk-new@newsroom.example' }).getByText('no access').waitFor();
    assert.equal((await signInAs('a replacement password')).status, 401);
    assert.deepEqual(await seriousViolations(page), []);
    await screenshot(page, 'admin-team-en');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${app.origin}/admin?lang=ar#tools`);
    await page.getByRole('heading', { name: 'حسابات المشرفين' }).waitFor();
    await page.locator('li.team-account', { hasText: 'desk-new@newsroom.example' }).getByText('بلا صلاحية').waitFor();
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'nothing to scroll sideways on a phone');
    await screenshot(page, 'admin-team-ar-phone');
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.deepEqual(await seriousViolations(page), [], 'Arabic, dark, on a phone');
    await screenshot(page, 'admin-team-ar-phone-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // An admin hands over: makes desk-new an admin, then steps down; the page says so and drops the team.
    await page.goto(`${app.origin}/admin#tools`);
    const ownRow = page.locator('li.team-account', { hasText: admin.email });
    assert.equal(await ownRow.getByRole('button', { name: /Take access away/ }).count(), 0, 'not offered on one\'s own account');
    const desk = page.locator('li.team-account', { hasText: 'desk-new@newsroom.example' });
    await desk.getByLabel('Role', { exact: true }).selectOption('admin');
    await desk.getByRole('button', { name: 'Change role' }).click();
    await notice(page).getByText(/is now: administrator/).waitFor();
    await ownRow.getByLabel('Role', { exact: true }).selectOption('moderator');
    await ownRow.getByRole('button', { name: 'Change role' }).click();
    await notice(page).getByText(/is now: moderator\./).waitFor();
    await page.getByRole('heading', { name: 'Your password' }).waitFor();
    assert.equal(await page.getByRole('heading', { name: 'Moderator accounts' }).count(), 0);
    assert.match(await page.locator('.user').innerText(), /\(moderator\)/);
    await app.ctx.db.moderator.update({ where: { email: admin.email }, data: { role: 'admin' } });
  });

  it('reflows at 400 % zoom (320 × 256 CSS pixels): settings and queue scroll one way only, and the toolbar leaves room to read', async () => {
    await postComment(app.ctx, 'zoom-thread', { body: 'A comment to read at 400 %', threadTitle: 'Zoom thread', threadUrl: 'https://news.example/zoom' });
    const page = await open('/admin', admin);
    await page.setViewportSize({ width: 320, height: 256 });
    await page.locator('article.item').first().waitFor();
    const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.equal(await sideways(), 0, 'the queue');
    // The toolbar sticks to the top of a tall screen; at this height (175 px of 256) it would cover what it sits on.
    const position = () => page.locator('.toolbar').first().evaluate((element) => getComputedStyle(element).position);
    assert.equal(await position(), 'static');
    await page.setViewportSize({ width: 320, height: 640 });
    assert.equal(await position(), 'sticky', 'a phone held upright keeps it');
    await page.setViewportSize({ width: 320, height: 256 });
    await screenshot(page, 'admin-queue-zoom-400');
    await page.goto(`${app.origin}/admin#settings`);
    await page.getByLabel('Most links before holding').waitFor();
    assert.equal(await sideways(), 0, 'the settings');
    await screenshot(page, 'admin-settings-zoom-400');
  });

  it('has no serious or critical axe violations with the queue showing', async () => {
    await context.close();
    context = await browser.newContext({ locale: 'en-GB', bypassCSP: true });
    await setPolicy(app.ctx, { bannedWords: ['scoundrel'] });
    await postComment(app.ctx, 'axe-thread', { body: 'What a scoundrel', threadTitle: 'Axe thread', threadUrl: 'https://news.example/axe' });
    const page = await open('/admin', moderator);
    await page.locator('.tabs button[data-status="rejected"]').click();
    await page.locator('article.item mark').first().waitFor();
    const violations = await seriousViolations(page);
    assert.deepEqual(violations, []);
    // A moderator whose system asks for dark gets the dark palette, as readable.
    await page.emulateMedia({ colorScheme: 'dark' });
    assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor), 'rgb(13, 17, 23)');
    assert.equal(await page.locator('article.item').first().evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(22, 27, 34)');
    assert.deepEqual(await seriousViolations(page), [], 'in dark');
    await screenshot(page, 'admin-queue-en-dark');
  });
});
