import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { REPLIES_PER_CONVERSATION } from '../../src/threads/thread.schemas.js';
import { approvedComment, postComment, seedConversation, setPolicy, setStatus } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
  await setPolicy(ctx, { challengeWhen: [] });
});
after(async () => ctx.close());

interface Node {
  id: number;
  parentId: number | null;
  body: string;
  replies: Node[];
  replyCount?: number;
  repliesCursor?: string;
}

const pageUrl = (key: string) => `/api/v1/threads/${key}/comments`;
const repliesUrl = (key: string, id: number) => `/api/v1/threads/${key}/comments/${id}/replies`;

function flatten(nodes: readonly Node[]): Node[] {
  return nodes.flatMap((node) => [node, ...flatten(node.replies)]);
}

/** The first page's conversation, then every later reply through the cursors. */
async function readWholeConversation(key: string, limit?: number) {
  const page = await ctx.request.get(pageUrl(key));
  assert.equal(page.status, 200);
  const root = (page.body.comments as Node[])[0] as Node;
  const later: Node[] = [];
  const requests: number[] = [];
  for (let cursor = root.repliesCursor ?? null; cursor; ) {
    const res = await ctx.request.get(repliesUrl(key, root.id)).query({ cursor, ...(limit ? { limit } : {}) });
    assert.equal(res.status, 200, res.text);
    assert.match(String(res.headers['cache-control']), /^public, max-age=\d+, stale-while-revalidate=\d+$/);
    assert.ok(res.headers.etag, 'an ETag');
    later.push(...(res.body.replies as Node[]));
    requests.push((res.body.replies as Node[]).length);
    cursor = res.body.nextCursor as string | null;
  }
  return { page, root, later, requests };
}

