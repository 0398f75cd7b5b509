import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { approvedComment } from '../factories.js';
import { closeAll, screenshot, startAppAndBrowser, type LiveApp } from './harness.js';

let HOST = '';
let app: LiveApp;
let browser: Browser;
let host: Server;

before(async () => {
  // A real second origin on loopback: Chrome's Private Network Access rules refuse a page on a
  // made-up public host (page.route) loading a script from 127.0.0.1.
  host = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(hostPage(app.origin)));
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  HOST = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  [app, browser] = await startAppAndBrowser({ ALLOWED_ORIGINS: HOST });
});
after(() =>
  closeAll(browser, app, {
    close: async () => {
      host?.closeAllConnections();
      await new Promise((resolve) => host?.close(resolve));
    },
  }),
);

/** A news site on another origin that embeds Majlis with one script tag, and styles everything loudly. */
function hostPage(origin: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Index</title>
<style>* { color: rgb(255, 0, 0) !important; font-family: monospace !important; } div, section { margin: 0; padding: 0; letter-spacing: 3px; }</style></head>
<body><h1>Front page</h1>
<ul><li>First story <span data-majlis-count="story-1">…</span></li><li>Second story <span data-majlis-count="story-2">…</span></li>
<li>First again <span data-majlis-count="story-1">…</span></li><li lang="ar">قصة <span data-majlis-count="story-2">…</span></li></ul>
<div data-majlis-thread="story-1"></div>
<div data-majlis-thread="story-2" data-majlis-lang="ar"></div>
<div id="later"></div>
<script src="${origin}/embed.js" async></script>
</body></html>`;
}

describe('embedding from another site', () => {
  it('loads two threads, fills every count from one request, resists the host CSS, and mounts threads added later', async () => {
    await approvedComment(app.ctx, 'story-1', { body: 'First thread comment' });
    await approvedComment(app.ctx, 'story-2', { body: 'تعليق في القصة الثانية' });
    await approvedComment(app.ctx, 'story-2', { body: 'Another one' });
    await approvedComment(app.ctx, 'story-3', { body: 'Mounted by a single-page app' });
    const context = await browser.newContext();
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const requests: URL[] = [];
    page.on('request', (request) => requests.push(new URL(request.url())));
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    await page.goto(`${HOST}/`);

    await page.locator('[data-majlis-thread="story-1"] section.m p.bd', { hasText: 'First thread comment' }).waitFor();
    await page.locator('[data-majlis-thread="story-2"] section.m p.bd', { hasText: 'تعليق في القصة الثانية' }).waitFor();
    assert.equal(await page.locator('[data-majlis-thread="story-2"] section.m').evaluate((el) => getComputedStyle(el).direction), 'rtl');
    assert.deepEqual(await page.locator('[data-majlis-count]').allInnerTexts(), ['1 comment', '2 comments', '1 comment', 'تعليقان']);
    assert.equal(requests.filter((url) => url.pathname === '/api/v1/counts').length, 1, 'one batched counts request');

    const label = page.locator('[data-majlis-thread="story-1"] section.m form label').first();
    assert.equal(await label.evaluate((el) => getComputedStyle(el).color), 'rgb(31, 35, 40)', 'the host page colours nothing inside');
    assert.equal(await label.evaluate((el) => getComputedStyle(el).letterSpacing), 'normal');
    assert.deepEqual(await page.evaluate(() => Object.keys(window.Majlis ?? {}).sort()), ['counts', 'login', 'logout', 'mount', 'scan']);

    await page.evaluate(() => {
      const element = document.createElement('div');
      element.setAttribute('data-majlis-thread', 'story-3');
      document.getElementById('later')?.appendChild(element);
      window.Majlis?.mount(element);
    });
    // Far below the fold, it waits until the reader scrolls near it: nothing loads while the page is idle.
    await page.waitForLoadState('networkidle');
    assert.equal(await page.evaluate(() => document.querySelector('[data-majlis-thread="story-3"]')?.shadowRoot ?? null), null, 'not loaded before it nears the viewport');
    await page.locator('[data-majlis-thread="story-3"]').scrollIntoViewIfNeeded();
    await page.locator('[data-majlis-thread="story-3"] section.m p.bd', { hasText: 'Mounted by a single-page app' }).waitFor();
    assert.deepEqual([...new Set(requests.map((url) => url.origin))].sort(), [HOST, app.origin].sort(), 'only the host and Majlis are contacted');
    await screenshot(page, 'host-two-threads');
    await context.close();
  });
});
