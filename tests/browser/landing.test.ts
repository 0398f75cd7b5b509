import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { watch } from './admin-helpers.js';
import { closeAll, screenshot, seriousViolations, startAppAndBrowser, type LiveApp } from './harness.js';

let app: LiveApp;
let browser: Browser;
before(async () => {
  [app, browser] = await startAppAndBrowser();
});
after(() => closeAll(browser, app));

describe('the landing page', () => {
  for (const [locale, path, heading, demoLink] of [
    ['en-GB', '/', 'Majlis is running', 'Demo article in English'],
    ['ar', '/?lang=ar', 'مجلس يعمل', 'مقال تجريبي بالعربية'],
  ] as const) {
    it(`reads well and leads to the demo (${locale})`, async () => {
      const context = await browser.newContext({ locale, viewport: { width: 1000, height: 800 }, bypassCSP: true });
      try {
        const page = await context.newPage();
        const seen = watch(page);
        await page.goto(app.origin + path);
        await page.getByRole('heading', { name: heading }).waitFor();
        assert.equal(await page.locator('html').getAttribute('dir'), locale === 'ar' ? 'rtl' : 'ltr');
        assert.match(await page.locator('pre').innerText(), new RegExp(`<script src="${app.origin}/embed.js" async></script>`));
        assert.deepEqual(await seriousViolations(page), []);
        await screenshot(page, `landing-${locale === 'ar' ? 'ar' : 'en'}`);
        await page.emulateMedia({ colorScheme: 'dark' });
        assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(13, 17, 23)', 'dark when the reader prefers it');
        assert.deepEqual(await seriousViolations(page), [], 'no contrast or other serious violation in dark');
        await screenshot(page, `landing-${locale === 'ar' ? 'ar' : 'en'}-dark`);
        await page.emulateMedia({ colorScheme: 'light' });
        await page.getByRole('link', { name: demoLink }).click();
        await page.waitForURL(/\/demo/);
        await page.locator('[data-majlis-thread]').first().waitFor();
        assert.deepEqual(seen.problems, []);
      } finally {
        await context.close();
      }
    });
  }
});
