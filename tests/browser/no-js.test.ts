import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { approvedComment, seedConversation, setStatus } from '../factories.js';
import { bodyLayout, closeAll, screenshot, seriousViolations, startAppAndBrowser, type LiveApp } from './harness.js';

let app: LiveApp;
let browser: Browser;

before(async () => {
  [app, browser] = await startAppAndBrowser();
});
after(() => closeAll(browser, app));

beforeEach(() => app.ctx.clock.advance(3600));

describe('the thread page with scripting off', () => {
  it('a name with no spaces (up to the 100 letters a name may have) wraps on a phone instead of widening the page, in both languages', async () => {
    const name = 'A'.repeat(99);
    await approvedComment(app.ctx, 'long-name', { authorName: name, body: 'A short comment under a long name' });
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 800 } });
    const page = await context.newPage();
    for (const lang of ['en', 'ar']) {
      await page.goto(`${app.origin}/threads/long-name?lang=${lang}`);
      await page.getByText(name).first().waitFor();
      const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
      assert.ok(scrollWidth <= clientWidth, `${lang}: the page is ${scrollWidth} px wide in a ${clientWidth} px window`);
    }
    await context.close();
  });

  it('indents a comment in the other language like the rest, its words on its own side, in both languages', async () => {
    const arabic = await approvedComment(app.ctx, 'mixed-direction', { authorName: 'هالة', body: 'تعليق قصير' });
    const english = await approvedComment(app.ctx, 'mixed-direction', { body: 'A short one' });
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    for (const lang of ['en', 'ar']) {
      await page.goto(`${app.origin}/threads/mixed-direction?lang=${lang}`);
      const [ar, en] = [await bodyLayout(page.locator(`#comment-${arabic.comment.id} .bd`)), await bodyLayout(page.locator(`#comment-${english.comment.id} .bd`))];
      assert.ok(en.indent > 30, `${lang}: the English text is indented ${en.indent} px`);
      assert.deepEqual([ar, en], [{ indent: en.indent, hugs: 'right' }, { indent: en.indent, hugs: 'left' }], lang);
    }
    await context.close();
  });

  it('posts through the plain form, shows the pending notice after the redirect, and the comment once approved', async () => {
    const parent = await approvedComment(app.ctx, 'plain', { body: 'An approved comment to answer', authorName: 'Karim' });
    app.ctx.clock.advance(600);
    const context = await browser.newContext({ javaScriptEnabled: false });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const requests: URL[] = [];
    page.on('request', (request) => requests.push(new URL(request.url())));
    await page.goto(`${app.origin}/threads/plain`);
    await page.getByRole('link', { name: 'Reply to Karim' }).click();
    await page.getByRole('heading', { name: 'Leave a Reply to Karim' }).waitFor();
    const text = 'Posted without JavaScript <script>window.__pwned=1</script>';
    await page.getByRole('textbox', { name: 'Comment', exact: true }).fill(text);
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Yusuf');
    await page.getByRole('textbox', { name: 'Email', exact: true }).fill('yusuf@example.org');
    await Promise.all([page.waitForURL(/majlis-status=pending/), page.getByRole('button', { name: 'Post Comment' }).click()]);
    await page.getByRole('status').getByText('Your comment is awaiting moderation.').waitFor();
    assert.equal(new URL(page.url()).pathname, '/threads/plain');
    await screenshot(page, 'nojs-en-pending');

    const stored = await app.ctx.db.comment.findFirstOrThrow({ where: { body: text } });
    assert.equal(stored.parentId, parent.comment.id);
    await setStatus(app.ctx, stored.id, 'approved');
    await page.goto(`${app.origin}/threads/plain`);
    assert.equal(await page.locator(`#comment-${parent.comment.id} ol #comment-${stored.id} p.bd`).innerText(), text);
    assert.deepEqual(requests.filter((url) => url.origin !== app.origin).map(String), []);
    await context.close();
  });

  it('renders Arabic right-to-left, keeps the typed text on a validation error, and passes axe', async () => {
    await approvedComment(app.ctx, 'plain-ar', { body: 'تعليق منشور <b>بخط عريض؟</b>', authorName: 'منى' });
    const context = await browser.newContext({ javaScriptEnabled: false, bypassCSP: true });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    await page.goto(`${app.origin}/threads/plain-ar?lang=ar`);
    assert.equal(await page.locator('section.majlis').evaluate((el) => getComputedStyle(el).direction), 'rtl');
    await page.getByRole('textbox', { name: 'التعليق', exact: true }).waitFor();
    await screenshot(page, 'nojs-ar');
    // axe is injected as a script; the page itself runs none, so the context must allow this one.
    await context.close();

    for (const colorScheme of ['light', 'dark'] as const) {
      const axeContext = await browser.newContext({ bypassCSP: true, colorScheme });
      const axePage = await axeContext.newPage();
      for (const path of ['/threads/plain-ar?lang=ar', '/threads/plain']) {
        await axePage.goto(app.origin + path);
        const violations = await seriousViolations(axePage);
        assert.deepEqual(violations, [], `${path} (${colorScheme}): ${JSON.stringify(violations, null, 2)}`);
      }
      await axeContext.close();
    }

    const plain = await browser.newContext({ javaScriptEnabled: false });
    const form = await plain.newPage();
    await form.goto(`${app.origin}/threads/plain-ar?lang=ar`);
    await form.getByRole('textbox', { name: 'التعليق', exact: true }).fill('نص يجب ألا يضيع');
    await form.getByRole('textbox', { name: 'البريد الإلكتروني', exact: true }).fill('broken@');
    // Skip the browser's own checks, as an old browser would, to reach the server's page.
    await form.locator('form#respond').evaluate((el) => el.setAttribute('novalidate', ''));
    await form.getByRole('button', { name: 'أرسل التعليق' }).click();
    await form.getByText('من فضلك أدخل اسمك هنا').waitFor();
    assert.equal(await form.locator('textarea').inputValue(), 'نص يجب ألا يضيع');
    assert.equal(await form.locator('body').evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(251, 250, 247)', 'the error page is styled like the thread page');
    assert.equal(await form.locator('button').evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(11, 92, 173)');
    await screenshot(form, 'nojs-ar-error');
    // In dark, like the thread page it came from; what the reader typed is still there and axe finds nothing serious.
    await form.emulateMedia({ colorScheme: 'dark' });
    assert.equal(await form.locator('body').evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(13, 17, 23)');
    assert.equal(await form.locator('textarea').inputValue(), 'نص يجب ألا يضيع');
    await screenshot(form, 'nojs-ar-error-dark');
    await plain.close();
    const darkAxe = await browser.newContext({ bypassCSP: true, colorScheme: 'dark' });
    const errorPage = await darkAxe.newPage();
    await errorPage.goto(`${app.origin}/threads/plain-ar?lang=ar`);
    await errorPage.getByRole('textbox', { name: 'التعليق', exact: true }).fill('نص');
    await errorPage.locator('form#respond').evaluate((el) => el.setAttribute('novalidate', ''));
    await errorPage.getByRole('button', { name: 'أرسل التعليق' }).click();
    await errorPage.getByText('من فضلك أدخل اسمك هنا').waitFor();
    assert.deepEqual(await seriousViolations(errorPage), [], 'the error page in dark');
    await darkAxe.close();
  });

  for (const lang of ['en', 'ar'] as const) {
    const w =
      lang === 'en'
        ? { report: 'Report', send: 'Send report', reason: 'Off topic', newest: 'Newest first', thanks: 'Thank you. A moderator will look at this comment.' }
        : { report: 'إبلاغ', send: 'أرسل البلاغ', reason: 'خارج الموضوع', newest: 'الأحدث أولًا', thanks: 'شكرًا لك. سيراجع أحد المشرفين هذا التعليق.' };
    it(`takes its language from the thread, sorts and reports with plain links and forms (${lang})`, async () => {
      const key = `plain-acts-${lang}`;
      const first = await approvedComment(app.ctx, key, { body: 'The first comment, see https://example.org/x', lang });
      const second = await approvedComment(app.ctx, key, { body: 'The second comment', lang });
      // The browser prefers the other language: the thread's own language wins.
      const context = await browser.newContext({ javaScriptEnabled: false, locale: lang === 'ar' ? 'en-GB' : 'ar-EG' });
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      await page.goto(`${app.origin}/threads/${key}`);
      assert.equal(await page.locator('html').getAttribute('lang'), lang);
      assert.equal(await page.locator('html').getAttribute('dir'), lang === 'ar' ? 'rtl' : 'ltr');
      const link = page.locator(`#comment-${first.comment.id} p.bd a`);
      assert.equal(await link.getAttribute('rel'), 'ugc nofollow noopener');
      assert.equal(await link.innerText(), 'https://example.org/x');

      await page.getByRole('link', { name: w.newest }).click();
      await page.waitForURL(/sort=newest/);
      assert.equal(await page.locator('section.majlis > ol > li').first().getAttribute('id'), `comment-${second.comment.id}`);
      assert.equal(await page.getByRole('link', { name: w.newest }).getAttribute('aria-current'), 'true');

      await page.locator(`#comment-${first.comment.id}`).getByRole('link', { name: new RegExp(w.report) }).click();
      assert.equal(await page.getByRole('radio', { checked: true }).count(), 0, 'no reason chosen beforehand');
      assert.equal(await page.getByRole('radio').first().getAttribute('required'), '');
      await page.getByRole('radio', { name: w.reason }).check();
      await Promise.all([page.waitForURL(/majlis-flag=sent/), page.getByRole('button', { name: w.send }).click()]);
      await page.getByRole('status').getByText(w.thanks).waitFor();
      assert.equal(new URL(page.url()).searchParams.get('sort'), 'newest', 'back to the same view');
      const flags = await app.ctx.db.flag.findMany({ where: { commentId: first.comment.id } });
      assert.deepEqual(flags.map((f) => f.reason), ['off_topic']);
      await screenshot(page, `nojs-${lang}-reported`);
      await context.close();
    });
  }

  for (const lang of ['en', 'ar'] as const) {
    it(`pages through a long conversation with plain links, a bounded page at a time, every reply once (${lang})`, async () => {
      const key = `plain-long-${lang}`;
      const { rootId, replyIds } = await seedConversation(app.ctx, key, 130, 3);
      const more = (count: number) => (lang === 'en' ? `More replies (${count})` : `مزيد من الردود (${new Intl.NumberFormat('ar').format(count)})`);
      const shownReplies = (page: Page) => page.locator(`#comment-${rootId} li`).evaluateAll((items) => items.map((item) => Number(item.id.replace('comment-', ''))));
      const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1100, height: 900 } });
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      await page.goto(`${app.origin}/threads/${key}?lang=${lang}`);
      assert.equal((await shownReplies(page)).length, 10, 'the thread page shows the first ten replies');
      await page.getByRole('link', { name: more(120) }).click();
      await page.waitForURL(/replies=/);
      const first = await shownReplies(page);
      assert.equal(first.length, 100);
      await page.getByRole('link', { name: more(30) }).click();
      await page.waitForURL(/after=/);
      const second = await shownReplies(page);
      assert.equal(second.length, 30);
      assert.equal(await page.locator('a.more').count(), 0, 'the last page links nowhere further');
      assert.deepEqual([...first, ...second].sort((a, b) => a - b), replyIds, 'every reply once');
      assert.equal(await page.locator('html').getAttribute('dir'), lang === 'ar' ? 'rtl' : 'ltr');
      const conversationPage = page.url();
      // Back to the whole thread, at this conversation.
      await page.getByRole('link', { name: lang === 'en' ? 'Back to all comments' : 'العودة إلى كل التعليقات' }).click();
      await page.waitForURL((url) => !url.searchParams.has('replies'));
      assert.equal(new URL(page.url()).hash, `#comment-${rootId}`);
      assert.equal(new URL(page.url()).searchParams.get('lang'), lang);
      assert.equal((await shownReplies(page)).length, 10, 'the thread page again, with the first ten replies');
      assert.equal(await page.locator('a.back').count(), 0, 'the whole thread has no way back to itself');
      await context.close();

      for (const scheme of ['light', 'dark'] as const) {
        for (const [device, viewport] of [['phone', { width: 390, height: 844 }], ['desktop', { width: 1100, height: 900 }]] as const) {
          const look = await browser.newContext({ javaScriptEnabled: false, colorScheme: scheme, viewport, isMobile: device === 'phone' });
          const shot = await look.newPage();
          await shot.goto(conversationPage);
          await screenshot(shot, `nojs-${lang}-conversation-${scheme}-${device}`);
          await look.close();
        }
      }
      for (const colorScheme of ['light', 'dark'] as const) {
        const axeContext = await browser.newContext({ bypassCSP: true, colorScheme });
        const axePage = await axeContext.newPage();
        await axePage.goto(conversationPage);
        const violations = await seriousViolations(axePage);
        assert.deepEqual(violations, [], `${colorScheme}: ${JSON.stringify(violations, null, 2)}`);
        await axeContext.close();
      }
    });
  }

  it("follows the reader's dark preference on its own pages, and leaves a fragment on a site that declares no dark scheme light", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto(`${app.origin}/threads/plain`);
    const colours = () => page.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.querySelector('#respond')!).backgroundColor]);
    assert.deepEqual(await colours(), ['rgb(13, 17, 23)', 'rgb(22, 27, 34)'], 'dark page, dark form');
    // A site including the fragment with the same stylesheet, but no `color-scheme` of its own.
    const fragment = await (await fetch(`${app.origin}/threads/plain/fragment`)).text();
    await page.setContent(`<!doctype html><html><head><link rel="stylesheet" href="${app.origin}/assets/majlis-page.css"></head><body>${fragment}</body></html>`);
    await page.locator('#respond').waitFor();
    assert.deepEqual(await colours(), ['rgb(251, 250, 247)', 'rgb(246, 248, 250)'], "the site's light colours stay");
    await context.close();
  });
});
