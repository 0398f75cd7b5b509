import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { approvedComment, restorePolicyAfterEach, setPolicy, setStatus } from '../factories.js';
import { closeAll, screenshot, seriousViolations, startAppAndBrowser, type LiveApp } from './harness.js';

// Everything a reader can do (issue 16), in real Chromium, on a news site of another origin that
// embeds the widget, in English and in Arabic.

let HOST = '';
let app: LiveApp;
let browser: Browser;
let host: Server;
let context: BrowserContext;

const WORDS = {
  en: { post: 'Post Comment', comment: 'Comment', name: 'Name', email: 'Email', report: 'Report', send: 'Send report', reported: 'Reported', pending: 'Awaiting moderation', edit: 'Edit', save: 'Save changes', del: 'Delete', deleted: 'Your comment was deleted.', approved: 'Your comment has been published.', sort: 'Sort by', more: 'Show more replies (2)', thanks: 'Thank you. A moderator will look at this comment.', ago: '5 minutes ago' },
  ar: { post: 'أرسل التعليق', comment: 'التعليق', name: 'الاسم', email: 'البريد الإلكتروني', report: 'إبلاغ', send: 'أرسل البلاغ', reported: 'تم الإبلاغ', pending: 'بانتظار المراجعة', edit: 'تعديل', save: 'احفظ التعديل', del: 'حذف', deleted: 'حُذف تعليقك.', approved: 'تم نشر تعليقك.', sort: 'الترتيب', more: 'عرض ردود أخرى (2)', thanks: 'شكرًا لك. سيراجع أحد المشرفين هذا التعليق.', ago: 'قبل ٥ دقائق' },
} as const;

