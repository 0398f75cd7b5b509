import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import type { AppDeps } from '../../src/app.js';
import { closeAll } from '../setup/close-all.js';
import { startApp, type LiveApp } from '../setup/live-app.js';

export { closeAll, type LiveApp };

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

/** A saved address as Chromium's autofill stores it: name, email, phone, postal address, company, website-free. */
const SAVED_PROFILE = [
  { name: 'NAME_FULL', value: 'Salma Idris' },
  { name: 'EMAIL_ADDRESS', value: 'salma@example.org' },
  { name: 'PHONE_HOME_WHOLE_NUMBER', value: '+20 2 1234 5678' },
  { name: 'COMPANY_NAME', value: 'Daily Example' },
  { name: 'ADDRESS_HOME_LINE1', value: '1 Tahrir Square' },
  { name: 'ADDRESS_HOME_CITY', value: 'Cairo' },
  { name: 'ADDRESS_HOME_ZIP', value: '11511' },
  { name: 'ADDRESS_HOME_COUNTRY', value: 'EG' },
];

/**
 * Fills the form holding the field that `findField` (a page expression, which may look inside shadow
 * roots) returns, the way Chromium's own autofill does when a reader picks their saved address: Chromium
 * decides which fields get which value. Resolves once the field holds a value.
 */
export async function autofillSavedAddress(page: Page, findField: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('Autofill.enable');
    const { result } = await cdp.send('Runtime.evaluate', { expression: findField });
    if (!result.objectId) throw new Error(`no field for ${findField}`);
    const { node } = await cdp.send('DOM.describeNode', { objectId: result.objectId });
    const filled = async () => (await cdp.send('Runtime.callFunctionOn', { objectId: result.objectId, functionDeclaration: 'function () { return this.value; }', returnByValue: true })).result.value !== '';
    // Chromium reads a page's forms a moment after they appear: until it has, the field is "not found" or left empty.
    for (let attempt = 0; !(await filled()); attempt += 1) {
      if (attempt >= 20) throw new Error('Chromium did not autofill the form');
      await cdp.send('Autofill.trigger', { fieldId: node.backendNodeId, address: { fields: SAVED_PROFILE } }).catch(() => undefined);
      await page.waitForTimeout(250);
    }
  } finally {
    await cdp.detach();
  }
}

const SCREENSHOTS = join('test-results', 'screenshots');

/** Saves a full-page screenshot under test-results/screenshots/ for a human to look at. */
/**
 * Where a comment's text sits in its box: the indent on the page's start side (under the avatar), and the side
 * its words hug (a paragraph's own direction: Arabic text on the right of an English page, inside that indent).
 */
export async function bodyLayout(body: Locator): Promise<{ indent: number; hugs: 'left' | 'right' }> {
  return body.evaluate((element) => {
    const style = getComputedStyle(element);
    const pageRtl = getComputedStyle(element.parentElement!).direction === 'rtl';
    const box = element.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(element);
    const text = range.getBoundingClientRect();
    const spaceLeft = text.left - box.left - parseFloat(style.paddingLeft);
    const spaceRight = box.right - parseFloat(style.paddingRight) - text.right;
    return { indent: parseFloat(pageRtl ? style.paddingRight : style.paddingLeft), hugs: spaceLeft < spaceRight ? 'left' : 'right' };
  });
}

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
