import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { preparedReadsOf } from '../../src/db/prepared-reads.js';
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

describe('the no-JavaScript view of one 10,000-comment conversation', () => {
  const idsOn = (text: string) => [...text.matchAll(/<li id="comment-(\d+)"/g)].map((match) => Number(match[1]));
  const moreLink = (text: string) => {
    const match = /<a class="more" href="([^"]*)">([^<]*)<\/a>/.exec(text);
    if (!match?.[1] || !match[2]) return null;
    const url = new URL(match[1].replace(/&amp;/g, '&'));
    return { path: url.pathname + url.search, count: Number(match[2].replace(/\D/g, '')) };
  };

  it('pages through every reply once, in the order they were written, a bounded page at a time', async () => {
    await threadPagesChanged(ctx, KEY);
    const seen: number[] = [];
    const counts: number[] = [];
    let path: string | null = `/threads/${KEY}?replies=${ROOT_ID}`;
    let pages = 0;
    while (path) {
      const { res, bytes } = await timed(path);
      assert.equal(res.status, 200, path);
      const ids = idsOn(res.text);
      assert.equal(ids[0], ROOT_ID, 'each page opens with the conversation');
      assert.ok(ids.length <= 101 && bytes < 200_000, `${ids.length} comments, ${bytes} bytes on ${path}`);
      seen.push(...ids.slice(1));
      const more = moreLink(res.text);
      if (more) counts.push(more.count);
      path = more?.path ?? null;
      pages += 1;
      assert.ok(pages <= 101, 'a page never repeats');
    }
    assert.equal(pages, 100);
    assert.deepEqual(seen, Array.from({ length: REPLIES }, (_, i) => ROOT_ID + 1 + i));
    assert.deepEqual(counts, Array.from({ length: 99 }, (_, i) => REPLIES - 100 * (i + 1)), 'what remains, page by page');
  });

  it('nests a reply under its parent where the parent is on the same page, and starts a page with the replies whose parent is not', async () => {
    const first = await timed(`/threads/${KEY}?replies=${ROOT_ID}`);
    // Replies come in chains of five (depth 1..5): the first chain nests four levels under the opening comment.
    const chain = first.res.text.slice(first.res.text.indexOf(`<li id="comment-${ROOT_ID + 1}"`), first.res.text.indexOf(`<li id="comment-${ROOT_ID + 6}"`));
    assert.equal(chain.match(/<ol>/g)?.length, 4, 'four nested levels in the first chain');
    const second = await timed(moreLink(first.res.text)?.path ?? '');
    // Reply 101 is the last of a chain whose parent (100) is on the first page: it opens the second page at its top.
    const opening = second.res.text.indexOf(`<li id="comment-${ROOT_ID}"`);
    const top = second.res.text.indexOf('<ol>', opening);
    assert.ok(second.res.text.slice(top).startsWith(`<ol><li id="comment-${ROOT_ID + 101}"`), 'the reply whose parent is on another page opens the page');
  });

  it('renders a deep page with a handful of reads, as few as the first page (it never reads the conversation whole)', async (t) => {
    const reads = preparedReadsOf(ctx.db);
    assert.ok(reads, 'the root client has its prepared reads');
    const counted = async (path: string) => {
      await threadPagesChanged(ctx, KEY);
      const original = reads.rows;
      let count = 0;
      reads.rows = (query) => {
        count += 1;
        return original(query);
      };
      try {
        assert.equal((await timed(path)).res.status, 200);
      } finally {
        reads.rows = original;
      }
      return count;
    };
    let deep = `/threads/${KEY}?replies=${ROOT_ID}`;
    for (let page = 0; page < 80; page += 1) deep = moreLink((await timed(deep)).res.text)?.path ?? assert.fail(`no page after ${page}`);
    const first = await counted(`/threads/${KEY}?replies=${ROOT_ID}`);
    const last = await counted(deep);
    t.diagnostic(`${first} reads for the first page, ${last} for page 81`);
    assert.ok(first <= 20 && last <= 20, `${first} reads for the first page, ${last} for page 81`);
  });

  it('reads an old link by position from the start of the conversation', async () => {
    const { res } = await timed(`/threads/${KEY}?replies=${ROOT_ID}&from=5000`);
    assert.equal(res.status, 200);
    assert.deepEqual(idsOn(res.text).slice(0, 3), [ROOT_ID, ROOT_ID + 1, ROOT_ID + 2]);
    assert.equal(moreLink(res.text)?.count, REPLIES - 100);
  });

  it('refuses a cursor it never issued, as the replies API does', async () => {
    const { res } = await timed(`/threads/${KEY}?replies=${ROOT_ID}&after=not-a-cursor`);
    assert.equal(res.status, 400);
  });
});
