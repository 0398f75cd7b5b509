import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { approvedComment, restorePolicyAfterEach, setPolicy, setStatus } from '../factories.js';
import { bodyLayout, closeAll, screenshot, seriousViolations, startAppAndBrowser, type LiveApp } from './harness.js';

let app: LiveApp;
let browser: Browser;
let context: BrowserContext;

before(async () => {
  // The browser's HTTP cache would otherwise keep a thread for its max-age across reloads.
  [app, browser] = await startAppAndBrowser({ THREAD_CACHE_MAX_AGE_SECONDS: '0', THREAD_CACHE_STALE_SECONDS: '0' });
});
after(() => closeAll(browser, app));
restorePolicyAfterEach(() => app.ctx);
beforeEach(async () => {
  app.ctx.clock.advance(3600);
  await context?.close();
  context = await browser.newContext({ locale: 'en-GB' });
  context.setDefaultTimeout(10_000);
});

/** Opens a page and records every request it makes. */
async function open(path: string): Promise<{ page: Page; requests: URL[] }> {
  const page = await context.newPage();
  const requests: URL[] = [];
  page.on('request', (request) => requests.push(new URL(request.url())));
  page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
  await page.goto(app.origin + path);
  await page.locator('[data-majlis-thread]').first().scrollIntoViewIfNeeded();
  await page.locator('section.m form').waitFor();
  return { page, requests };
}

/** Fills the widget's form (the live one inside the shadow root). */
async function fill(page: Page, values: { body?: string; name?: string; email?: string; url?: string }): Promise<void> {
  const form = page.locator('section.m form');
  if (values.body !== undefined) await form.getByRole('textbox', { name: 'Comment', exact: true }).fill(values.body);
  if (values.name !== undefined) await form.getByRole('textbox', { name: 'Name', exact: true }).fill(values.name);
  if (values.email !== undefined) await form.getByRole('textbox', { name: 'Email', exact: true }).fill(values.email);
  if (values.url !== undefined) await form.getByRole('textbox', { name: 'Website', exact: true }).fill(values.url);
}

async function latestCommentId(body: string): Promise<number> {
  const row = await app.ctx.db.comment.findFirstOrThrow({ where: { body }, orderBy: { id: 'desc' } });
  return row.id;
}

