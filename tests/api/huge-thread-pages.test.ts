import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { threadPagesChanged } from '../../src/threads/thread-updates.service.js';
import { createTestContext, type TestContext } from '../setup/app.js';

const KEY = 'huge-thread';
const REPLIES = 9_999;
const ROOT_ID = 1_000_000;
let ctx: TestContext;

/** One approved top-level comment and 9,999 approved replies under it, in chains of depth 1..5. */
async function seedHugeThread(): Promise<void> {
  const now = ctx.clock.now();
  const thread = await ctx.db.thread.create({ data: { key: KEY, createdAt: now } });
  await ctx.db.author.create({ data: { emailKey: 'many@example.org', createdAt: now } });
  const row = (id: number, parentId: number | null, depth: number) => ({
    id,
    threadId: thread.id,
    parentId,
    rootId: ROOT_ID,
    depth,
    body: `Reply number ${id - ROOT_ID} in a very long conversation about the budget.`,
    authorName: `Reader ${id % 97}`,
    authorEmail: 'many@example.org',
    authorKey: 'many@example.org',
    status: 'approved' as const,
    reasons: [],
    bodyHash: `h${id}`,
    editTokenHash: 'x',
    createdAt: now,
    updatedAt: now,
  });
  const rows = [row(ROOT_ID, null, 0)];
  for (let i = 1; i <= REPLIES; i += 1) {
    const depth = ((i - 1) % 5) + 1;
    rows.push(row(ROOT_ID + i, depth === 1 ? ROOT_ID : ROOT_ID + i - 1, depth));
  }
  for (let start = 0; start < rows.length; start += 500) await ctx.db.comment.createMany({ data: rows.slice(start, start + 500) });
}

async function timed(path: string) {
  const started = performance.now();
  const res = await ctx.request.get(path).set('Accept-Encoding', 'identity');
  return { res, ms: performance.now() - started, bytes: Buffer.byteLength(res.text) };
}

before(async () => {
  // A fixed public origin, as in production (supertest gives each request its own port).
  ctx = await createTestContext({ PUBLIC_URL: 'https://comments.news.example' });
  await seedHugeThread();
});
after(async () => ctx.close());

describe('a 10,000-comment conversation on the no-JavaScript page and fragment', () => {
  for (const path of [`/threads/${KEY}`, `/threads/${KEY}/fragment`]) {
    it(`${path}: a bounded page, cached until the thread changes`, async (t) => {
      const first = await timed(path);
      const second = await timed(path);
      t.diagnostic(`first ${first.ms.toFixed(0)} ms, cached ${second.ms.toFixed(0)} ms, ${first.bytes} bytes`);
      assert.equal(first.res.status, 200);
      assert.ok(first.bytes < 200_000, `${first.bytes} bytes`);
      assert.ok(second.res.text === first.res.text, 'the same page again');
      const shown = first.res.text.match(/<li id="comment-/g)?.length ?? 0;
      assert.ok(shown > 1 && shown <= 60, `${shown} comments on the page`);
      // Pages on to the rest of the conversation, each page bounded too.
      const more = /href="([^"]*replies=[^"]*)"/.exec(first.res.text)?.[1]?.replace(/&amp;/g, '&');
      assert.ok(more, 'a link to more replies');
      const next = await timed(new URL(more, 'http://x').pathname + new URL(more, 'http://x').search);
      assert.equal(next.res.status, 200);
      assert.ok(next.bytes < 200_000 && (next.res.text.match(/<li id="comment-/g)?.length ?? 0) > 50, `${next.bytes} bytes`);

      // Cached: a change made behind the service's back does not show ...
      await ctx.db.comment.update({ where: { id: ROOT_ID }, data: { body: `Edited opening comment for ${path}` } });
      assert.ok(!(await timed(path)).res.text.includes(`Edited opening comment for ${path}`), 'still the cached page');
      // ... until the one invalidation function says the thread changed.
      await threadPagesChanged(ctx, KEY);
      assert.ok((await timed(path)).res.text.includes(`Edited opening comment for ${path}`), 'rendered afresh');
    });
  }
});
