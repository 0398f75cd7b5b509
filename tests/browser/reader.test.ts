import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { approvedComment, setPolicy, setStatus } from '../factories.js';
import { screenshot, seriousViolations } from './harness.js';
import { app, context, item, newContext, open, thread, useReaderSite, WORDS } from './reader-site.js';

// Acting on comments (issue 16, item 1 and 2) in real Chromium, in English and in Arabic.

useReaderSite();

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
      await form.waitFor();
      // The report form comes in the second bundle (embed-extras.js), which numbers its ids too.
      const ids = await thread(page).evaluate((el) => Array.from((el.getRootNode() as ShadowRoot).querySelectorAll('[id]'), (node) => node.id));
      assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], 'no id twice in the shadow root');
      const email = thread(page).locator('form').last().getByRole('textbox', { name: w.email, exact: true });
      const describedBy = await email.evaluate((input) => {
        const root = input.getRootNode() as ShadowRoot;
        return (input.getAttribute('aria-describedby') ?? '').split(' ').map((id) => root.getElementById(id)?.className);
      });
      assert.deepEqual(describedBy, ['nt'], 'the email field is still described by the privacy note');
      // No reason is chosen beforehand; sent without one, the reader is asked to choose, and nothing is stored.
      assert.equal(await form.getByRole('radio', { checked: true }).count(), 0);
      await form.getByRole('button', { name: w.send }).click();
      await form.getByRole('alert').getByText(lang === 'en' ? 'Please choose why you are reporting this comment.' : 'من فضلك اختر سبب الإبلاغ عن هذا التعليق.').waitFor();
      assert.equal(await app.ctx.db.flag.count({ where: { commentId: linked.comment.id } }), 0);
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

    it('takes the focus to a refusal that names no field and keeps the text; a saved edit replaces the notice', async () => {
      const key = `refused-${lang}`;
      await setPolicy(app.ctx, { premoderation: 'none', floodIntervalSeconds: 0, editWindowMinutes: 15 });
      const page = await open(`/${key}?lang=${lang}`);
      const form = thread(page).locator('form').last();
      const text = lang === 'ar' ? 'قلتها مرة وأرسلتها مرتين من لوحة المفاتيح.' : 'Said once, sent twice from the keyboard.';
      await form.getByRole('textbox', { name: w.comment, exact: true }).fill(text);
      await form.getByRole('textbox', { name: w.name, exact: true }).fill('Karim');
      await form.getByRole('textbox', { name: w.email, exact: true }).fill(`karim-${lang}@example.org`);
      await form.getByRole('button', { name: w.post }).press('Enter');
      await thread(page).locator('.no').getByText(w.approved).waitFor();
      await form.getByRole('textbox', { name: w.comment, exact: true }).fill(text);
      await form.getByRole('button', { name: w.post }).press('Enter');
      const refusal = thread(page).locator('.no > div', { hasText: w.duplicate });
      await refusal.waitFor();
      assert.ok(await refusal.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement), 'the focus is on the refusal, not at the start of the page');
      assert.equal(await form.getByRole('textbox', { name: w.comment, exact: true }).inputValue(), text);

      const mine = item(page, (await app.ctx.db.comment.findFirstOrThrow({ where: { body: text } })).id);
      await mine.getByRole('button', { name: w.edit }).click();
      await mine.getByRole('textbox').fill(`${text} ✓`);
      await mine.getByRole('button', { name: w.save }).click();
      await thread(page).locator('.no').getByText(w.saved).waitFor();
      assert.equal(await thread(page).locator('.no').getByText(w.duplicate).count(), 0, 'the old refusal is gone');

      // A reaction the server refuses (the comment was taken down meanwhile) says why instead of doing nothing.
      const other = await approvedComment(app.ctx, key, { body: lang === 'ar' ? 'تعليق سيُحجب بعد قليل' : 'A comment taken down in a moment', authorName: 'Huda' });
      await page.reload();
      await item(page, other.comment.id).waitFor();
      await setStatus(app.ctx, other.comment.id, 'rejected');
      await item(page, other.comment.id).getByRole('button', { name: new RegExp(`^${w.respect}`) }).click();
      await thread(page).locator('.no').getByText(w.gone).waitFor();
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

      assert.deepEqual(await mine.locator(':scope > article button').allInnerTexts(), [w.edit, w.del], 'no Reply, reaction or report on a pending comment');
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
      // A tombstone keeps the decision log (docs/security.md, "The record stays"); readers no longer see it.
      assert.notEqual((await app.ctx.db.comment.findUniqueOrThrow({ where: { id: stored.id } })).deletedAt, null, 'deleted (it had no replies)');
    });
  });
}

