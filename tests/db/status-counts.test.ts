// The dashboard's counts come from counter rows that database triggers keep (migration comment_status_counts).
// Every way a row can change is exercised here and the counters compared with a full count; a later migration
// that rebuilds the Comment table on SQLite (and so drops its triggers) makes this file fail.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { countByStatus } from '../../src/moderation/moderation.repository.js';
import { postComment, signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());

const STATUSES = ['pending', 'flagged', 'approved', 'rejected', 'spam'] as const;

/** The counts the slow way: every comment not deleted, grouped by status. */
async function scanned() {
  const groups = await ctx.db.comment.groupBy({ by: ['status'], where: { deletedAt: null }, _count: { _all: true } });
  return Object.fromEntries(STATUSES.map((status) => [status, groups.find((g) => g.status === status)?._count._all ?? 0]));
}

async function assertInStep(step: string) {
  assert.deepEqual(await countByStatus(ctx.db), await scanned(), `after ${step}`);
}

describe('comment counts by status kept by the database', () => {
  it('stay equal to a full count through posts, decisions, bulk changes, soft and hard deletes and cascades', async () => {
    await assertInStep('nothing');
    const moderator = await signIn(ctx, 'moderator');
    const posted = [];
    for (let i = 0; i < 6; i += 1) posted.push(await postComment(ctx, i < 4 ? 'counts-a' : 'counts-b', { body: `Counted comment number ${i}` }));
    await assertInStep('posts');
    const [first, second, third, fourth, fifth] = posted.map((p) => p.comment.id) as [number, number, number, number, number];
    const decide = (id: number, action: string) => ctx.request.post(`/api/v1/moderation/comments/${id}/decision`).set('Authorization', moderator.auth).send({ action });
    assert.equal((await decide(first, 'approve')).status, 200);
    assert.equal((await decide(second, 'spam')).status, 200);
    assert.equal((await decide(third, 'reject')).status, 200);
    await assertInStep('decisions');
    const bulk = await ctx.request.post('/api/v1/moderation/decisions').set('Authorization', moderator.auth).send({ ids: [fourth, fifth], action: 'approve' });
    assert.equal(bulk.status, 200);
    await ctx.request.post(`/api/v1/moderation/decisions/${bulk.body.batchId}/undo`).set('Authorization', moderator.auth);
    await assertInStep('a bulk decision and its undo');
    await ctx.db.comment.update({ where: { id: first }, data: { status: 'approved' } });
    await assertInStep('an update that changes nothing');
    await ctx.db.comment.update({ where: { id: first }, data: { deletedAt: ctx.clock.now() } });
    await assertInStep('a soft delete');
    await ctx.db.comment.update({ where: { id: first }, data: { deletedAt: null, status: 'flagged' } });
    await assertInStep('an undelete with a new status');
    await ctx.db.comment.updateMany({ where: { thread: { key: 'counts-a' } }, data: { status: 'pending' } });
    await assertInStep('updateMany');
    await ctx.db.comment.delete({ where: { id: fifth } });
    await assertInStep('a hard delete');
    await ctx.db.thread.delete({ where: { key: 'counts-a' } });
    await assertInStep('a thread deleted with its comments (cascade)');
    const counts = await countByStatus(ctx.db);
    assert.ok(Object.values(counts).every((n) => n >= 0));
  });

  it('the dashboard counts endpoint reads them', async () => {
    const moderator = await signIn(ctx, 'moderator');
    const res = await ctx.request.get('/api/v1/moderation/counts').set('Authorization', moderator.auth);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.counts, await scanned());
  });
});
