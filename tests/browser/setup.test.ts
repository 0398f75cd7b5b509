import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createModerator } from '../../src/moderators/auth.service.js';
import { SetupToken } from '../../src/setup/setup-token.js';
import { watch } from './admin-helpers.js';
import { closeAll, screenshot, seriousViolations, startAppAndBrowser, type LiveApp } from './harness.js';

// The first-run page: `/admin#setup=<token>` as main.ts prints it on a fresh installation.
let app: LiveApp;
let browser: Browser;
let context: BrowserContext;
let seen: ReturnType<typeof watch>;
const setupToken = new SetupToken();

before(async () => {
  [app, browser] = await startAppAndBrowser({}, { setupToken });
});
after(() => closeAll(browser, app));
beforeEach(async () => {
  await app.ctx.db.moderator.deleteMany();
  // axe is injected as a script the page did not ask for, so the context bypasses the CSP; `watch` still sees CSP errors in console.
  context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1000, height: 800 }, bypassCSP: true });
  context.setDefaultTimeout(10_000);
});
afterEach(async () => {
  await context.close();
  assert.deepEqual(seen.problems, [], 'no script error, no 404 or 5xx');
  assert.deepEqual(seen.requests.filter((url) => url.origin !== app.origin).map(String), [], 'no request leaves the app origin');
});

async function open(path: string): Promise<Page> {
  const page = await context.newPage();
  seen = watch(page);
  await page.goto(app.origin + path);
  return page;
}

describe('the first-run setup page', () => {
  it('creates the first admin, checks the password first, signs them in and forgets the link', async () => {
    const token = setupToken.issue();
    const page = await open(`/admin#setup=${token}`);
    await page.getByRole('heading', { name: 'Create the first administrator' }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'email', 'focus starts in the form');
    assert.deepEqual(await seriousViolations(page), []);
    await screenshot(page, 'setup-en');

    await page.getByLabel('Email', { exact: true }).fill('Chief@Newsroom.example');
    await page.getByLabel('Password', { exact: true }).fill('too short');
    await page.getByLabel('Repeat the password').fill('too short');
    await page.getByRole('button', { name: 'Create the administrator' }).click();
    const password = page.getByLabel('Password', { exact: true });
    await page.getByText('The password must be at least 12 characters long.').waitFor();
    assert.equal(await password.getAttribute('aria-invalid'), 'true');
    assert.match((await password.getAttribute('aria-describedby')) ?? '', /error/);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'password');
    await screenshot(page, 'setup-en-error');

    await password.fill('a long first passphrase');
    await page.getByLabel('Repeat the password').fill('a long first passphrase!');
    await page.getByRole('button', { name: 'Create the administrator' }).click();
    await page.getByText('The two passwords are not the same.').waitFor();
    assert.equal(await app.ctx.db.moderator.count(), 0, 'nothing was sent');

    await page.getByLabel('Repeat the password').fill('a long first passphrase');
    await page.getByRole('button', { name: 'Create the administrator' }).click();
    await page.locator('.tabs button[aria-pressed="true"]').waitFor();
    await page.locator('#notice').getByText('Your administrator account is ready.').waitFor();
    assert.match(await page.locator('.who').innerText(), /chief@newsroom\.example\u2069 \(administrator\)/);
    assert.equal(new URL(page.url()).hash, '', 'the token left the address bar');
    const admins = await app.ctx.db.moderator.findMany();
    assert.deepEqual(admins.map((m) => [m.email, m.role]), [['chief@newsroom.example', 'admin']]);
    await screenshot(page, 'setup-en-done');

    // The same link in another browser now leads to sign-in, saying why.
    const other = await context.browser()!.newContext({ locale: 'en-GB' });
    const again = await other.newPage();
    await again.goto(`${app.origin}/admin#setup=${token}`);
    await again.getByText('An administrator account already exists, so this setup link no longer works. Please sign in.').waitFor();
    await again.getByRole('heading', { name: 'Sign in' }).waitFor();
    await other.close();
  });

  it('speaks Arabic right to left and shows the server’s own messages beside the field', async () => {
    const token = setupToken.issue();
    const page = await open(`/admin?lang=ar#setup=${token}`);
    await page.getByRole('heading', { name: 'إنشاء أول مدير' }).waitFor();
    assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
    assert.deepEqual(await seriousViolations(page), []);
    await page.getByLabel('البريد الإلكتروني').fill('ليس بريدًا');
    await page.getByLabel('كلمة المرور', { exact: true }).fill('كلمة مرور طويلة بما يكفي');
    await page.getByLabel('أعد كتابة كلمة المرور').fill('كلمة مرور طويلة بما يكفي');
    await page.getByRole('button', { name: 'أنشئ حساب المدير' }).click();
    await page.getByText('من فضلك أدخل عنوان بريد إلكتروني صحيحًا.').waitFor();
    assert.equal(await page.getByLabel('البريد الإلكتروني').getAttribute('aria-invalid'), 'true');
    await screenshot(page, 'setup-ar-error');
    await page.getByLabel('البريد الإلكتروني').fill('rania@newsroom.example');
    await page.getByRole('button', { name: 'أنشئ حساب المدير' }).click();
    await page.locator('#notice').getByText('حساب المدير جاهز.').waitFor();
    await screenshot(page, 'setup-ar-done');
    assert.equal(await app.ctx.db.moderator.count({ where: { email: 'rania@newsroom.example', role: 'admin' } }), 1);
  });

  it('says so when the link is not this start’s, and keeps what was typed', async () => {
    setupToken.issue();
    const page = await open('/admin#setup=an-old-link-from-yesterday');
    await page.getByLabel('Email', { exact: true }).fill('chief@newsroom.example');
    await page.getByLabel('Password', { exact: true }).fill('a long first passphrase');
    await page.getByLabel('Repeat the password').fill('a long first passphrase');
    await page.getByRole('button', { name: 'Create the administrator' }).click();
    await page.getByRole('alert').getByText('This setup link is not valid. Open the latest link Majlis printed in the server console when it started.').waitFor();
    assert.equal(await page.getByLabel('Email', { exact: true }).inputValue(), 'chief@newsroom.example');
    assert.equal(await app.ctx.db.moderator.count(), 0);
  });

  it('points the sign-in page at the setup link and the CLI while nobody can sign in', async () => {
    const page = await open('/admin');
    const note = page.locator('form.login .note');
    await note.waitFor();
    assert.match(await note.innerText(), /No moderator account exists yet[\s\S]*npm run admin -- create/);
    await screenshot(page, 'setup-login-hint-en');
    await createModerator(app.ctx, { email: 'cli@newsroom.example', password: 'made with the CLI!', role: 'admin' });
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.waitForLoadState('networkidle');
    assert.equal(await note.count(), 0);
  });
});
