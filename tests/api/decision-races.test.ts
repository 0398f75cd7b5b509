// Moderators deciding the same comments at the same moment. On PostgreSQL each decision is a transaction of its own,
// and two of them can lock the same rows (the comments, the queue's counters) in opposite orders: the database then
// ends one with a deadlock, which must not reach the moderator as a 500. SQLite runs them one after another.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { inTransaction } from '../../src/db/unit-of-work.js';
import { approvedComment, postComment, setStatus, signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
let first: Awaited<ReturnType<typeof signIn>>;
let second: Awaited<ReturnType<typeof signIn>>;
before(async () => {
  ctx = await createTestContext();
  first = await signIn(ctx, 'moderator');
  second = await signIn(ctx, 'moderator');
});
after(async () => ctx.close());

// Each sends its request at once: a supertest request goes out only once it is awaited or then-ed.
const decideAll = (who: { auth: string }, body: object) =>
  ctx.request.post('/api/v1/moderation/decisions').set('Authorization', who.auth).send(body).then((res) => res);
const decideOne = (who: { auth: string }, id: number, body: object) =>
  ctx.request.post(`/api/v1/moderation/comments/${id}/decision`).set('Authorization', who.auth).send(body).then((res) => res);
const statusOf = async (id: number) => (await ctx.request.get(`/api/v1/moderation/comments/${id}`).set('Authorization', first.auth)).body.status as string;
const ROUNDS = 8;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('decisions at the same moment', () => {
  it('two bulk decisions over the same comments in opposite orders both succeed, and the last one stands', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const ids = [];
      for (let i = 0; i < 4; i += 1) ids.push((await postComment(ctx, `bulk-race-${round}`, { body: `comment ${i} of round ${round}` })).comment.id as number);
      const [approved, rejected] = await Promise.all([
        decideAll(first, { ids, action: 'approve' }),
        decideAll(second, { ids: [...ids].reverse(), action: 'reject' }),
      ]);
      assert.equal(approved.status, 200, `round ${round}: ${approved.text}`);
      assert.equal(rejected.status, 200, `round ${round}: ${rejected.text}`);
      // Whichever committed last decided every comment: all four end alike.
      const statuses = new Set(await Promise.all(ids.map(statusOf)));
      assert.equal(statuses.size, 1, `round ${round}: ${[...statuses].join(', ')}`);
    }
  });

  it('two moderators deciding one comment differently at once, neither naming the status they saw, both succeed (the later stands)', async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const id = (await postComment(ctx, 'single-race', { body: `the comment of round ${round}` })).comment.id as number;
      const answers = await Promise.all([decideOne(first, id, { action: 'approve' }), decideOne(second, id, { action: 'spam' })]);
      for (const answer of answers) assert.equal(answer.status, 200, `round ${round}: ${answer.text}`);
      // Newest first: each entry starts where the one before it ended, and the newest is where the comment is.
      const log = (await ctx.request.get(`/api/v1/moderation/log?commentId=${id}`).set('Authorization', first.auth)).body.items as Array<{ fromStatus: string | null; toStatus: string }>;
      assert.equal(log.length, 3, `round ${round}: the pipeline's entry and both decisions`);
      for (let i = 0; i + 1 < log.length; i += 1) assert.equal(log[i]!.fromStatus, log[i + 1]!.toStatus, `round ${round}: entry ${i}`);
      assert.equal(log[0]!.toStatus, await statusOf(id), `round ${round}: the log's newest entry is the comment's status`);
    }
  });

  // PostgreSQL keeps the queue's counts in rows per status and shard (the comment's id modulo 16), changed by a trigger
  // in each transaction that moves a comment. Two bulk decisions over different comments then lock counter rows of two
  // shards in opposite orders, and the database ends one of them to break the deadlock. A transaction holding one
  // counter row lines them up: whichever of the two takes that row when it is let go, it then waits for the other.
  it('two bulk decisions whose comments share counter rows crosswise (PostgreSQL deadlock) both succeed', async (t) => {
    if (ctx.config.DATABASE_URL.startsWith('file:')) return t.skip('SQLite runs one transaction at a time');
    const ids: number[] = [];
    for (let i = 0; i < 49; i += 1) ids.push((await postComment(ctx, 'counter-race', { body: `comment number ${i} of the counter race` })).comment.id as number);
    assert.deepEqual(ids, ids.map((_, i) => ids[0]! + i), 'consecutive ids');
    // Shards s and s + 1. The approval moves ids[0] (pending to approved, shard s) then ids[1] (s + 1); the rejection
    // ids[17] (approved, s + 1), ids[32] (approved, s), then ids[48] (pending, s).
    const shard = ids[0]! % 16;
    const toApprove = [ids[0]!, ids[1]!];
    const toReject = [ids[17]!, ids[32]!, ids[48]!];
    for (const id of [ids[17]!, ids[32]!]) await setStatus(ctx, id, 'approved');
    let release = () => {};
    const holding = inTransaction(
      ctx.db,
      async ({ tx }) => {
        await tx.$executeRaw`UPDATE "CommentStatusCount" SET "n" = "n" WHERE "status" = 'approved' AND "shard" = ${shard}`;
        await new Promise<void>((resolve) => (release = resolve));
      },
      { timeoutMs: 5_000 },
    );
    await sleep(100);
    const approval = decideAll(first, { ids: toApprove, action: 'approve' });
    await sleep(200);
    const rejection = decideAll(second, { ids: toReject, action: 'reject' });
    await sleep(200);
    release();
    await holding;
    const [approved, rejected] = await Promise.all([approval, rejection]);
    assert.equal(approved.status, 200, approved.text);
    assert.equal(rejected.status, 200, rejected.text);
    assert.deepEqual(await Promise.all(toApprove.map(statusOf)), ['approved', 'approved']);
    assert.deepEqual(await Promise.all(toReject.map(statusOf)), ['rejected', 'rejected', 'rejected']);
  });

  // The reply's checks pass before its transaction, while the rejection is not yet committed; the reply then waits for
  // the writer (SQLite) or the parent's row (PostgreSQL), and must find the parent hidden where it is stored.
  it('a reply stored while a moderator hides its parent at that moment is refused, as it would be a moment later', async () => {
    const parent = await approvedComment(ctx, 'reply-race', { body: 'the parent about to be rejected' });
    let release = () => {};
    const rejecting = inTransaction(
      ctx.db,
      async ({ tx }) => {
        await tx.comment.update({ where: { id: parent.comment.id }, data: { status: 'rejected' } });
        await new Promise<void>((resolve) => (release = resolve));
      },
      { timeoutMs: 5_000 },
    );
    // Sent now, as decideAll's are.
    const reply = ctx.request
      .post('/api/v1/threads/reply-race/comments')
      .send({ body: 'a reply at the same moment', authorName: 'Quick', authorEmail: 'quick@example.org', parentId: parent.comment.id })
      .then((res) => res);
    await sleep(300);
    release();
    await rejecting;
    const answer = await reply;
    assert.equal(answer.status, 422, answer.text);
    assert.deepEqual(answer.body.errors.map((error: { field: string }) => error.field), ['parentId']);
    assert.equal(await ctx.db.comment.count({ where: { parentId: parent.comment.id } }), 0);
  });
});
