import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { restorePolicyAfterEach } from '../factories.js';
import { closeAll, startAppAndBrowser, type LiveApp } from './harness.js';

// A news site on another origin that embeds the widget, for the reader tests (issue 16); every
// browser context's clock shows the server's time, so "5 minutes ago" does not depend on today.

/** The embedding site's origin, the app, and the current test's browser context (fresh for each test). */
export let HOST = '';
export let app: LiveApp;
let browser: Browser;
let host: Server;
export let context: BrowserContext;

/** What the reader sees, in each language. */
export const WORDS = {
  en: { post: 'Post Comment', comment: 'Comment', name: 'Name', email: 'Email', report: 'Report', send: 'Send report', reported: 'Reported', pending: 'Awaiting moderation', edit: 'Edit', save: 'Save changes', del: 'Delete', deleted: 'Your comment was deleted.', approved: 'Your comment has been published.', sort: 'Sort by', more: 'Show more replies (2)', thanks: 'Thank you. A moderator will look at this comment.', ago: '5 minutes ago', duplicate: 'Duplicate comment detected', saved: 'Your changes are saved.', respect: 'Respect', gone: 'This comment does not exist.' },
  ar: { post: 'أرسل التعليق', comment: 'التعليق', name: 'الاسم', email: 'البريد الإلكتروني', report: 'إبلاغ', send: 'أرسل البلاغ', reported: 'تم الإبلاغ', pending: 'بانتظار المراجعة', edit: 'تعديل', save: 'احفظ التعديل', del: 'حذف', deleted: 'حُذف تعليقك.', approved: 'تم نشر تعليقك.', sort: 'الترتيب', more: 'عرض ردود أخرى (2)', thanks: 'شكرًا لك. سيراجع أحد المشرفين هذا التعليق.', ago: 'قبل ٥ دقائق', duplicate: 'تم اكتشاف تعليق مكرر', saved: 'حُفظت تعديلاتك.', respect: 'أحترم', gone: 'هذا التعليق غير موجود.' },
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

/** Starts the app, the embedding site and Chromium for the test file, and a fresh context per test. */
export function useReaderSite(): void {
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
}

/** A browser whose clock shows the server's time, so "5 minutes ago" does not depend on today. */
export async function newContext(options: { width?: number } = {}): Promise<BrowserContext> {
  const created = await browser.newContext({ locale: 'en-GB', viewport: { width: options.width ?? 1100, height: 900 } });
  created.setDefaultTimeout(10_000);
  await created.clock.setFixedTime(app.ctx.clock.now());
  return created;
}

/** Opens a page of the embedding site and waits for the widget's form. */
export async function open(path: string, on: BrowserContext = context): Promise<Page> {
  const page = await on.newPage();
  page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
  await page.goto(HOST + path);
  await page.locator('section.m form').waitFor();
  return page;
}

/** The live thread. */
export function thread(page: Page) {
  return page.locator('section.m');
}

/** One comment of the live thread. */
export function item(page: Page, id: number) {
  return page.locator(`section.m li[data-id="${id}"]`);
}