describe('GET /api/v1/threads/{threadKey}/comments with long conversations', () => {
  it('carries the first replies of a 130-reply conversation with its count and cursor; the cursor reads the rest once each, in order', async () => {
    const { rootId, replyIds } = await seedConversation(ctx, 'long-talk', 130);
    const { root, later, requests } = await readWholeConversation('long-talk');
    assert.equal(root.id, rootId);
    const first = flatten(root.replies);
    assert.equal(first.length, REPLIES_PER_CONVERSATION);
    assert.deepEqual(first.map((reply) => reply.id).sort((a, b) => a - b), replyIds.slice(0, REPLIES_PER_CONVERSATION));
    assert.equal(root.replyCount, 130);
    assert.ok(root.repliesCursor);
    // Nested as before: the third reply answers the second.
    assert.equal(root.replies.find((reply) => reply.id === replyIds[1])?.replies[0]?.id, replyIds[2]);

    assert.deepEqual(requests, [50, 30]);
    assert.deepEqual(later.map((reply) => reply.id), replyIds.slice(REPLIES_PER_CONVERSATION));
    for (const reply of later) {
      assert.deepEqual(reply.replies, []);
      assert.equal(reply.parentId, replyIds.indexOf(reply.id) % 3 === 2 ? replyIds[replyIds.indexOf(reply.id) - 1] : rootId);
    }
    // Small pages read the same replies, each once.
    const small = await readWholeConversation('long-talk', 7);
    assert.deepEqual(small.later.map((reply) => reply.id), replyIds.slice(REPLIES_PER_CONVERSATION));
    assert.equal(small.requests.length, 12);
    // Without a cursor: from the start of the conversation.
    const start = await ctx.request.get(repliesUrl('long-talk', rootId)).query({ limit: 3 });
    assert.deepEqual((start.body.replies as Node[]).map((reply) => reply.id), replyIds.slice(0, 3));
  });

  it('a short conversation carries all its replies and no count or cursor (the shape of SPEC section 3)', async () => {
    const { replyIds } = await seedConversation(ctx, 'short-talk', REPLIES_PER_CONVERSATION);
    const res = await ctx.request.get(pageUrl('short-talk'));
    const root = (res.body.comments as Node[])[0] as Node;
    assert.equal(flatten(root.replies).length, replyIds.length);
    assert.ok(!('replyCount' in root) && !('repliesCursor' in root));
    assert.deepEqual(Object.keys(root).sort(), ['authorName', 'authorUrl', 'avatar', 'badges', 'body', 'createdAt', 'deleted', 'edited', 'featured', 'id', 'parentId', 'reactions', 'replies']);
  });

  it('a new reply drops the cached replies pages; pending and hidden replies never appear', async () => {
    const { rootId, replyIds } = await seedConversation(ctx, 'live-talk', 60);
    const before = await readWholeConversation('live-talk');
    assert.equal(before.later.length, 10);
    const again = await ctx.request.get(repliesUrl('live-talk', rootId)).query({ cursor: before.root.repliesCursor }).set('If-None-Match', '*');
    const etag = (await ctx.request.get(repliesUrl('live-talk', rootId)).query({ cursor: before.root.repliesCursor })).headers.etag as string;
    assert.ok(again.status === 200 || again.status === 304);
    assert.equal((await ctx.request.get(repliesUrl('live-talk', rootId)).query({ cursor: before.root.repliesCursor }).set('If-None-Match', etag)).status, 304);

    const pending = await postComment(ctx, 'live-talk', { parentId: rootId, body: 'a pending reply' });
    const approved = await approvedComment(ctx, 'live-talk', { parentId: rootId, body: 'a new approved reply' });
    // The reply below a reply that moderators then hide is not shown either.
    const hiddenParent = replyIds[55] as number;
    await setStatus(ctx, hiddenParent, 'rejected');
    const after = await readWholeConversation('live-talk');
    const ids = after.later.map((reply) => reply.id);
    assert.ok(ids.includes(approved.comment.id), 'the new reply is read');
    assert.ok(!ids.includes(pending.comment.id), 'no pending reply');
    assert.ok(!ids.includes(hiddenParent) && !ids.includes(replyIds[56] as number), 'no rejected reply, nor the reply below it');
    // 60 seeded and 1 new, less the rejected reply and the reply below it: the count is what readers can page through.
    assert.equal(after.root.replyCount, 59);
    assert.equal(after.later.length + flatten(after.root.replies).length, 59);
    assert.notEqual(etag, (await ctx.request.get(repliesUrl('live-talk', rootId)).query({ cursor: before.root.repliesCursor })).headers.etag);
  });

  it('an unknown, hidden or foreign conversation is an empty list; a bad cursor or limit is a localised 400', async () => {
    const { rootId, replyIds } = await seedConversation(ctx, 'edge-talk', 3);
    for (const path of [repliesUrl('edge-talk', 999_999), repliesUrl('no-such-thread', rootId), repliesUrl('edge-talk', replyIds[0] as number)]) {
      const res = await ctx.request.get(path);
      assert.equal(res.status, 200, path);
      assert.deepEqual(res.body, { replies: [], nextCursor: null });
    }
    const other = await seedConversation(ctx, 'other-talk', 1);
    assert.deepEqual((await ctx.request.get(repliesUrl('edge-talk', other.rootId))).body, { replies: [], nextCursor: null });
    await setStatus(ctx, rootId, 'pending');
    assert.deepEqual((await ctx.request.get(repliesUrl('edge-talk', rootId))).body, { replies: [], nextCursor: null });

    for (const query of ['cursor=nonsense', `cursor=${Buffer.from('c1:12').toString('base64url')}`, 'limit=0', 'limit=101']) {
      const en = await ctx.request.get(`${repliesUrl('edge-talk', rootId)}?${query}`);
      assert.equal(en.status, 400, query);
      assert.match(String(en.headers['content-type']), /application\/problem\+json/);
      const ar = await ctx.request.get(`${repliesUrl('edge-talk', rootId)}?${query}&lang=ar`);
      assert.equal(ar.status, 400);
      assert.notEqual(ar.body.title, en.body.title);
      assert.match(JSON.stringify(ar.body), /[\u0600-\u06FF]/);
    }
    assert.equal((await ctx.request.get('/api/v1/threads/edge-talk/comments/abc/replies')).status, 400);
  });

  it('a 5,000-reply conversation: the first page is bounded (sizes printed before and after)', async (t) => {
    const key = 'huge-talk';
    const now = ctx.clock.now();
    const thread = await ctx.db.thread.create({ data: { key, createdAt: now } });
    const root = await ctx.db.comment.create({
      data: { threadId: thread.id, body: 'opening', authorName: 'Reader', authorEmail: 'seeded@example.org', authorKey: 'seeded@example.org', status: 'approved', reasons: [], bodyHash: 'huge-root', editTokenHash: 'x', createdAt: now, updatedAt: now },
    });
    await ctx.db.comment.update({ where: { id: root.id }, data: { rootId: root.id } });
    const rows = Array.from({ length: 5000 }, (_, i) => ({
      threadId: thread.id,
      parentId: root.id,
      rootId: root.id,
      depth: 1,
      body: `Reply number ${i + 1} in a very long conversation about the budget, with a sentence or two of substance.`,
      authorName: `Reader ${i % 97}`,
      authorEmail: 'seeded@example.org',
      authorKey: 'seeded@example.org',
      status: 'approved' as const,
      reasons: [],
      bodyHash: `huge-${i}`,
      editTokenHash: 'x',
      createdAt: now,
      updatedAt: now,
    }));
    for (let start = 0; start < rows.length; start += 500) await ctx.db.comment.createMany({ data: rows.slice(start, start + 500) });
    await ctx.threadCache.invalidate(key);

    const { page, root: shown, later } = await readWholeConversation(key, 100);
    const after = Buffer.byteLength(page.text);
    // Before: the same page with every reply nested under the conversation (what it carried until now).
    const { replyCount: _count, repliesCursor: _cursor, ...rest } = shown;
    const whole = { ...page.body, comments: [{ ...rest, replies: [...shown.replies, ...later] }] };
    const before = Buffer.byteLength(JSON.stringify(whole));
    t.diagnostic(`5,000-reply conversation, first page: before ${before} bytes, after ${after} bytes`);
    assert.equal(flatten(whole.comments as Node[]).length, 5001);
    assert.ok(after < 50_000, `${after} bytes`);
    assert.ok(before > 40 * after);
  });
});
