import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seedConversation } from '../factories.js';
import { app, open, useReaderSite } from './reader-site.js';

// A conversation longer than a thread page carries (issue 14, item 5): the widget's "Show more replies"
// reads the rest from GET …/comments/{id}/replies, a page per click.

useReaderSite();

describe('a long conversation in the widget', () => {
  it('"Show more replies" reads the replies the page did not carry from the replies endpoint, page by page, each under its parent', async () => {
    const key = 'long-conversation';
    const { rootId: root, replies } = await seedConversation(app.ctx, key, 120, 10);
    const page = await open(`/${key}?lang=en-GB`);
    const asked: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/replies')) asked.push(request.url());
    });
    const branch = page.locator(`section.m li[data-id="${root}"]`);
    const shown = branch.locator('li:visible');
    assert.equal(await branch.locator('li').count(), 50, 'the page carries the first 50 replies');
    assert.equal(await branch.locator(':scope > ol > li:visible').count(), 3);
    const more = branch.locator(':scope > button.mr');
    assert.equal(await more.innerText(), `Show more replies (${120 - 50 + (await branch.locator(':scope > ol > li').count()) - 3})`);

    await more.click();
    await page.waitForFunction((n) => document.querySelector('[data-majlis-thread]')?.shadowRoot?.querySelectorAll('li li').length === n, 100);
    assert.equal(asked.length, 1, 'one request for the next page');
    assert.equal(await more.innerText(), 'Show more replies (20)');
    await more.click();
    await page.waitForFunction((n) => document.querySelector('[data-majlis-thread]')?.shadowRoot?.querySelectorAll('li li').length === n, 120);
    assert.equal(await more.count(), 0, 'no button once every reply is shown');
    assert.equal(asked.length, 2);
    assert.equal(await shown.count(), 120, 'every reply shown');
    // Each once, and a reply to a reply under its parent.
    const ids = await branch.locator('li').evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-id'))));
    assert.deepEqual([...ids].sort((a, b) => a - b), replies.map((reply) => reply.id));
    for (const reply of [replies[99], replies[119]]) {
      assert.equal(await page.locator(`section.m li[data-id="${reply?.parentId}"] > ol > li[data-id="${reply?.id}"]`).count(), 1, `reply ${reply?.id} under its parent`);
    }
  });
});
