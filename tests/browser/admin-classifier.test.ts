// The classifier in the dashboard: what the model learned and may vote on, thresholds from the
// newsroom's own decisions, the queue by risk with the words that raised a score highlighted, and
// "approve the least risky" undoable like every bulk action.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Label } from '../../src/classifier/index.js';
import { postComment, restorePolicyAfterEach, setPolicy, signIn } from '../factories.js';
import { syntheticExamples } from '../unit/classifier/examples.js';
import { createAccount, signInWithToken, watch, type Account } from './admin-helpers.js';
import { closeAll, screenshot, seriousViolations, startAppAndBrowser, type LiveApp } from './harness.js';

let app: LiveApp;
let browser: Browser;
let context: BrowserContext;
let admin: Account;
let seen: ReturnType<typeof watch>;

before(async () => {
  [app, browser] = await startAppAndBrowser({ CLASSIFIER_MIN_DECISIONS: '10' });
  admin = await createAccount(app, 'admin');
  // Moderators decide a few dozen comments, and an admin trains the model on their decisions.
  const { auth } = await signIn(app.ctx, 'moderator');
  await setPolicy(app.ctx, { premoderation: 'all', floodIntervalSeconds: 0, bannedWords: [], suspectWords: [] });
  const ids: Record<Label, number[]> = { acceptable: [], abusive: [], spam: [] };
  for (const [i, example] of syntheticExamples({ acceptable: 15, abusive: 15, spam: 12 }, 5).entries()) {
    ids[example.label].push((await postComment(app.ctx, `seed-${i % 5}`, { body: `${example.text} #${i}` })).comment.id);
  }
  const actions: Record<Label, string> = { acceptable: 'approve', abusive: 'reject', spam: 'spam' };
  for (const label of Object.keys(ids) as Label[]) {
    await app.ctx.request.post('/api/v1/moderation/decisions').set('Authorization', auth).send({ ids: ids[label], action: actions[label] });
  }
  const trained = await app.ctx.request.post('/api/v1/moderation/model/train').set('Authorization', (await signIn(app.ctx, 'admin')).auth);
  assert.equal(trained.status, 200, trained.text);
});
after(() => closeAll(browser, app));
restorePolicyAfterEach(() => app.ctx);
// axe is injected as a script the page did not ask for, so contexts bypass the CSP; `watch` still reports CSP errors.
beforeEach(async () => {
  app.ctx.clock.advance(3600);
  await context?.close();
  context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1100, height: 900 }, bypassCSP: true });
  context.setDefaultTimeout(10_000);
});

async function open(path: string, locale = 'en-GB'): Promise<Page> {
  if (locale !== 'en-GB') {
    await context.close();
    context = await browser.newContext({ locale, viewport: { width: 1100, height: 900 }, bypassCSP: true });
  }
  await signInWithToken(context, app, admin);
  const page = await context.newPage();
  seen = watch(page);
  await page.goto(app.origin + path);
  return page;
}

