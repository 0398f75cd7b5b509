import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { issueCommenterKey } from '../../src/authors/commenter-key.js';
import { approvedComment, restorePolicyAfterEach, setPolicy } from '../factories.js';
import { closeAll, startAppAndBrowser, type LiveApp } from './harness.js';

let app: LiveApp;
let browser: Browser;
before(async () => {
  [app, browser] = await startAppAndBrowser({ THREAD_CACHE_MAX_AGE_SECONDS: '0', THREAD_CACHE_STALE_SECONDS: '0' });
});
after(() => closeAll(browser, app));
restorePolicyAfterEach(() => app.ctx);

describe('the commenter key from an email-confirmation link', () => {
  it('is kept by the widget, removed from the address bar, and makes the next comment come from a known author', async () => {
    const { ctx } = app;
    await setPolicy(ctx, { premoderation: 'first-time' });
    await approvedComment(ctx, 'demo-library-en', { authorEmail: 'confirmed@example.org', authorName: 'Confirmed' });
    const key = issueCommenterKey(ctx.config.SECRET, 'confirmed@example.org', { kind: 'mail' });

    const page = await browser.newPage();
    await page.goto(`${app.origin}/demo/en#majlis-commenter-key=${encodeURIComponent(key)}`);
    await page.waitForFunction(() => !location.hash.includes('majlis-commenter-key'));
    assert.equal(await page.evaluate(() => localStorage.getItem('majlis:commenterKey')), key);

    // The widget's form lives in its shadow root (section.m); the light DOM holds only the no-JS fallback.
    const form = page.locator('section.m form');
    await form.getByRole('textbox', { name: 'Comment', exact: true }).fill('Posted from the browser where I confirmed my address.');
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Confirmed');
    await form.getByRole('textbox', { name: 'Email', exact: true }).fill('confirmed@example.org');
    const posted = page.waitForResponse((r) => r.url().includes('/comments') && r.request().method() === 'POST');
    await page.locator('section.m').getByRole('button', { name: 'Post Comment' }).click();
    const body = (await (await posted).json()) as { status: string; comment: { id: number } };
    assert.equal(body.status, 'approved');
    const row = await ctx.db.comment.findUniqueOrThrow({ where: { id: body.comment.id } });
    assert.equal(row.knownAuthor, true);
    await page.close();
  });

  it('ignores a malformed key in the fragment', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.origin}/demo/en#majlis-commenter-key=%3Cscript%3E`);
    // The widget reads the fragment as it mounts; once its form shows, it has decided.
    await page.locator('section.m form').waitFor();
    assert.equal(await page.evaluate(() => localStorage.getItem('majlis:commenterKey')), null);
    await page.close();
  });
});