/** A news page embedding thread `key`; `?fragment` includes the server-rendered thread first, `?bg=` paints the page. */
async function hostPage(url: URL): Promise<string> {
  const key = url.pathname.slice(1);
  const attributes = ['lang', 'theme', 'digits'].map((name) => (url.searchParams.get(name) ? ` data-majlis-${name}="${url.searchParams.get(name)}"` : '')).join('');
  const fragment = url.searchParams.has('fragment') ? await (await fetch(`${app.origin}/threads/${key}/fragment?lang=${url.searchParams.get('lang') ?? 'en'}`)).text() : '';
  const bg = url.searchParams.get('bg');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Story</title>
<style>body{margin:0;padding:1rem;font-family:serif;${bg ? `background:${bg};color:#eee` : ''}}</style></head>
<body><h1>A story</h1>${fragment ? fragment.replace('<section class="majlis"', `<section class="majlis"${attributes}`) : `<div data-majlis-thread="${key}"${attributes}></div>`}
<script src="${app.origin}/embed.js" async></script></body></html>`;
}

before(async () => {
  host = createServer((req, res) => {
    hostPage(new URL(req.url ?? '/', HOST)).then(
      (page) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  HOST = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  [app, browser] = await startAppAndBrowser({ ALLOWED_ORIGINS: HOST, THREAD_CACHE_MAX_AGE_SECONDS: '0', THREAD_CACHE_STALE_SECONDS: '0' });
});
after(() =>
  closeAll(browser, app, {
    close: async () => {
      host?.closeAllConnections();
      await new Promise((resolve) => host?.close(resolve));
    },
  }),
);
restorePolicyAfterEach(() => app.ctx);
beforeEach(async () => {
  app.ctx.clock.advance(3600);
  await context?.close();
  context = await newContext();
});

/** A browser whose clock shows the server's time, so "5 minutes ago" does not depend on today. */
async function newContext(options: { width?: number } = {}): Promise<BrowserContext> {
  const created = await browser.newContext({ locale: 'en-GB', viewport: { width: options.width ?? 1100, height: 900 } });
  created.setDefaultTimeout(10_000);
  await created.clock.setFixedTime(app.ctx.clock.now());
  return created;
}

async function open(path: string, on: BrowserContext = context): Promise<Page> {
  const page = await on.newPage();
  page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
  await page.goto(HOST + path);
  await page.locator('section.m form').waitFor();
  return page;
}

function thread(page: Page) {
  return page.locator('section.m');
}

function item(page: Page, id: number) {
  return page.locator(`section.m li[data-id="${id}"]`);
}

for (const lang of ['en', 'ar'] as const) {
  const w = WORDS[lang];
  describe(`a reader acting on comments (${lang})`, () => {
    it('follows a link in a comment safely, reports a comment once, and sees "5 minutes ago" with the full date on hover', async () => {
      const key = `acts-${lang}`;
      const linked = await approvedComment(app.ctx, key, { body: 'Source: https://example.org/report?id=7. Not javascript:alert(1) nor <a href="https://evil.example">here</a>', authorName: 'Huda' });
      app.ctx.clock.advance(5 * 60 - 60);
      await context.clock.setFixedTime(app.ctx.clock.now());
      // Arabic with the site's choice of Arabic-Indic digits (`data-majlis-digits="arab"`).
      const page = await open(`/${key}?lang=${lang}${lang === 'ar' ? '&digits=arab' : ''}`);
      const links = item(page, linked.comment.id).locator('p.bd a');
      assert.equal(await links.count(), 2, 'only the two http(s) addresses are links');
      assert.equal(await links.first().getAttribute('href'), 'https://example.org/report?id=7');
      assert.equal(await links.first().innerText(), 'https://example.org/report?id=7', 'the text shown is the real address');
      assert.equal(await links.first().getAttribute('rel'), 'ugc nofollow noopener');
      assert.equal(await links.nth(1).innerText(), 'https://evil.example', 'markup stays text; the address in it is shown as it is');
      const time = item(page, linked.comment.id).locator('time');
      assert.equal(await time.innerText(), w.ago);
      assert.match((await item(page, linked.comment.id).locator('a.pl').getAttribute('title')) ?? '', lang === 'ar' ? /٢٠/ : /20\d\d/, 'the full date on hover');

      await item(page, linked.comment.id).getByRole('button', { name: w.report }).click();
      const form = item(page, linked.comment.id).locator('form');
      await form.getByRole('radio').nth(1).check();
      await form.getByRole('textbox').fill('Insulting the author');
      assert.deepEqual(await seriousViolations(page), [], 'the report form is accessible');
      await form.getByRole('button', { name: w.send }).click();
      await item(page, linked.comment.id).getByText(w.thanks).waitFor();
      const flags = await app.ctx.db.flag.findMany({ where: { commentId: linked.comment.id } });
      assert.deepEqual(flags.map((f) => [f.reason, f.note]), [['abuse', 'Insulting the author']]);
      await screenshot(page, `reader-${lang}-reported`);
      await page.reload();
      await page.locator('section.m form').waitFor();
      assert.equal(await item(page, linked.comment.id).getByRole('button', { name: w.reported }).isDisabled(), true, 'once per reader');
    });

    it('keeps its own pending comment visible (marked) after reloads, edits and deletes within the window, hears the outcome once', async () => {
      const key = `own-${lang}`;
      await setPolicy(app.ctx, { premoderation: 'all', editWindowMinutes: 15 });
      const page = await open(`/${key}?lang=${lang}`);
      const form = thread(page).locator('form').last();
      await form.getByRole('textbox', { name: w.comment, exact: true }).fill('My first thought, pending');
      await form.getByRole('textbox', { name: w.name, exact: true }).fill('Salma');
      await form.getByRole('textbox', { name: w.email, exact: true }).fill(`salma-${lang}@example.org`);
      await form.getByRole('checkbox').nth(1).check();
      await form.getByRole('button', { name: w.post }).click();
      const mine = page.locator('section.m li.pd');
      await mine.getByText(w.pending).waitFor();
      assert.ok(await thread(page).locator('.no > div').evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement), 'focus moved to the notice');
      const stored = await app.ctx.db.comment.findFirstOrThrow({ where: { body: 'My first thought, pending' } });
      assert.equal(stored.notify, true, '"notify me" reached the server');

      assert.equal(await mine.locator('[data-act="reply"]').count(), 0, 'no Reply under a pending comment');
      await screenshot(page, `reader-${lang}-own-pending`);
      await page.reload();
      await mine.getByText(w.pending).waitFor();
      const stranger = await newContext();
      const other = await open(`/${key}?lang=${lang}`, stranger);
      assert.equal(await other.locator('section.m li').count(), 0, 'no other reader sees it');
      await stranger.close();

      await mine.getByRole('button', { name: w.edit }).click();
      assert.deepEqual(await seriousViolations(page), [], 'the edit form is accessible');
      await mine.getByRole('textbox').fill('My first thought, corrected');
      await mine.getByRole('button', { name: w.save }).click();
      await mine.getByText('My first thought, corrected').waitFor();
      assert.equal((await app.ctx.db.comment.findUniqueOrThrow({ where: { id: stored.id } })).body, 'My first thought, corrected');

      await setStatus(app.ctx, stored.id, 'approved');
      await page.reload();
      await thread(page).locator('.no').getByText(w.approved).waitFor();
      assert.equal(await item(page, stored.id).locator('.bg').count(), 0, 'no longer marked pending');
      await page.reload();
      await item(page, stored.id).waitFor();
      assert.equal(await thread(page).locator('.no').innerText(), '', 'the outcome is told once');

      await item(page, stored.id).getByRole('button', { name: w.del, exact: true }).click();
      await item(page, stored.id).getByRole('button', { name: w.del, exact: true }).click();
      await thread(page).locator('.no').getByText(w.deleted).waitFor();
      assert.equal(await item(page, stored.id).count(), 0);
      assert.equal(await app.ctx.db.comment.findUnique({ where: { id: stored.id } }), null, 'deleted (it had no replies)');
    });
  });
}

describe('finding one’s way and looking right', () => {
  for (const lang of ['en', 'ar'] as const) {
    it(`opens a permalink beyond the first page and highlights it, sorts, shows more replies, counts in the heading (${lang})`, async () => {
      const key = `long-${lang}`;
      const ids: number[] = [];
      for (let i = 0; i < 53; i += 1) ids.push((await approvedComment(app.ctx, key, { body: `${lang} comment ${i + 1}` })).comment.id);
      const root = ids[52]!;
      const replies: number[] = [];
      for (let i = 0; i < 5; i += 1) replies.push((await approvedComment(app.ctx, key, { body: `${lang} reply ${i + 1}`, parentId: root })).comment.id);
      const target = replies[4]!;
      // A regional locale with the site's choice of Latin digits (ar-EG would otherwise write ٥٨).
      const page = await open(`/${key}?lang=${lang === 'ar' ? 'ar-EG&digits=latn' : 'en-GB'}#comment-${target}`);
      const highlighted = page.locator('section.m li.hl');
      await highlighted.waitFor();
      assert.equal(await highlighted.getAttribute('data-id'), String(target), 'the reply on the second page, in a collapsed branch, is open and highlighted');
      assert.equal(await highlighted.locator('article').evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement), true, 'and focused');
      assert.equal(await page.locator('section.m h2').innerText(), lang === 'ar' ? '58 تعليقًا' : '58 comments', 'the count in the heading');
      await screenshot(page, `reader-${lang}-permalink`);

      const other = await open(`/${key}?lang=${lang}`);
      assert.equal(await other.locator(`section.m li[data-id="${root}"]`).count(), 0, 'the last comment is beyond the first page');
      await other.locator('section.m select').selectOption('newest');
      await other.locator(`section.m li[data-id="${root}"]`).waitFor();
      assert.equal(await other.locator('section.m div > ol > li').first().getAttribute('data-id'), String(root), 'newest first');
      const branch = other.locator(`section.m li[data-id="${root}"]`);
      assert.equal(await branch.locator(':scope > ol > li:visible').count(), 3);
      await branch.getByRole('button', { name: WORDS[lang].more }).click();
      assert.equal(await branch.locator(':scope > ol > li:visible').count(), 5);
      assert.deepEqual(await seriousViolations(other), []);
    });

    it(`takes over the server-rendered thread in place, without a "Loading" flash (${lang})`, async () => {
      const key = `flash-${lang}`;
      const text = lang === 'ar' ? 'عرضه الخادم أولًا' : 'Rendered by the server first';
      await approvedComment(app.ctx, key, { body: text, lang });
      const page = await context.newPage();
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route(`**/api/v1/threads/${key}/comments**`, async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(`${HOST}/${key}?fragment&lang=${lang}`);
      await page.locator('[data-majlis-thread]').scrollIntoViewIfNeeded();
      await page.waitForFunction(() => document.querySelector('[data-majlis-thread]')?.shadowRoot?.querySelector('slot') != null);
      assert.equal(await page.getByText(text).isVisible(), true, 'the server markup stays shown while the widget loads');
      assert.equal(await page.locator('[data-majlis-thread]').evaluate((el) => el.shadowRoot?.textContent ?? ''), '', 'no "Loading comments…" in its place');
      release();
      await page.locator('section.m form').waitFor();
      assert.equal(await page.locator('section.m li', { hasText: text }).count(), 1, 'the live thread took its place');
      assert.equal(await page.locator('form#respond').isVisible(), false);
    });
  }

  it('follows a dark host page (readable contrast) or the site’s choice, on phone and desktop, in both languages', async () => {
    await approvedComment(app.ctx, 'looks', { body: 'How does this look? https://example.org/a' });
    await approvedComment(app.ctx, 'looks', { body: 'كيف يبدو هذا؟', authorName: 'ليلى' });
    for (const [lang, width] of [['en', 1100], ['ar', 390]] as const) {
      const phoneOrDesktop = width < 600 ? 'phone' : 'desktop';
      const viewer = await newContext({ width });
      const dark = await open(`/looks?lang=${lang}&bg=%23111418`, viewer);
      const colours = await dark.locator('section.m p.bd').first().evaluate((el) => getComputedStyle(el).color);
      assert.equal(colours, 'rgb(230, 237, 243)', 'light text on the dark site');
      assert.equal(await dark.locator('section.m').getAttribute('class'), 'm dk');
      assert.deepEqual(await seriousViolations(dark), [], 'no contrast or other serious violation on the dark site');
      await screenshot(dark, `reader-${lang}-dark-${phoneOrDesktop}`);
      const light = await open(`/looks?lang=${lang}`, viewer);
      assert.equal(await light.locator('section.m').getAttribute('class'), 'm');
      await screenshot(light, `reader-${lang}-light-${phoneOrDesktop}`);
      const forced = await open(`/looks?lang=${lang}&theme=dark`, viewer);
      assert.equal(await forced.locator('section.m').getAttribute('class'), 'm dk', 'data-majlis-theme="dark" wins');
      await viewer.close();
    }
  });
});