describe('the classifier in the dashboard', () => {
  it('shows the model, and thresholds measured on comments decided since its training, with a suggestion to use', async () => {
    // Thresholds are measured on comments the model never learned from: posted after its training, then decided.
    const { auth } = await signIn(app.ctx, 'moderator');
    const fresh: Record<Label, number[]> = { acceptable: [], abusive: [], spam: [] };
    for (const [i, example] of syntheticExamples({ acceptable: 8, abusive: 6, spam: 0 }, 17).entries()) {
      fresh[example.label].push((await postComment(app.ctx, `unseen-${i % 3}`, { body: `${example.text} ~${i}` })).comment.id);
    }
    for (const label of ['acceptable', 'abusive'] as const) {
      await app.ctx.request.post('/api/v1/moderation/decisions').set('Authorization', auth).send({ ids: fresh[label], action: label === 'acceptable' ? 'approve' : 'reject' });
    }
    const page = await open('/admin#settings');
    const model = page.locator('section.model');
    await model.getByText('Model 1, trained').waitFor();
    assert.match(await model.innerText(), /It votes on: abuse and spam\./);
    await page.getByLabel('Hold at most this share of acceptable comments (%)').fill('10');
    await page.getByRole('button', { name: 'Preview the effect' }).click();
    const thresholds = page.locator('section.thresholds');
    await thresholds.waitFor();
    assert.ok((await thresholds.locator('tbody tr').count()) > 5);
    assert.doesNotMatch(await thresholds.innerText(), /has been decided yet/, 'measured on the comments decided since the training');
    const use = thresholds.getByRole('button', { name: 'Use the suggested threshold' });
    if ((await use.count()) > 0) {
      await use.click();
      assert.match(await page.getByLabel('Classifier: hold above this score (0–1)').inputValue(), /^0\.\d+$/);
    }
    await screenshot(page, 'admin-classifier-settings');
    assert.deepEqual(await seriousViolations(page), []);
    assert.deepEqual(seen.problems, []);
  });

  it('orders the queue by risk, highlights the words that raised a score, and approves the least risky in an undoable batch', async () => {
    await setPolicy(app.ctx, { premoderation: 'all', bannedWords: [], suspectWords: [] });
    const risky = await postComment(app.ctx, 'risk-view', { body: 'You are a stupid idiot who knows nothing about the schools. Really.' });
    const calm = await postComment(app.ctx, 'risk-view', { body: 'Thank you for this clear report on the budget. Really.' });
    const page = await open('/admin');
    await page.getByLabel('Order').selectOption('riskiest');
    await page.getByRole('button', { name: 'Filter' }).click();
    const first = page.locator('article.item').first();
    // The queue first shows newest first; the list is busy until the reordered page is drawn.
    await page.locator('ol.items:not([aria-busy])').waitFor();
    assert.equal(await first.getAttribute('data-id'), String(risky.comment.id));
    assert.match(await first.locator('.badge.risk').innerText(), /^Risk \d+%$/);
    const marked = await first.locator('p.body mark').allInnerTexts();
    assert.ok(marked.some((word) => /stupid|idiot/i.test(word)), JSON.stringify(marked));
    assert.match(await first.locator('.reasons').innerText(), /The classifier scores it 0\.\d+ \(abuse\); held/);
    await screenshot(page, 'admin-queue-by-risk');

    await page.getByLabel('How many').fill('1');
    await page.getByRole('button', { name: 'Approve the least risky' }).click();
    // One comment is "the least risky comment", not "the 1 least risky comments".
    await page.locator('#notice').getByText('Approved the least risky comment.').waitFor();
    assert.equal((await app.ctx.db.comment.findUniqueOrThrow({ where: { id: calm.comment.id } })).status, 'approved');
    assert.equal((await app.ctx.db.comment.findUniqueOrThrow({ where: { id: risky.comment.id } })).status, 'pending');
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.locator('#notice').getByText('Comments restored: 1.').waitFor();
    assert.equal((await app.ctx.db.comment.findUniqueOrThrow({ where: { id: calm.comment.id } })).status, 'pending');
    // Arabic has a wording of its own for one comment too.
    await page.getByRole('button', { name: 'العربية' }).click();
    await page.getByLabel('كم تعليقًا').fill('1');
    await page.getByRole('button', { name: 'وافق على الأقل خطرًا' }).click();
    await page.locator('#notice').getByText('تمت الموافقة على التعليق الأقل خطرًا.').waitFor();
    assert.equal((await app.ctx.db.comment.findUniqueOrThrow({ where: { id: calm.comment.id } })).status, 'approved');
    // Back in the queue for the next test, which reads its reasons in Arabic.
    await page.getByRole('button', { name: 'تراجع' }).click();
    await page.locator('#notice').getByText(/التعليقات المستعادة/).waitFor();
    assert.deepEqual(seen.problems, []);
  });

  it('explains the score in Arabic, right to left', async () => {
    const page = await open('/admin?lang=ar#settings', 'ar');
    await page.locator('section.model').getByText('النموذج 1').waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
    await screenshot(page, 'admin-classifier-settings-ar');
    // In the queue, the score's label is Arabic too, not the model's English name for it, and its number is written as the dashboard writes numbers.
    await page.getByRole('link', { name: 'قائمة الانتظار' }).click();
    const held = page.locator('.reasons li', { hasText: 'احتُجز' }).first();
    await held.waitFor();
    assert.match(await held.innerText(), /يقدّره المصنِّف بـ [٠0][٫.][٠-٩0-9]+ \(الإساءة\)؛ احتُجز/);
    const low = page.locator('.reasons li', { hasText: 'يشبه التعليقات التي قُبلت' }).first();
    assert.match(await low.innerText(), /يقدّره المصنِّف بـ [٠0][٫.][٠-٩0-9]+:/);
    assert.deepEqual(seen.problems, []);
  });

  // Last: it trains a model that is silent on abuse.
  it('a model silent on abuse says so beside a low score, and "approve the least risky" approves nothing', async () => {
    const { auth } = await signIn(app.ctx, 'moderator');
    const rejected = await app.ctx.db.comment.findMany({ where: { status: 'rejected' }, select: { id: true } });
    const back = await app.ctx.request.post('/api/v1/moderation/decisions').set('Authorization', auth).send({ ids: rejected.map((row) => row.id), action: 'pending' });
    assert.equal(back.status, 200, back.text);
    const trained = await app.ctx.request.post('/api/v1/moderation/model/train').set('Authorization', (await signIn(app.ctx, 'admin')).auth);
    assert.equal(trained.status, 200, trained.text);
    const status = await app.ctx.request.get('/api/v1/moderation/model/status').set('Authorization', auth);
    assert.deepEqual(status.body.readiness.labels, ['spam']);
    await setPolicy(app.ctx, { premoderation: 'all', bannedWords: [], suspectWords: [] });
    const insult = await postComment(app.ctx, 'risk-partial', { body: 'You are a stupid idiot who knows nothing about the schools. Really.' });

    const page = await open('/admin');
    const item = page.locator(`article.item[data-id="${insult.comment.id}"]`);
    await item.waitFor();
    assert.match(await item.locator('.reasons').innerText(), /The classifier scores it 0\.\d+ for spam only: it cannot judge abuse yet\./);
    await page.getByLabel('How many').fill('50');
    await page.getByRole('button', { name: 'Approve the least risky' }).click();
    await page.locator('#notice').getByText('The classifier cannot judge abuse yet, so a low score does not mean a comment is safe.', { exact: false }).waitFor();
    assert.equal(await app.ctx.db.comment.count({ where: { status: 'approved', id: { in: [insult.comment.id, ...rejected.map((row) => row.id)] } } }), 0);

    await page.getByRole('button', { name: 'العربية' }).click();
    const arabic = page.locator(`article.item[data-id="${insult.comment.id}"] .reasons`);
    await arabic.getByText('من حيث الإزعاج فقط: لا يستطيع بعدُ الحكم على الإساءة.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'وافق على الأقل خطرًا' }).click();
    await page.locator('#notice').getByText('لا يستطيع المصنِّف بعدُ الحكم على الإساءة', { exact: false }).waitFor();
    await screenshot(page, 'admin-queue-model-silent-on-abuse-ar');
    assert.deepEqual(seen.problems, []);
  });
});
