import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { AppDeps } from '../../src/app.js';
import { createTestContext, type TestContext } from '../setup/app.js';
import { closeAll } from '../setup/close-all.js';

export { closeAll };

/** The app listening on an ephemeral port over its own test database. */
export interface LiveApp {
  ctx: TestContext;
  origin: string;
  close(): Promise<void>;
}

/** Starts the app on 127.0.0.1 with a fresh database (and any extra dependencies), for a real browser to talk to. */
async function startApp(env: Record<string, string> = {}, deps?: Partial<AppDeps>): Promise<LiveApp> {
  const ctx = await createTestContext(env, deps);
  const server: Server = createServer(ctx.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ctx,
    origin: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ctx.close();
    },
  };
}

/** Debian's Chromium (or CHROMIUM_PATH, which scripts/run-tests.mjs checks first), headless, with no background traffic of its own. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/**
 * Starts the app and Chromium side by side. When either fails (no browser installed, say), the one
 * that started is closed before the error is thrown: a listening server left behind would keep the
 * test file's process alive for ever.
 */
export async function startAppAndBrowser(env: Record<string, string> = {}, deps?: Partial<AppDeps>): Promise<[LiveApp, Browser]> {
  const [app, browser] = await Promise.allSettled([startApp(env, deps), launchBrowser()]);
  if (app.status === 'fulfilled' && browser.status === 'fulfilled') return [app.value, browser.value];
  await closeAll(app.status === 'fulfilled' ? app.value : undefined, browser.status === 'fulfilled' ? browser.value : undefined);
  throw app.status === 'rejected' ? app.reason : (browser as PromiseRejectedResult).reason;
}

const SCREENSHOTS = join('test-results', 'screenshots');

/** Saves a full-page screenshot under test-results/screenshots/ for a human to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown }>;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core (which walks open shadow roots) and returns the serious and critical violations.
 * The page's context must bypass CSP, since axe is injected as a script the page did not ask for.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