describe('the widget on the demo article', () => {
  it('posts a comment, shows it awaiting moderation with the text, and shows it after approval', async () => {
    const { page, requests } = await open('/demo/en');
    assert.ok(await page.evaluate(() => document.querySelector('[data-majlis-thread]')?.shadowRoot !== null), 'mounted in a shadow root');
    assert.equal(await page.locator('form#respond').isVisible(), false, 'the server-rendered form was taken over');
    const text = 'The reading room upstairs is lovely — شكرًا للمكتبة!';
    await fill(page, { body: text, name: 'Nadia Haddad', email: 'nadia@example.org' });
    await page.locator('section.m').getByRole('button', { name: 'Post Comment' }).click();
    const notice = page.locator('section.m [role="status"]');
    await notice.getByText('Your comment is awaiting moderation.').waitFor();
    assert.ok(await notice.locator('div[tabindex="-1"]').evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement), 'focus moved to the notice');
    const own = page.locator('section.m li.pd', { hasText: text });
    await own.getByText('Awaiting moderation').waitFor();
    assert.equal(await page.locator('section.m form').getByRole('textbox', { name: 'Comment', exact: true }).inputValue(), '');
    await screenshot(page, 'demo-en-pending');

    await setStatus(app.ctx, await latestCommentId(text), 'approved');
    await page.reload();
    await page.locator('[data-majlis-thread]').scrollIntoViewIfNeeded();
    const body = page.locator('section.m li p.bd', { hasText: text });
    await body.waitFor();
    assert.equal(await page.locator('section.m li bdi', { hasText: 'Nadia Haddad' }).count(), 1);
    await page.locator('aside [data-majlis-count="demo-library-en"]', { hasText: '1 comment' }).waitFor();
    await screenshot(page, 'demo-en-approved');

    const foreign = requests.filter((url) => url.origin !== app.origin);
    assert.deepEqual(foreign.map(String), [], 'no request leaves the app origin');
    assert.equal(requests.filter((url) => url.pathname === '/api/v1/counts').length, 2, 'one counts request per page load');
  });

  it('shows an approved comment in place at once, as a reply under its parent', async () => {
    await setPolicy(app.ctx, { premoderation: 'none' });
    const parent = await approvedComment(app.ctx, 'demo-library-en', { body: 'Parent comment for replies', authorName: 'Omar' });
    app.ctx.clock.advance(60);
    const { page } = await open('/demo/en');
    await page.locator('section.m').getByRole('button', { name: 'Reply to Omar' }).click();
    const form = page.locator(`section.m li[data-id="${parent.comment.id}"] form`);
    await form.getByRole('heading', { name: 'Leave a Reply to Omar' }).waitFor();
    assert.equal(await form.getByRole('textbox', { name: 'Comment', exact: true }).evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement), true, 'focus moves to the comment box');
    await fill(page, { body: 'A reply that goes straight out', name: 'Huda', email: 'huda@example.org' });
    await page.keyboard.press('Tab');
    await form.getByRole('button', { name: 'Post Comment' }).press('Enter');
    await page.locator('section.m [role="status"]').getByText('Your comment has been published.').waitFor();
    await page.locator(`section.m li[data-id="${parent.comment.id}"] > ol > li`, { hasText: 'A reply that goes straight out' }).waitFor();
  });

  it('a name with no spaces wraps on a phone instead of widening the article', async () => {
    const name = 'B'.repeat(99);
    await approvedComment(app.ctx, 'demo-library-en', { authorName: name, body: 'Under a long name' });
    await context.close();
    context = await browser.newContext({ locale: 'en-GB', viewport: { width: 390, height: 800 } });
    context.setDefaultTimeout(10_000);
    const { page } = await open('/demo/en');
    await page.locator('section.m').getByText(name).waitFor();
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
    assert.ok(scrollWidth <= clientWidth, `the article is ${scrollWidth} px wide in a ${clientWidth} px window`);
  });

  it('indents an Arabic comment on the English article like the others, its words on the right', async () => {
    const arabic = await approvedComment(app.ctx, 'demo-library-en', { authorName: 'هالة', body: 'تعليق قصير' });
    const english = await approvedComment(app.ctx, 'demo-library-en', { body: 'A short one' });
    const { page } = await open('/demo/en');
    const body = (id: number) => page.locator(`section.m li[data-id="${id}"] .bd`);
    await body(arabic.comment.id).waitFor();
    const [ar, en] = [await bodyLayout(body(arabic.comment.id)), await bodyLayout(body(english.comment.id))];
    assert.ok(en.indent > 30, `the English text is indented ${en.indent} px`);
    assert.deepEqual(ar, { indent: en.indent, hugs: 'right' });
    assert.equal(en.hugs, 'left');
    await screenshot(page, 'widget-en-arabic-comment');
  });

  it('renders the Arabic article right-to-left with Arabic labels', async () => {
    const { page } = await open('/demo');
    const root = page.locator('section.m');
    assert.equal(await root.evaluate((el) => getComputedStyle(el).direction), 'rtl');
    assert.equal(await root.getAttribute('lang'), 'ar');
    for (const label of ['التعليق', 'الاسم', 'البريد الإلكتروني', 'الموقع الإلكتروني']) {
      assert.equal(await root.locator('form').getByLabel(label, { exact: false }).count(), 1, label);
    }
    await root.getByRole('button', { name: 'أرسل التعليق' }).waitFor();
    // Logical properties mirror the form: the field starts at the right edge in Arabic.
    const box = await root.locator('form label').first().boundingBox();
    const formBox = await root.locator('form').boundingBox();
    assert.ok(box && formBox && formBox.x + formBox.width - (box.x + box.width) < 40, 'labels are aligned to the right');
    await screenshot(page, 'demo-ar');
  });

  it('shows a script payload as text and runs nothing', async () => {
    const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    await approvedComment(app.ctx, 'demo-library-en', { body: payload, authorName: '<b onmouseover="window.__pwned=3">Eve</b>' });
    const { page } = await open('/demo/en');
    await page.locator('section.m li p.bd', { hasText: payload }).waitFor();
    assert.equal(await page.locator('section.m li p.bd', { hasText: payload }).innerText(), payload);
    await page.locator('section.m bdi', { hasText: '<b onmouseover="window.__pwned=3">Eve</b>' }).hover();
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.equal(await page.locator('section.m li img[src="x"]').count(), 0);
  });

  it('validates in the browser with the API messages and sends nothing', async () => {
    const { page, requests } = await open('/demo/en');
    const posts = () => requests.filter((url) => url.pathname.endsWith('/comments') && url.pathname.startsWith('/api/')).length;
    const before = posts();
    const form = page.locator('section.m form');
    await fill(page, { body: '   ', email: 'broken@' });
    await form.getByRole('button', { name: 'Post Comment' }).click();
    const messages = await form.locator('.er').allInnerTexts();
    assert.deepEqual(messages.filter(Boolean), ['Please enter your comment!', 'Please enter your name here', 'You have entered an incorrect email address!']);
    const body = form.getByRole('textbox', { name: 'Comment', exact: true });
    assert.equal(await body.getAttribute('aria-invalid'), 'true');
    const describedBy = (await body.getAttribute('aria-describedby')) ?? '';
    assert.equal(await form.locator(`[id="${describedBy}"]`).innerText(), 'Please enter your comment!');
    assert.equal(await body.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement), true, 'focus goes to the first error');
    await fill(page, { email: '' });
    await form.getByRole('button', { name: 'Post Comment' }).click();
    assert.ok((await form.locator('.er').allInnerTexts()).includes('Please enter your email address here'));
    await screenshot(page, 'demo-en-validation');
    assert.equal(posts(), before, 'no request was made');
  });

  it('shows a server-side refusal next to the field and keeps the text', async () => {
    const { page } = await open('/demo/en');
    const form = page.locator('section.m form');
    // Passes the widget's coarse check; the server's email rule refuses an emoji in the local part.
    await fill(page, { body: 'Text I must not lose', name: 'Ali', email: 'ali\u{1F600}@example.org' });
    await form.getByRole('button', { name: 'Post Comment' }).click();
    await form.locator('.er', { hasText: 'You have entered an incorrect email address!' }).waitFor();
    assert.equal(await form.getByRole('textbox', { name: 'Email', exact: true }).getAttribute('aria-invalid'), 'true');
    assert.equal(await form.getByRole('textbox', { name: 'Comment', exact: true }).inputValue(), 'Text I must not lose');
  });

  it('remembers name and email only when the box is ticked', async () => {
    const { page } = await open('/demo/en');
    const form = () => page.locator('section.m form');
    assert.equal(await form().getByRole('checkbox', { name: /Save my name/ }).isChecked(), false, 'off by default');
    await fill(page, { body: 'Remember me please', name: 'Rania', email: 'rania@example.org', url: 'https://rania.example' });
    await form().getByRole('checkbox', { name: /Save my name/ }).check();
    await form().getByRole('button', { name: 'Post Comment' }).click();
    await page.locator('section.m [role="status"]').getByText('Your comment is awaiting moderation.').waitFor();
    assert.ok(await page.evaluate(() => localStorage.getItem('majlis:commenterKey')), 'keeps the commenter key');

    await page.reload();
    await page.locator('[data-majlis-thread]').scrollIntoViewIfNeeded();
    await form().waitFor();
    assert.equal(await form().getByRole('textbox', { name: 'Name', exact: true }).inputValue(), 'Rania');
    assert.equal(await form().getByRole('textbox', { name: 'Email', exact: true }).inputValue(), 'rania@example.org');
    assert.equal(await form().getByRole('textbox', { name: 'Website', exact: true }).inputValue(), 'https://rania.example');
    assert.equal(await form().getByRole('checkbox', { name: /Save my name/ }).isChecked(), true);

    app.ctx.clock.advance(60);
    await fill(page, { body: 'Now forget me' });
    await form().getByRole('checkbox', { name: /Save my name/ }).uncheck();
    await form().getByRole('button', { name: 'Post Comment' }).click();
    await page.locator('section.m [role="status"]').getByText('Your comment is awaiting moderation.').waitFor();
    await page.reload();
    await page.locator('[data-majlis-thread]').scrollIntoViewIfNeeded();
    await form().waitFor();
    assert.equal(await form().getByRole('textbox', { name: 'Name', exact: true }).inputValue(), '');
    assert.equal(await form().getByRole('textbox', { name: 'Email', exact: true }).inputValue(), '');
    assert.equal(await form().getByRole('checkbox', { name: /Save my name/ }).isChecked(), false);
    const second = await app.ctx.db.comment.findFirstOrThrow({ where: { body: 'Now forget me' } });
    assert.equal(second.authorEmail, 'rania@example.org');
  });

  it('shows the outcome a no-JavaScript post left in the fragment', async () => {
    const { page } = await open('/demo/en#majlis-status=pending&majlis-comment=1');
    await page.locator('section.m [role="status"]').getByText('Your comment is awaiting moderation.').waitFor();
  });

  it('has no serious or critical accessibility violations, inside the shadow root too', async () => {
    await approvedComment(app.ctx, 'demo-library-ar', { body: 'تعليق للتحقق من إمكانية الوصول', authorName: 'سلمى' });
    const axeContext = await browser.newContext({ bypassCSP: true });
    try {
      for (const path of ['/demo', '/demo/en']) {
        const page = await axeContext.newPage();
        await page.goto(app.origin + path);
        await page.locator('[data-majlis-thread]').scrollIntoViewIfNeeded();
        await page.locator('section.m form').waitFor();
        await page.locator('section.m form').getByRole('button').last().click();
        await page.locator('section.m .er').first().waitFor();
        const violations = await seriousViolations(page);
        assert.deepEqual(violations, [], `${path}: ${JSON.stringify(violations, null, 2)}`);
        await page.close();
      }
    } finally {
      await axeContext.close();
    }
  });
});
