import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { closeAll, seriousViolations, startAppAndBrowser, type LiveApp } from './harness.js';

let app: LiveApp;
let browser: Browser;

before(async () => {
  [app, browser] = await startAppAndBrowser();
});
after(() => closeAll(browser, app));

describe('the widget and the bot defences', () => {
  it('solves a proof-of-work challenge for a risky post and sends it again; saved details never fill the honeypot; axe finds nothing serious', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    context.setDefaultTimeout(20_000);
    // The reader ticked "save my details" last time, website included.
    await context.addInitScript(() => {
      window.localStorage.setItem('majlis:details', JSON.stringify({ authorName: 'Salma Idris', authorEmail: 'salma@example.org', authorUrl: 'https://salma.example' }));
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    await page.goto(`${app.origin}/demo/en`);
    await page.locator('[data-majlis-thread]').first().scrollIntoViewIfNeeded();
    const form = page.locator('section.m form');
    await form.waitFor();
    assert.equal(await form.getByRole('textbox', { name: 'Name', exact: true }).inputValue(), 'Salma Idris');
    assert.equal(await form.locator('input[name="homepage"]').inputValue(), '', 'the honeypot stays empty');
    assert.equal(await form.getByRole('textbox', { name: /leave this field empty/i }).count(), 0, 'the honeypot is not exposed to assistive technology');

    const text = 'The full budget tables are here: https://budget.example/tables — worth a look.';
    await form.getByRole('textbox', { name: 'Comment', exact: true }).fill(text);
    // Solve time: from the 428 reaching the page to the post that carries the solution.
    let challengedAt: number | null = null;
    let solveMs: number | null = null;
    page.on('response', (response) => {
      if (response.status() === 428) challengedAt = Date.now();
    });
    page.on('request', (request) => {
      const sent = request.method() === 'POST' ? (JSON.parse(request.postData() ?? '{}') as { challengeSolution?: string }) : {};
      if (sent.challengeSolution && challengedAt !== null) solveMs = Date.now() - challengedAt;
    });
    const started = Date.now();
    await page.locator('section.m').getByRole('button', { name: 'Post Comment' }).click();
    await page.locator('section.m [role="status"]').getByText('Your comment is awaiting moderation.').waitFor();
    const elapsed = Date.now() - started;
    console.log(`# proof of work at the default difficulty: solved in ${solveMs} ms in Chromium's worker; click to notice ${elapsed} ms`);
    assert.ok(solveMs !== null, 'the widget sent a solution');

    const row = await app.ctx.db.comment.findFirstOrThrow({ where: { body: text } });
    const signals = row.signals as { challenge: string; honeypot: boolean };
    assert.equal(signals.challenge, 'solved');
    assert.equal(signals.honeypot, false);
    assert.ok(elapsed < 10_000, `solved and posted in ${elapsed} ms`);
    await context.close();

    // axe is injected as an inline script, which the page's CSP rightly forbids.
    const axeContext = await browser.newContext({ locale: 'en-GB', bypassCSP: true });
    const axePage = await axeContext.newPage();
    await axePage.goto(`${app.origin}/demo/en`);
    await axePage.locator('[data-majlis-thread]').first().scrollIntoViewIfNeeded();
    await axePage.locator('section.m form').waitFor();
    assert.deepEqual(await seriousViolations(axePage), []);
    await axeContext.close();
  });
});
