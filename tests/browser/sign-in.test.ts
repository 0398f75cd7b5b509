import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { approvedComment, restorePolicyAfterEach, setPolicy } from '../factories.js';
import { coralClaims, secretKey, signToken, SITE_SECRETS } from '../setup/site-tokens.js';
import { closeAll, screenshot, seriousViolations, startAppAndBrowser, type LiveApp } from './harness.js';

// Reader sign-in in the widget (issue 18; docs/sign-in.md, "In the widget"), in real Chromium: a news
// site on another origin hands the widget a token it signed (HS256, SSO_SECRETS), or calls
// Majlis.login(token); the reader posts, reacts and reports under that account and signs out.

let app: LiveApp;
let browser: Browser;
let host: Server;
let HOST = '';
let context: BrowserContext;

/** A news page: `?token=` on the embed script, `?hostToken=` on the thread's element, `?lang=`. */
function hostPage(url: URL): string {
  const key = url.pathname.slice(1);
  const attribute = (name: string, value: string | null) => (value ? ` ${name}="${value}"` : '');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Story</title></head>
<body><h1>A story</h1><div data-majlis-thread="${key}"${attribute('data-majlis-lang', url.searchParams.get('lang'))}${attribute('data-majlis-sso-token', url.searchParams.get('hostToken'))}></div>
<script src="${app.origin}/embed.js"${attribute('data-majlis-sso-token', url.searchParams.get('token'))} async></script></body></html>`;
}

before(async () => {
  host = createServer((req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(hostPage(new URL(req.url ?? '/', HOST))));
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  HOST = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  [app, browser] = await startAppAndBrowser({
    ALLOWED_ORIGINS: HOST,
    THREAD_CACHE_MAX_AGE_SECONDS: '0',
    THREAD_CACHE_STALE_SECONDS: '0',
    SSO_SECRETS: JSON.stringify([{ kid: 'site-1', secret: SITE_SECRETS.current }]),
  });
});
after(() =>
  closeAll(browser, app, {
    close: async () => {
      host?.closeAllConnections();
      await new Promise((resolve) => host?.close(resolve));
    },
  }),
);
restorePolicyAfterEach(() => app.ctx);
beforeEach(async () => {
  app.ctx.clock.advance(3600);
  await setPolicy(app.ctx, { challengeWhen: [], premoderation: 'none', floodIntervalSeconds: 0 });
  await context?.close();
  context = await browser.newContext({ locale: 'en-GB' });
  context.setDefaultTimeout(10_000);
});

let readers = 0;
/** A token the site signs for a fresh subscriber; `ageSeconds` back-dates it (an hour-long token older than an hour has expired). */
function siteToken(name = 'Sara Haddad', badges = ['subscriber'], ageSeconds = 0): Promise<string> {
  readers += 1;
  const claims = coralClaims(new Date(app.ctx.clock.now().getTime() - ageSeconds * 1000), { id: `cms-${readers}`, email: `subscriber${readers}@example.org`, username: name, badges });
  return signToken(claims, secretKey(SITE_SECRETS.current), { alg: 'HS256', kid: 'site-1' });
}

/** Opens a page of the news site, recording the requests it makes, and waits for the widget's form. */
async function open(path: string): Promise<{ page: Page; requests: Request[] }> {
  const page = await context.newPage();
  const requests: Request[] = [];
  page.on('request', (request) => requests.push(request));
  page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
  await page.goto(HOST + path);
  await page.locator('section.m form').waitFor();
  return { page, requests };
}

const form = (page: Page) => page.locator('section.m form').first();
const textbox = (page: Page, name: string) => form(page).getByRole('textbox', { name, exact: true });
/** What `GET /auth/sso/me` says of a token now. */
const me = (token: string) => app.ctx.request.get('/api/v1/auth/sso/me').set('Authorization', `Bearer ${token}`);

async function assertGuestForm(page: Page): Promise<void> {
  await textbox(page, 'Name').waitFor();
  assert.equal(await textbox(page, 'Email').isVisible(), true);
  assert.equal(await form(page).getByText('Signed in as').count(), 0);
}

describe('a reader signed in by the site', () => {
  it('with data-majlis-sso-token on the embed script: "Signed in as" with the badge, no name or email fields, and posts, reacts and reports with the token', async () => {
    const token = await siteToken('Sara Haddad', ['subscriber']);
    const other = await approvedComment(app.ctx, 'sso-script', { body: 'An earlier comment', authorName: 'Omar' });
    const { page, requests } = await open(`/sso-script?token=${token}`);
    const bar = form(page).getByText('Signed in as');
    await bar.waitFor();
    assert.equal(await form(page).locator('bdi', { hasText: 'Sara Haddad' }).count(), 1, 'the name is isolated in a <bdi>');
    assert.equal(await form(page).locator('bdi.bg', { hasText: 'subscriber' }).count(), 1, 'the badge is shown');
    for (const name of ['Name', 'Email', 'Website']) assert.equal(await textbox(page, name).count(), 0, `no ${name} field`);
    assert.deepEqual(await seriousViolations(page), [], 'the signed-in form is accessible');

    await textbox(page, 'Comment').fill('Signed in and commenting — مرحبًا');
    await form(page).getByRole('button', { name: 'Post Comment' }).click();
    const mine = page.locator('section.m li', { hasText: 'Signed in and commenting' });
    await mine.waitFor();
    assert.equal(await mine.locator('.nm bdi').innerText(), 'Sara Haddad');
    assert.equal(await mine.locator('bdi.bg').innerText(), 'subscriber');
    const post = requests.find((r) => r.method() === 'POST' && r.url().endsWith('/api/v1/threads/sso-script/comments'));
    assert.equal(post?.headers().authorization, `Bearer ${token}`);
    const sent = JSON.parse(post?.postData() ?? '{}') as Record<string, unknown>;
    assert.ok(!('authorName' in sent) && !('authorEmail' in sent), 'no typed name or email is sent');
    const row = await app.ctx.db.comment.findFirstOrThrow({ where: { body: { startsWith: 'Signed in and commenting' } } });
    assert.equal(row.identifiedBy, 'signed_in');

    const omar = page.locator(`section.m li[data-id="${other.comment.id}"]`);
    await omar.getByRole('button', { name: /Respect/ }).click();
    await omar.getByRole('button', { name: 'Respect: 1' }).waitFor();
    await omar.getByRole('button', { name: 'Report' }).click();
    await omar.locator('form').getByRole('radio').first().check();
    await omar.locator('form').getByRole('button', { name: 'Send report' }).click();
    await omar.getByText('Thank you. A moderator will look at this comment.').waitFor();
    for (const path of ['reactions', 'flags']) {
      const request = requests.find((r) => r.method() === 'POST' && new URL(r.url()).pathname === `/api/v1/comments/${other.comment.id}/${path}`);
      assert.equal(request?.headers().authorization, `Bearer ${token}`, `the ${path} request carries the token`);
    }
    await screenshot(page, 'sign-in-en-signed-in');
  });

  it('in Arabic, with the token on the thread element: right to left, the Arabic words, the name isolated', async () => {
    const token = await siteToken('سارة حداد', ['مشترك', 'staff']);
    const { page } = await open(`/sso-ar?lang=ar&hostToken=${token}`);
    await form(page).getByText('مسجّل الدخول باسم').waitFor();
    assert.equal(await page.locator('section.m').getAttribute('dir'), 'rtl');
    assert.equal(await form(page).locator('bdi', { hasText: 'سارة حداد' }).count(), 1);
    assert.deepEqual(await form(page).locator('bdi.bg').allInnerTexts(), ['مشترك', 'فريق التحرير'], "the site's words as given, Majlis's staff badge in Arabic");
    assert.equal(await form(page).getByRole('textbox', { name: 'الاسم', exact: true }).count(), 0);
    await form(page).getByRole('button', { name: 'تسجيل الخروج' }).waitFor();
    await screenshot(page, 'sign-in-ar-signed-in');
  });

  it('Majlis.login(token) after load switches the form; "Sign out" returns the guest form, forgets the token and the server refuses it', async () => {
    const token = await siteToken('Layla');
    const { page } = await open('/sso-spa');
    await assertGuestForm(page);
    await page.evaluate((value) => window.Majlis?.login(value), token);
    await form(page).getByText('Signed in as').waitFor();
    assert.equal(await textbox(page, 'Name').count(), 0);
    assert.equal((await me(token)).status, 200);

    await form(page).getByRole('button', { name: 'Sign out' }).click();
    await assertGuestForm(page);
    await page.locator('section.m [role="status"]').getByText('You are signed out.').waitFor();
    for (let tries = 0; (await me(token)).status !== 401; tries += 1) {
      assert.ok(tries < 50, 'the old token is refused after signing out');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const kept = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    assert.ok(!kept.includes(token), 'the token is kept in no storage');
    // A guest again: posting needs the name and email.
    await textbox(page, 'Comment').fill('Now as a guest');
    await form(page).getByRole('button', { name: 'Post Comment' }).click();
    await form(page).getByText('Please enter your name here').waitFor();
  });

  it('after "Sign out", the next page rendering the same token leaves the reader a guest without a notice; a fresh token signs in', async () => {
    const token = await siteToken('Karim');
    const { page } = await open(`/sso-again?token=${token}`);
    await form(page).getByRole('button', { name: 'Sign out' }).click();
    await assertGuestForm(page);
    await page.reload();
    await assertGuestForm(page);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(await page.getByText('Your sign-in could not be confirmed.').count(), 0);
    assert.ok(!(await page.evaluate(() => JSON.stringify({ ...sessionStorage }))).includes(token));
    await page.goto(`${HOST}/sso-again?token=${await siteToken('Karim')}`);
    await form(page).getByText('Signed in as').waitFor();
  });

  it('an expired token falls back to the guest form with a short notice', async () => {
    const token = await siteToken('Old Token', ['subscriber'], 2 * 3600);
    const { page } = await open(`/sso-expired?token=${token}`);
    await page.locator('section.m [role="status"]').getByText('Your sign-in could not be confirmed.').waitFor();
    await assertGuestForm(page);
  });

  it('a token refused on posting (revoked meanwhile) signs the widget out and keeps the text', async () => {
    const token = await siteToken('Revoked Reader');
    const { page } = await open(`/sso-revoked?token=${token}`);
    await form(page).getByText('Signed in as').waitFor();
    await app.ctx.request.post('/api/v1/auth/sso/logout').set('Authorization', `Bearer ${token}`).expect(204);
    await textbox(page, 'Comment').fill('Posted after the token was revoked');
    await form(page).getByRole('button', { name: 'Post Comment' }).click();
    await assertGuestForm(page);
    assert.equal(await textbox(page, 'Comment').inputValue(), 'Posted after the token was revoked');
    assert.equal(await app.ctx.db.comment.count({ where: { body: 'Posted after the token was revoked' } }), 0);
  });

  it('when the policy lets no guest post (guestsMayPost: false), guests see "Sign in to comment" instead of the form', async () => {
    await setPolicy(app.ctx, { guestsMayPost: false });
    const { page } = await open('/sso-members');
    await form(page).getByText('Sign in to comment.').waitFor();
    assert.equal(await textbox(page, 'Comment').count(), 0);
    assert.equal(await form(page).getByRole('button', { name: 'Post Comment' }).count(), 0);
    const token = await siteToken('Member');
    await page.evaluate((value) => window.Majlis?.login(value), token);
    await textbox(page, 'Comment').fill('Members only');
    await form(page).getByRole('button', { name: 'Post Comment' }).click();
    await page.locator('section.m li', { hasText: 'Members only' }).waitFor();
    assert.equal(await form(page).getByText('Sign in to comment.').count(), 0);
  });
});

describe('the OpenID Connect button', () => {
  // The provider's side is not on this branch: Chromium answers /auth/sso/config and the start page
  // in place of the server (page routing), so what is tested is the widget's half of the contract —
  // the popup it opens and the only message it accepts.
  it('opens startUrl with ?origin= in a popup and signs in with the token the Majlis origin posts back; messages from elsewhere are ignored', async () => {
    const token = await siteToken('Nadia', ['subscriber']);
    await context.route(`${app.origin}/api/v1/auth/sso/config*`, (route) =>
      route.fulfill({ json: { methods: ['token', 'oidc'], oidc: { startUrl: '/fake-oidc/start', label: 'Sign in with News ID' }, guests: true } }),
    );
    let started: URL | null = null;
    await context.route(`${app.origin}/fake-oidc/start*`, (route) => {
      started = new URL(route.request().url());
      void route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><title>Provider</title><script>opener.postMessage({ type: 'majlis:sso', token: ${JSON.stringify(token)} }, '*'); window.close();</script>`,
      });
    });
    const { page } = await open('/sso-oidc');
    const button = form(page).getByRole('button', { name: 'Sign in with News ID' });
    await button.waitFor();
    // The same message from the news site's own origin (or any but Majlis's) is not a sign-in.
    await page.evaluate((value) => window.postMessage({ type: 'majlis:sso', token: value }, '*'), token);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await assertGuestForm(page);

    await button.click();
    await form(page).getByText('Signed in as').waitFor();
    assert.equal(started && (started as URL).searchParams.get('origin'), HOST, 'the provider is told the page origin');
    assert.equal(await form(page).locator('bdi', { hasText: 'Nadia' }).count(), 1);
    // Kept for this tab (there is no CMS to hand it over again), and forgotten on signing out.
    assert.equal(await page.evaluate(() => sessionStorage.getItem('majlis:ssoToken')), token);
    await form(page).getByRole('button', { name: 'Sign out' }).click();
    await assertGuestForm(page);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('majlis:ssoToken')), null);
  });
});
