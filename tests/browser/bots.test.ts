import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { setPolicy } from '../factories.js';
import { autofillSavedAddress, closeAll, seriousViolations, startAppAndBrowser, type LiveApp } from './harness.js';

let app: LiveApp;
let browser: Browser;

before(async () => {
  [app, browser] = await startAppAndBrowser();
});
after(() => closeAll(browser, app));

describe('the widget and the bot defences', () => {
  it('solves a proof-of-work challenge for a risky post and sends it again; saved details never fill the honeypot; axe finds nothing serious', async () => {
    await setPolicy(app.ctx, { challengeWhen: ['new-author-with-links'] });
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

  it('sends the time the reader reached the form: a post a moment later goes to spam, one written at a person\'s pace is published', async () => {
    await setPolicy(app.ctx, { minSecondsToPost: 5, challengeWhen: [], premoderation: 'none' });
    app.ctx.clock.advance(600); // past the posting rate limit of the test before
    const post = async (body: string, thinkSeconds: number) => {
      const context = await browser.newContext({ locale: 'en-GB' });
      context.setDefaultTimeout(20_000);
      const page = await context.newPage();
      page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
      await page.goto(`${app.origin}/demo/en`);
      const section = page.locator('section.m');
      const form = section.locator('form');
      await form.waitFor();
      const ticketAsked = page.waitForResponse((response) => response.url().includes('/ticket'));
      await form.getByRole('textbox', { name: 'Comment', exact: true }).fill(body);
      assert.equal((await ticketAsked).status(), 200, 'the ticket is asked for when the reader reaches the form');
      await form.getByRole('textbox', { name: 'Name', exact: true }).fill('Salma Idris');
      await form.getByRole('textbox', { name: 'Email', exact: true }).fill('salma@example.org');
      app.ctx.clock.advance(thinkSeconds);
      await section.getByRole('button', { name: 'Post Comment' }).click();
      await section.locator('[role="status"]').getByText(/awaiting moderation|has been published/).waitFor();
      await context.close();
      return app.ctx.db.comment.findFirstOrThrow({ where: { body } });
    };
    // The ticket is stamped when the reader reaches the form: one who pastes what they wrote elsewhere sends at once.
    const hasty = await post('Written elsewhere, pasted and sent a moment after reaching the form.', 1);
    assert.equal(hasty.status, 'pending', 'held for a moderator, not lost in spam');
    assert.ok((hasty.reasons as Array<{ rule: string }>).some((reason) => reason.rule === 'form_timing'));
    assert.equal((hasty.signals as { secondsToPost: number }).secondsToPost, 1);
    app.ctx.clock.advance(600);
    const paced = await post('Written after reading the whole article, at a person\'s pace.', 40);
    assert.equal(paced.status, 'approved');
    await setPolicy(app.ctx, { minSecondsToPost: 0 });
  });

  it('Chromium\'s autofill of a saved address fills the name and email, never the honeypot, in the widget and on the no-JS page', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    await page.goto(`${app.origin}/demo/en`);
    await page.locator('section.m form').waitFor();
    const widgetField = `document.querySelector('[data-majlis-thread]').shadowRoot.querySelector('form input[name="authorName"]') ?? [...document.querySelectorAll('*')].map((el) => el.shadowRoot?.querySelector('form input[name="authorName"]')).find(Boolean)`;
    await autofillSavedAddress(page, widgetField);
    const widgetForm = page.locator('section.m form');
    assert.equal(await widgetForm.getByRole('textbox', { name: 'Name', exact: true }).inputValue(), 'Salma Idris');
    assert.equal(await widgetForm.getByRole('textbox', { name: 'Email', exact: true }).inputValue(), 'salma@example.org');
    assert.equal(await widgetForm.locator('input[name="homepage"]').inputValue(), '', 'the honeypot stays empty');
    await context.close();

    const plain = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: false });
    const plainPage = await plain.newPage();
    await plainPage.goto(`${app.origin}/threads/autofill-plain`);
    await autofillSavedAddress(plainPage, `document.querySelector('#respond input[name="authorName"]')`);
    assert.equal(await plainPage.locator('#respond input[name="authorName"]').inputValue(), 'Salma Idris');
    assert.equal(await plainPage.locator('#respond input[name="authorEmail"]').inputValue(), 'salma@example.org');
    assert.equal(await plainPage.locator('#respond input[name="homepage"]').inputValue(), '', 'the honeypot stays empty');
    await plain.close();
  });
});
