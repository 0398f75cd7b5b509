import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { postComment } from '../factories.js';
import { createAccount, signInWithToken, watch } from './admin-helpers.js';
import { closeAll, screenshot, startAppAndBrowser, type LiveApp } from './harness.js';

let app: LiveApp;
let browser: Browser;
before(async () => {
  [app, browser] = await startAppAndBrowser();
});
after(() => closeAll(browser, app));

const text = (i: number) =>
  `Win a brand new phone by answering three quick questions on our partner site, entries close ${['today', 'now', 'this week'][i]} so hurry and tell your friends too`;

describe('the dashboard campaign view', () => {
  it('marks a whole campaign spam with one click; its members leave the queue, and Undo brings them back', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 3; i += 1) ids.push((await postComment(app.ctx, `campaign-view-${i}`, { body: text(i) })).comment.id);
    const rows = await app.ctx.db.comment.findMany({ where: { id: { in: ids } } });
    assert.equal(new Set(rows.map((row) => row.campaignId)).size, 1, 'the three near-copies form one campaign');

    const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1100, height: 900 } });
    context.setDefaultTimeout(10_000);
    await signInWithToken(context, app, await createAccount(app, 'moderator'));
    const page = await context.newPage();
    const seen = watch(page);
    await page.goto(`${app.origin}/admin`);
    for (const id of ids) await page.locator(`article.item[data-id="${id}"]`).waitFor();
    const campaign = page.locator(`.campaigns-panel li[data-campaign="${rows[0]?.campaignId}"]`);
    await campaign.getByText('3 comments in 3 threads, 0 marked spam').waitFor();
    await screenshot(page, 'admin-campaigns');

    await campaign.getByRole('button', { name: 'Mark all as spam' }).click();
    await page.locator('#notice').getByText('Marked 3 comments of the campaign as spam.').waitFor();
    for (const id of ids) await page.locator(`article.item[data-id="${id}"]`).waitFor({ state: 'detached' });
    await campaign.getByText('All marked spam').waitFor();
    assert.deepEqual((await app.ctx.db.comment.findMany({ where: { id: { in: ids } } })).map((row) => row.status), ['spam', 'spam', 'spam']);

    await page.getByRole('button', { name: 'Undo' }).click();
    await page.locator('#notice').getByText('Comments restored: 3.').waitFor();
    for (const id of ids) await page.locator(`article.item[data-id="${id}"]`).waitFor();
    await campaign.getByRole('button', { name: 'Mark all as spam' }).waitFor();
    await context.close();
    assert.deepEqual(seen.problems, []);
  });
});
