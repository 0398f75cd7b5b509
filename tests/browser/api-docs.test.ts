import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { buildOpenApiDocument } from '../../src/openapi/openapi.js';
import { closeAll, screenshot, startAppAndBrowser, type LiveApp } from './harness.js';

let app: LiveApp;
let browser: Browser;
before(async () => {
  [app, browser] = await startAppAndBrowser();
});
after(() => closeAll(browser, app));

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);

function operationCount(): number {
  const paths = buildOpenApiDocument().paths as Record<string, Record<string, unknown>>;
  return Object.values(paths).reduce((sum, item) => sum + Object.keys(item).filter((key) => METHODS.has(key)).length, 0);
}

describe('GET /api/docs', () => {
  it('renders every operation from our own origin, under a CSP without inline script, with no page error', async () => {
    const context = await browser.newContext();
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const requests: URL[] = [];
    const problems: string[] = [];
    page.on('request', (request) => requests.push(new URL(request.url())));
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    // CSP violations and failed loads are reported on the console.
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });

    const response = await page.goto(`${app.origin}/api/docs`);
    const csp = response?.headers()['content-security-policy'] ?? '';
    assert.match(csp, /script-src 'self';/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);

    await page.locator('.opblock').first().waitFor();
    assert.equal(await page.locator('.opblock').count(), operationCount());
    await page.locator('.opblock-summary-description', { hasText: 'Post a comment or a reply' }).waitFor();
    await page.locator('.opblock-summary-description', { hasText: 'Approve, reject, mark as spam or return to pending' }).waitFor();

    // An operation opens to its responses and headers; "Try it out" calls this origin.
    const liveness = page.locator('#operations-Operations-checkLiveness');
    await liveness.locator('.opblock-summary').click();
    await liveness.getByRole('button', { name: 'Try it out' }).click();
    await liveness.getByRole('button', { name: 'Execute' }).click();
    await liveness.locator('.live-responses-table .response-col_status', { hasText: '200' }).waitFor();
    await screenshot(page, 'api-docs');

    assert.deepEqual(problems, []);
    const foreign = requests.filter((url) => url.origin !== app.origin && url.protocol !== 'data:');
    assert.deepEqual(foreign.map(String), [], 'no request leaves the server’s origin');
    await context.close();
  });
});
