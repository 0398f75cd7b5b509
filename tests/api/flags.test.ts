import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { approvedComment, postComment, signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext({ TRUST_PROXY: 'true' });
});
after(async () => ctx.close());
beforeEach(() => ctx.clock.advance(3600));

const flag = (id: number, ip: string, body: Record<string, unknown> = { reason: 'abuse' }) =>
  ctx.request.post(`/api/v1/comments/${id}/flags`).set('X-Forwarded-For', ip).send(body);

describe('POST /api/v1/comments/{id}/flags', () => {
  it('answers 202 and counts one flag per reader', async () => {
    const { comment } = await approvedComment(ctx, 'flags-once');
    for (let i = 0; i < 3; i += 1) {
      const res = await flag(comment.id, '192.0.2.10', { reason: 'spam', note: 'selling watches' });
      assert.equal(res.status, 202);
    }
    const row = await ctx.db.comment.findUniqueOrThrow({ where: { id: comment.id } });
    assert.equal(row.flagCount, 1);
    assert.equal(row.status, 'approved');
    assert.equal(await ctx.db.flag.count({ where: { commentId: comment.id } }), 1);
  });

  it('moves a comment to the queue as flagged at flagThreshold readers, out of the public thread', async () => {
    const { comment } = await approvedComment(ctx, 'flags-threshold');
    assert.equal((await ctx.request.get('/api/v1/threads/flags-threshold/comments')).body.comments.length, 1);
    for (const ip of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) {
      assert.equal((await flag(comment.id, ip)).status, 202);
      ctx.clock.advance(600); // flags in one burst count once
    }
    const row = await ctx.db.comment.findUniqueOrThrow({ where: { id: comment.id }, include: { decisions: true } });
    assert.equal(row.status, 'flagged');
    assert.deepEqual(row.decisions.map((d) => [d.actor, d.fromStatus, d.toStatus]).at(-1), ['flags', 'approved', 'flagged']);
    const thread = await ctx.request.get('/api/v1/threads/flags-threshold/comments');
    assert.equal(thread.body.comments.length, 0);
    assert.equal(thread.body.thread.commentCount, 0);
  });

  it("after a moderator approves a flagged comment, the reports they reviewed no longer count: new readers' flags start afresh", async () => {
    const { comment } = await approvedComment(ctx, 'flags-reviewed');
    const flagApart = async (ips: string[]) => {
      for (const ip of ips) {
        assert.equal((await flag(comment.id, ip)).status, 202);
        ctx.clock.advance(600);
      }
    };
    await flagApart(['192.0.2.21', '192.0.2.22', '192.0.2.23']);
    const { auth } = await signIn(ctx);
    const approved = await ctx.request.post(`/api/v1/moderation/comments/${comment.id}/decision`).set('Authorization', auth).send({ action: 'approve' });
    assert.equal(approved.status, 200, approved.text);
    // One more reader's report must not overturn the moderator's decision.
    await flagApart(['192.0.2.24']);
    const row = () => ctx.db.comment.findUniqueOrThrow({ where: { id: comment.id } });
    assert.deepEqual([(await row()).status, (await row()).flagCount], ['approved', 1]);
    assert.equal((await ctx.request.get('/api/v1/threads/flags-reviewed/comments')).body.comments.length, 1);
    assert.equal(await ctx.db.flag.count({ where: { commentId: comment.id } }), 4, 'every report is kept');
    // As many new readers as the threshold asks take it back to the queue.
    await flagApart(['192.0.2.25', '192.0.2.26']);
    assert.deepEqual([(await row()).status, (await row()).flagCount], ['flagged', 3]);
  });

  it('answers 422 with a localised message for a bad reason', async () => {
    const { comment } = await approvedComment(ctx, 'flags-bad');
    const res = await flag(comment.id, '192.0.2.20', { reason: 'boring', lang: 'ar' });
    assert.equal(res.status, 422);
    assert.equal(res.body.errors[0].field, 'reason');
    assert.equal(res.body.errors[0].message, 'من فضلك اختر سبب الإبلاغ عن هذا التعليق.');
    // A flag is not a comment: the problem does not say one could not be posted.
    assert.deepEqual([res.body.title, res.body.detail], ['بعض ما أُرسل غير صالح', 'بعض ما أُرسل غير صالح']);
    const english = await flag(comment.id, '192.0.2.21', { reason: 'boring' });
    assert.equal(english.body.title, 'Some of what was sent is not valid');
  });

  it('answers 404 for a comment that is not public', async () => {
    const { comment } = await postComment(ctx, 'flags-pending');
    assert.equal((await flag(comment.id, '192.0.2.30')).status, 404);
    assert.equal((await flag(999999, '192.0.2.30')).status, 404);
    assert.equal((await flag(Number.NaN, '192.0.2.30')).status, 404);
  });
});
