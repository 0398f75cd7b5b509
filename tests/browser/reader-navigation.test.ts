import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { approvedComment } from '../factories.js';
import { screenshot, seriousViolations } from './harness.js';
import { app, context, HOST, newContext, open, useReaderSite, WORDS } from './reader-site.js';

// Finding one's way in long threads, the take-over of the server's markup, and themes (issue 16, items 3 to 5).

useReaderSite();

let seeded: Promise<{ key: string; root: number; replies: number[] }> | undefined;
/** One long thread for both languages: 53 top-level comments (the last beyond the first page of 50), 5 replies to the last. */
function longThread(): Promise<{ key: string; root: number; replies: number[] }> {
  seeded ??= (async () => {
    const key = 'long-thread';
    let root = 0;
    for (let i = 0; i < 53; i += 1) root = (await approvedComment(app.ctx, key, { body: `comment ${i + 1}` })).comment.id;
    const replies: number[] = [];
    for (let i = 0; i < 5; i += 1) replies.push((await approvedComment(app.ctx, key, { body: `reply ${i + 1}`, parentId: root })).comment.id);
    return { key, root, replies };
  })();
  return seeded;
}

describe('finding one’s way and looking right', () => {
  for (const lang of ['en', 'ar'] as const) {
    it(`opens a permalink beyond the first page and highlights it, sorts, shows more replies, counts in the heading (${lang})`, async () => {
      const { key, root, replies } = await longThread();
      const target = replies[4]!;
      // A regional locale with the site's choice of Latin digits (ar-EG would otherwise write ٥٨).
      const page = await open(`/${key}?lang=${lang === 'ar' ? 'ar-EG&digits=latn' : 'en-GB'}#comment-${target}`);
      const highlighted = page.locator('section.m li.hl');
      await highlighted.waitFor();
      assert.equal(await highlighted.getAttribute('data-id'), String(target), 'the reply on the second page, in a collapsed branch, is open and highlighted');
      assert.equal(await highlighted.locator('article').evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement), true, 'and focused');
      assert.equal(await page.locator('section.m h2').innerText(), lang === 'ar' ? '58 تعليقًا' : '58 comments', 'the count in the heading');
      await screenshot(page, `reader-${lang}-permalink`);

      const other = await open(`/${key}?lang=${lang}`);
      assert.equal(await other.locator(`section.m li[data-id="${root}"]`).count(), 0, 'the last comment is beyond the first page');
      await other.locator('section.m select').selectOption('newest');
      await other.locator(`section.m li[data-id="${root}"]`).waitFor();
      assert.equal(await other.locator('section.m div > ol > li').first().getAttribute('data-id'), String(root), 'newest first');
      const branch = other.locator(`section.m li[data-id="${root}"]`);
      assert.equal(await branch.locator(':scope > ol > li:visible').count(), 3);
      await branch.getByRole('button', { name: WORDS[lang].more }).click();
      assert.equal(await branch.locator(':scope > ol > li:visible').count(), 5);
      assert.deepEqual(await seriousViolations(other), []);
    });

    it(`takes over the server-rendered thread in place, without a "Loading" flash (${lang})`, async () => {
      const key = `flash-${lang}`;
      const text = lang === 'ar' ? 'عرضه الخادم أولًا' : 'Rendered by the server first';
      await approvedComment(app.ctx, key, { body: text, lang });
      const page = await context.newPage();
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route(`**/api/v1/threads/${key}/comments**`, async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(`${HOST}/${key}?fragment&lang=${lang}`);
      await page.locator('[data-majlis-thread]').scrollIntoViewIfNeeded();
      await page.waitForFunction(() => document.querySelector('[data-majlis-thread]')?.shadowRoot?.querySelector('slot') != null);
      assert.equal(await page.getByText(text).isVisible(), true, 'the server markup stays shown while the widget loads');
      assert.equal(await page.locator('[data-majlis-thread]').evaluate((el) => el.shadowRoot?.textContent ?? ''), '', 'no "Loading comments…" in its place');
      release();
      await page.locator('section.m form').waitFor();
      assert.equal(await page.locator('section.m li', { hasText: text }).count(), 1, 'the live thread took its place');
      assert.equal(await page.locator('form#respond').isVisible(), false);
    });
  }

  it('follows a dark host page (readable contrast) or the site’s choice, on phone and desktop, in both languages', async () => {
    await approvedComment(app.ctx, 'looks', { body: 'How does this look? https://example.org/a' });
    await approvedComment(app.ctx, 'looks', { body: 'كيف يبدو هذا؟', authorName: 'ليلى' });
    for (const [lang, width] of [['en', 1100], ['ar', 390]] as const) {
      const phoneOrDesktop = width < 600 ? 'phone' : 'desktop';
      const viewer = await newContext({ width });
      const dark = await open(`/looks?lang=${lang}&bg=%23111418`, viewer);
      const colours = await dark.locator('section.m p.bd').first().evaluate((el) => getComputedStyle(el).color);
      assert.equal(colours, 'rgb(230, 237, 243)', 'light text on the dark site');
      assert.equal(await dark.locator('section.m').getAttribute('class'), 'm dk');
      assert.deepEqual(await seriousViolations(dark), [], 'no contrast or other serious violation on the dark site');
      await screenshot(dark, `reader-${lang}-dark-${phoneOrDesktop}`);
      // The site's own dark-mode switch turns the page light: the thread follows, and back.
      await dark.evaluate(() => document.body.setAttribute('style', 'background:#fff;color:#111'));
      await dark.locator('section.m:not(.dk)').waitFor();
      await dark.evaluate(() => document.body.removeAttribute('style'));
      await dark.locator('section.m.dk').waitFor();
      const light = await open(`/looks?lang=${lang}`, viewer);
      assert.equal(await light.locator('section.m').getAttribute('class'), 'm');
      await screenshot(light, `reader-${lang}-light-${phoneOrDesktop}`);
      const forced = await open(`/looks?lang=${lang}&theme=dark`, viewer);
      assert.equal(await forced.locator('section.m').getAttribute('class'), 'm dk', 'data-majlis-theme="dark" wins');
      await viewer.close();
    }
  });
});
