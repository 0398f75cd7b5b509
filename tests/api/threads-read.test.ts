import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { approvedComment, describeThread, postComment, restorePolicyAfterEach, setPolicy, setStatus } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());
restorePolicyAfterEach(() => ctx);
beforeEach(() => ctx.clock.advance(3600));

const url = (key: string) => `/api/v1/threads/${key}/comments`;

interface Node {
  id: number;
  parentId: number | null;
  body: string;
  replies: Node[];
}

describe('GET /api/v1/threads/{threadKey}/comments', () => {
  it('returns an empty list, not 404, for an unknown thread', async () => {
    const res = await ctx.request.get(url('never-used'));
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, {
      thread: { key: 'never-used', title: null, url: null, closed: false, commentCount: 0 },
      comments: [],
      picks: [],
      nextCursor: null,
    });
  });

  it('shows approved comments only, with approved replies nested, and no email, IP or status', async () => {
    const top = await approvedComment(ctx, 'nested');
    await describeThread(ctx, 'nested', { title: 'Budget 2027', url: 'https://news.example/budget' });
    const reply = await approvedComment(ctx, 'nested', { parentId: top.comment.id, authorEmail: 'secret.reader@example.org' });
    await approvedComment(ctx, 'nested', { parentId: reply.comment.id, body: 'third level' });
    await postComment(ctx, 'nested', { parentId: top.comment.id, body: 'pending reply' });
    const rejected = await postComment(ctx, 'nested', { body: 'rejected top' });
    await setStatus(ctx, rejected.comment.id, 'rejected');
    const spam = await postComment(ctx, 'nested', { body: 'spam top' });
    await setStatus(ctx, spam.comment.id, 'spam');

    const res = await ctx.request.get(url('nested'));
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.thread, { key: 'nested', title: 'Budget 2027', url: 'https://news.example/budget', closed: false, commentCount: 3 });
    const comments = res.body.comments as Node[];
    assert.equal(comments.length, 1);
    assert.equal(comments[0]?.replies.length, 1);
    assert.equal(comments[0]?.replies[0]?.id, reply.comment.id);
    assert.equal(comments[0]?.replies[0]?.replies[0]?.body, 'third level');
    const text = res.text;
    assert.ok(!text.includes('@example.org'), 'no email');
    assert.ok(!/"status"|"ipHash"|"authorEmail"|"userAgent"|127\.0\.0\.1/.test(text), 'no status, IP or user agent');
  });

  it('sorts oldest or newest first and pages top-level comments with a cursor', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 7; i += 1) ids.push((await approvedComment(ctx, 'paged', { body: `comment ${i}` })).comment.id);
    await approvedComment(ctx, 'paged', { parentId: ids[0], body: 'a reply does not count towards the limit' });

    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const res = await ctx.request.get(url('paged')).query({ limit: 3, ...(cursor ? { cursor } : {}) });
      assert.equal(res.status, 200);
      seen.push(...(res.body.comments as Node[]).map((c) => c.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    assert.deepEqual(seen, ids);

    const newest = await ctx.request.get(url('paged')).query({ sort: 'newest', limit: 2 });
    assert.deepEqual((newest.body.comments as Node[]).map((c) => c.id), [ids[6], ids[5]]);
    const next = await ctx.request.get(url('paged')).query({ sort: 'newest', limit: 2, cursor: newest.body.nextCursor });
    assert.deepEqual((next.body.comments as Node[]).map((c) => c.id), [ids[4], ids[3]]);
    const first = await ctx.request.get(url('paged')).query({ limit: 50 });
    assert.equal((first.body.comments as Node[])[0]?.replies.length, 1);
  });

  it('answers 400 to a bad sort, limit or cursor', async () => {
    for (const query of [{ sort: 'hottest' }, { limit: 0 }, { limit: 101 }, { limit: 'ten' }, { cursor: 'garbage' }]) {
      const res = await ctx.request.get(url('paged')).query(query);
      assert.equal(res.status, 400, JSON.stringify(query));
      assert.match(res.get('content-type') ?? '', /problem\+json/);
    }
    // A number out of its range says which way: not "too long", which is said of text.
    const codes = async (limit: number) => ((await ctx.request.get(url('paged')).query({ limit })).body.errors as Array<{ code: string }>).map((e) => e.code);
    assert.deepEqual(await codes(101), ['too_big']);
    assert.deepEqual(await codes(0), ['too_small']);
    // One answer lists every bad parameter, the cursor (read only once the rest is valid) included.
    const fields = async (query: Record<string, string>) =>
      ((await ctx.request.get(url('paged')).query(query)).body.errors as Array<{ field: string }>).map((e) => e.field).sort();
    assert.deepEqual(await fields({ cursor: 'zzz', limit: '1000' }), ['cursor', 'limit']);
    assert.deepEqual(await fields({ cursor: 'zzz', sort: 'hottest' }), ['cursor', 'sort']);
    const goodCursor = Buffer.from('c1:5').toString('base64url');
    assert.deepEqual(await fields({ cursor: goodCursor, limit: '1000' }), ['limit'], 'a cursor some order reads is not listed');
  });

  it('sends an ETag and CDN-friendly Cache-Control, and 304 on If-None-Match', async () => {
    await approvedComment(ctx, 'etag');
    const first = await ctx.request.get(url('etag'));
    assert.match(first.get('etag') ?? '', /^W\/".+"$/);
    assert.match(first.get('cache-control') ?? '', /public, max-age=\d+, stale-while-revalidate=\d+/);
    const head = await ctx.request.head(url('etag'));
    assert.equal(head.status, 200);
    assert.equal(head.get('content-length'), first.get('content-length'));
    assert.equal(head.text, undefined);
    const again = await ctx.request.get(url('etag')).set('If-None-Match', first.get('etag') ?? '');
    assert.equal(again.status, 304);
    assert.equal(again.text, '');
  });

  it('shows a change at once: the cached page is invalidated by a new approved comment', async () => {
    await setPolicy(ctx, { premoderation: 'none' });
    await postComment(ctx, 'fresh');
    const before = await ctx.request.get(url('fresh'));
    assert.equal(before.body.comments.length, 1);
    await postComment(ctx, 'fresh');
    const after = await ctx.request.get(url('fresh')).set('If-None-Match', before.get('etag') ?? '');
    assert.equal(after.status, 200);
    assert.equal(after.body.comments.length, 2);
    assert.notEqual(after.get('etag'), before.get('etag'));
  });

  it('answers 400 to an invalid thread key', async () => {
    assert.equal((await ctx.request.get(url('has%20space'))).status, 400);
    assert.equal((await ctx.request.get(url('x'.repeat(201)))).status, 400);
  });
});

describe('GET /api/v1/counts', () => {
  it('counts approved comments per thread, 0 for unknown threads', async () => {
    await approvedComment(ctx, 'count-a');
    await approvedComment(ctx, 'count-a');
    await postComment(ctx, 'count-a');
    await postComment(ctx, 'count-b');
    const res = await ctx.request.get('/api/v1/counts').query({ threads: 'count-a,count-b,count-none' });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { counts: { 'count-a': 2, 'count-b': 0, 'count-none': 0 } });
  });

  it('takes at most 100 keys and answers 400 beyond, or for a bad key', async () => {
    const keys = (n: number) => Array.from({ length: n }, (_, i) => `k${i}`).join(',');
    assert.equal((await ctx.request.get('/api/v1/counts').query({ threads: keys(100) })).status, 200);
    assert.equal((await ctx.request.get('/api/v1/counts').query({ threads: keys(101) })).status, 400);
    assert.equal((await ctx.request.get('/api/v1/counts').query({ threads: 'ok,bad key' })).status, 400);
    assert.equal((await ctx.request.get('/api/v1/counts')).status, 400);
  });
});
