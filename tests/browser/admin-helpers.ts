import type { BrowserContext, Page } from 'playwright-core';
import { createModerator } from '../../src/moderators/auth.service.js';
import type { LiveApp } from './harness.js';

/** A moderator account the browser can sign in with. */
export interface Account {
  email: string;
  password: string;
  role: 'admin' | 'moderator';
}

let sequence = 0;

/** Creates a moderator or admin account directly in the app's database. */
export async function createAccount(app: LiveApp, role: Account['role']): Promise<Account> {
  sequence += 1;
  const account = { email: `${role}${sequence}@newsroom.example`, password: 'correct horse battery staple', role };
  await createModerator(app.ctx, account);
  return account;
}

const ENGLISH_LOGIN = { email: 'Email', password: 'Password', submit: 'Sign in' };
/** The sign-in form's labels in the Arabic dashboard. */
export const ARABIC_LOGIN = { email: 'البريد الإلكتروني', password: 'كلمة المرور', submit: 'دخول' };

/** Fills and sends the dashboard's sign-in form. */
export async function submitLogin(page: Page, account: Account, labels = ENGLISH_LOGIN): Promise<void> {
  await page.getByLabel(labels.email, { exact: true }).fill(account.email);
  await page.getByLabel(labels.password, { exact: true }).fill(account.password);
  await page.getByRole('button', { name: labels.submit, exact: true }).click();
}

/** Signs in through the dashboard's own form and waits for the queue. */
export async function signInThroughForm(page: Page, account: Account, labels = ENGLISH_LOGIN): Promise<void> {
  await submitLogin(page, account, labels);
  await page.locator('.tabs button[aria-pressed="true"]').waitFor();
}

/** Signs in through the API and puts the session where the dashboard keeps it, skipping the form. */
export async function signInWithToken(context: BrowserContext, app: LiveApp, account: Account): Promise<void> {
  const res = await app.ctx.request.post('/api/v1/auth/login').send({ email: account.email, password: account.password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  const session = JSON.stringify({ token: res.body.token, moderator: res.body.moderator });
  await context.addInitScript((value: string) => sessionStorage.setItem('majlis.admin.session', value), session);
}

/** Every request a page makes and every script error or console error it reports. */
export function watch(page: Page): { requests: URL[]; problems: string[] } {
  const seen = { requests: [] as URL[], problems: [] as string[] };
  page.on('request', (request) => seen.requests.push(new URL(request.url())));
  page.on('pageerror', (error) => seen.problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // Failed fetches are judged by status below: a 409 or 401 can be the expected answer.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) seen.problems.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() === 404 || response.status() >= 500) seen.problems.push(`${response.status()} ${response.url()}`);
  });
  return seen;
}

/** Reads a thread's public (approved) comments through the API. */
export async function publicBodies(app: LiveApp, threadKey: string): Promise<string[]> {
  const res = await app.ctx.request.get(`/api/v1/threads/${threadKey}/comments`);
  return (res.body.comments as Array<{ body: string }>).map((comment) => comment.body);
}
