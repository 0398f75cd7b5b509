// A reader signs in through a real OpenID Connect provider in real Chromium: a news page on an
// allowed origin opens Majlis's start URL in a popup, the reader logs in at the provider, the popup
// posts the token back to the page and closes, and the page posts a comment with it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { setPolicy } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';
import { listenFirst, OIDC_CLIENT, startOidcProvider, type Listening, type TestProvider } from '../setup/oidc-provider.js';
import { closeAll, launchBrowser, screenshot } from './harness.js';

let majlis: Listening;
let site: Listening;
let op: TestProvider;
let ctx: TestContext;
let browser: Browser;

/** The news page: a Sign in button that opens the popup, and a listener that accepts only Majlis's message. */
function newsPage(majlisOrigin: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Story</title></head>
<body><h1>A story</h1><button id="sign-in" type="button">Sign in</button><p id="result">not signed in</p>
<script>
const MAJLIS = ${JSON.stringify(majlisOrigin)};
let config;
fetch(MAJLIS + '/api/v1/auth/sso/config').then((res) => res.json()).then((body) => { config = body; document.body.dataset.ready = 'yes'; });
document.getElementById('sign-in').addEventListener('click', () => {
  window.open(config.oidc.startUrl + '?origin=' + encodeURIComponent(location.origin), 'majlis-sign-in', 'popup,width=480,height=640');
});
window.addEventListener('message', (event) => {
  if (event.origin !== MAJLIS || !event.data || event.data.type !== 'majlis:sso') return;
  window.majlisToken = event.data.token;
  document.getElementById('result').textContent = 'signed in';
});
</script></body></html>`;
}

/** An article embedding the widget, as docs/embedding.md says. */
function articlePage(majlisOrigin: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Article</title></head>
<body><h1>An article</h1><div data-majlis-thread="oidc-widget" data-majlis-lang="en"></div>
<script src="${majlisOrigin}/embed.js" async></script></body></html>`;
}

before(async () => {
  majlis = await listenFirst();
  site = await listenFirst();
  op = await startOidcProvider(`${majlis.origin}/api/v1/auth/oidc/callback`);
  ctx = await createTestContext({ PUBLIC_URL: majlis.origin, ALLOWED_ORIGINS: site.origin, OIDC_ISSUER: op.issuer, OIDC_CLIENT_ID: OIDC_CLIENT.id, OIDC_CLIENT_SECRET: OIDC_CLIENT.secret, OIDC_LABEL: 'News account' });
  majlis.serve(ctx.app);
  site.serve((req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(req.url === '/article' ? articlePage(majlis.origin) : newsPage(majlis.origin)));
  browser = await launchBrowser();
  // The provider signs on the wall clock.
  ctx.clock.setTo(new Date());
  // Several sign-ins post from this one address within seconds, and the form is filled faster than a person types.
  await setPolicy(ctx, { challengeWhen: [], floodIntervalSeconds: 0, minSecondsToPost: 0 });
});
after(() => closeAll(browser, majlis, site, op, ctx));

describe('OpenID Connect sign-in in Chromium', () => {
  it('the popup signs in at the provider, posts the token to the page and closes; the page comments with it', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.origin}/story`);
    await page.waitForSelector('body[data-ready="yes"]');
    const [popup] = await Promise.all([context.waitForEvent('page'), page.click('#sign-in')]);
    await popup.waitForSelector('#login');
    assert.ok(popup.url().startsWith(`${op.issuer}/interaction/`), popup.url());
    await popup.fill('#login', 'reader-1');
    await Promise.all([popup.waitForEvent('close'), popup.click('button[type="submit"]')]);
    await page.waitForFunction(() => document.getElementById('result')?.textContent === 'signed in');
    await screenshot(page, 'oidc-signed-in');

    const posted = await page.evaluate(async (origin) => {
      const token = (window as unknown as { majlisToken: string }).majlisToken;
      const res = await fetch(`${origin}/api/v1/threads/oidc-browser/comments`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ body: 'Posted after signing in through the provider.' }),
      });
      return { status: res.status, body: (await res.json()) as { comment: { authorName: string; badges: string[] } } };
    }, majlis.origin);
    assert.equal(posted.status, 201, JSON.stringify(posted.body));
    assert.equal(posted.body.comment.authorName, 'ليلى المنصوري');
    assert.deepEqual(posted.body.comment.badges, ['subscriber']);
    const row = await ctx.db.comment.findFirstOrThrow({ where: { thread: { key: 'oidc-browser' } } });
    assert.equal(row.identifiedBy, 'signed_in');
    await context.close();
  });

  it('the widget\'s own Sign in button: the reader logs in at the provider, comments under the account, and signs out', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    await page.goto(`${site.origin}/article`);
    const widget = page.locator('section.m');
    const [popup] = await Promise.all([context.waitForEvent('page'), widget.getByRole('button', { name: 'News account' }).click()]);
    await popup.waitForSelector('#login');
    await popup.fill('#login', 'reader-2');
    await Promise.all([popup.waitForEvent('close'), popup.click('button[type="submit"]')]);
    await widget.getByText('Signed in as').waitFor();
    assert.equal(await widget.getByRole('textbox', { name: 'Email', exact: true }).isVisible(), false, 'no name or email to type');
    await widget.getByRole('textbox', { name: 'Comment', exact: true }).fill('Signed in with my newsroom account through the widget.');
    await widget.getByRole('button', { name: 'Post Comment' }).click();
    await widget.locator('[role="status"]').getByText(/published|awaiting moderation/).waitFor();
    const row = await ctx.db.comment.findFirstOrThrow({ where: { thread: { key: 'oidc-widget' } } });
    assert.equal(row.identifiedBy, 'signed_in');
    assert.ok(row.accountId !== null);
    await screenshot(page, 'oidc-widget-signed-in');

    await widget.getByRole('button', { name: 'Sign out' }).click();
    await widget.getByRole('textbox', { name: 'Email', exact: true }).waitFor();
    assert.equal(await page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.includes('Token'))).then((keys) => keys.length), 0, 'the token is forgotten');
    await context.close();
  });

  it('without an opener, the callback page says the reader is signed in, in Arabic right to left', async () => {
    const context = await browser.newContext({ locale: 'ar' });
    const page = await context.newPage();
    await page.goto(`${majlis.origin}/api/v1/auth/oidc/start?origin=${encodeURIComponent(site.origin)}&lang=ar`);
    await page.fill('#login', 'reader-2');
    await Promise.all([page.waitForURL(`${majlis.origin}/api/v1/auth/oidc/callback**`), page.click('button[type="submit"]')]);
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    assert.match((await page.textContent('[role="status"]')) ?? '', /سجّلت الدخول/);
    await screenshot(page, 'oidc-signed-in-no-opener-ar');
    await context.close();
  });
});
