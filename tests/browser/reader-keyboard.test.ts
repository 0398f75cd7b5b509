import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { approvedComment, setPolicy, signIn } from '../factories.js';
import { app, item, open, thread, useReaderSite, WORDS } from './reader-site.js';

// A reader on the keyboard keeps their place: after each action the focus is on what they acted on, or on what
// the action brought, never thrown back to the top of the page (found by a keyboard walk of the widget).

useReaderSite();

/** True when the focus (inside the widget's shadow root) is on this element. */
async function hasFocus(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement && document.activeElement !== document.body);
}

/** Waits until the focus is on the element (some answers come from the server first). */
async function focusReaches(page: Page, target: Locator, what: string): Promise<void> {
  for (let tries = 0; tries < 50; tries += 1) {
    if (await hasFocus(target)) return;
    await page.waitForTimeout(100);
  }
  assert.fail(`the focus is not on ${what}`);
}

describe('a reader on the keyboard', () => {
  it('stays on a reaction, comes back to Reply, Edit and Report when a form is cancelled (button or Escape), and goes on from the comments Load more brought', async () => {
    const w = WORDS.en;
    const key = 'keyboard-en';
    await setPolicy(app.ctx, { premoderation: 'none', floodIntervalSeconds: 0, editWindowMinutes: 15 });
    const first = await approvedComment(app.ctx, key, { body: 'The first of many comments.', authorName: 'Huda' });
    // One more than a page (50), so Load more brings the last one.
    for (let n = 2; n <= 51; n += 1) await approvedComment(app.ctx, key, { body: `Comment number ${n}.`, authorName: 'Omar' });
    const page = await open(`/${key}?lang=en`);
    const huda = item(page, first.comment.id);
    // Its name says whose comment it is for, as Reply and Report do; its text takes its own direction.
    const respect = huda.getByRole('button', { name: 'Respect: 0, the comment by Huda', exact: true });
    assert.equal(await huda.locator('p.bd').getAttribute('dir'), 'auto');

    await respect.focus();
    await page.keyboard.press('Enter');
    await huda.locator('button[aria-pressed="true"]').getByText('Respect: 1').waitFor();
    assert.ok(await hasFocus(huda.locator('button.rx')), 'the focus stays on the reaction');

    const reply = huda.getByRole('button', { name: 'Reply to Huda' });
    await reply.click();
    await huda.getByRole('textbox', { name: w.comment, exact: true }).fill('A thought I will not send');
    await page.keyboard.press('Escape');
    await thread(page).locator('form').last().waitFor();
    assert.equal(await huda.locator('form').count(), 0, 'Escape puts the form back under the thread');
    assert.ok(await hasFocus(reply), 'back on Reply after Escape');
    await reply.click();
    await huda.getByRole('button', { name: 'Cancel reply' }).click();
    assert.ok(await hasFocus(reply), 'back on Reply after Cancel reply');

    const report = huda.getByRole('button', { name: 'Report the comment by Huda' });
    await report.click();
    await huda.locator('form').getByRole('textbox').fill('half a note');
    await page.keyboard.press('Escape');
    assert.equal(await huda.locator('form').count(), 0);
    assert.ok(await hasFocus(report), 'back on Report after Escape');

    const form = thread(page).locator('form').last();
    await form.getByRole('textbox', { name: w.comment, exact: true }).fill('My own comment, to edit.');
    await form.getByRole('textbox', { name: w.name, exact: true }).fill('Karim');
    await form.getByRole('textbox', { name: w.email, exact: true }).fill('karim-keyboard@example.org');
    await form.getByRole('button', { name: w.post }).click();
    await thread(page).locator('.no').getByText(w.approved).waitFor();
    // A new try starts afresh: the last post's notice does not stay beside this one's field error.
    await form.getByRole('button', { name: w.post }).click();
    await form.getByText('Please enter your comment!').waitFor();
    assert.equal(await thread(page).locator('.no').innerText(), '');
    const own = await app.ctx.db.comment.findFirstOrThrow({ where: { body: 'My own comment, to edit.' } });
    const mine = item(page, own.id);
    const edit = mine.getByRole('button', { name: w.edit });
    await edit.click();
    await mine.getByRole('textbox').fill('Changed my mind');
    await page.keyboard.press('Escape');
    await mine.getByText('My own comment, to edit.').waitFor();
    assert.ok(await hasFocus(edit), 'back on Edit after Escape, the text as it was');
    // A live change that draws it again (an editor picks it; its own late events do the same) leaves the focus on Edit.
    const { auth } = await signIn(app.ctx);
    const pick = (id: number) => app.ctx.request.post(`/api/v1/moderation/comments/${id}/feature`).set('Authorization', auth).send({ featured: true }).expect(200);
    await pick(own.id);
    await mine.locator(':scope>article .bg').first().waitFor();
    assert.ok(await hasFocus(mine.getByRole('button', { name: w.edit })), 'still on Edit once it is drawn again');

    // A reply keeps the reader beside it (the thread may be long), not at the notice above the thread.
    await reply.click();
    await huda.getByRole('textbox', { name: w.comment, exact: true }).fill('An answer to Huda.');
    await huda.getByRole('button', { name: w.post }).click();
    await huda.locator('li p.bd').getByText('An answer to Huda.').waitFor();
    const answer = await app.ctx.db.comment.findFirstOrThrow({ where: { body: 'An answer to Huda.' } });
    await focusReaches(page, item(page, answer.id).locator('article').first(), 'the reply just posted');
    // A live change to it (an editor picks it) draws it again: the focus stays on it.
    await pick(answer.id);
    await item(page, answer.id).locator(':scope>article .bg').first().waitFor();
    assert.ok(await hasFocus(item(page, answer.id).locator('article').first()), 'still on the reply once it is drawn again');

    const more = thread(page).getByRole('button', { name: 'Load more comments' });
    await more.focus();
    await page.keyboard.press('Enter');
    await more.waitFor({ state: 'hidden' });
    const last = await app.ctx.db.comment.findFirstOrThrow({ where: { body: 'Comment number 51.' } });
    await focusReaches(page, item(page, last.id).locator('article').first(), 'the first comment Load more brought');
  });
});
