import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { postComment, restorePolicyAfterEach, setPolicy, signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
let moderator: Awaited<ReturnType<typeof signIn>>;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());
restorePolicyAfterEach(() => ctx);
beforeEach(async () => {
  ctx.clock.advance(3600);
  moderator = await signIn(ctx, 'moderator');
});

const decide = (id: number, action: string) =>
  ctx.request.post(`/api/v1/moderation/comments/${id}/decision`).set('Authorization', moderator.auth).send({ action });
const edit = (posted: { comment: { id: number }; editToken: string }, body: string) =>
  ctx.request.patch(`/api/v1/comments/${posted.comment.id}`).set('X-Edit-Token', posted.editToken).send({ body });
const statusOf = async (id: number) => (await ctx.db.comment.findUniqueOrThrow({ where: { id } })).status;
const logOf = (commentId: number) => ctx.db.decision.findMany({ where: { commentId }, orderBy: { id: 'asc' } });

describe("a moderator's decision stands", () => {
  it('sends an edit of a comment a moderator rejected back to the queue, not out, even when premoderation is off', async () => {
    await setPolicy(ctx, { premoderation: 'none' });
    const posted = await postComment(ctx, 'stands', { body: 'A comment the moderator did not like.' });
    assert.equal(posted.status, 'approved');
    assert.equal((await decide(posted.comment.id, 'reject')).status, 200);
    const res = await edit(posted, 'Same idea, reworded so no rule objects.');
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'pending');
    assert.equal(await statusOf(posted.comment.id), 'pending');
    const thread = await ctx.request.get('/api/v1/threads/stands/comments');
    assert.deepEqual(thread.body.comments, []);
  });

  it('sends an edit of a moderator-approved comment back to the queue too; an edit of an undecided one is judged afresh', async () => {
    await setPolicy(ctx, { premoderation: 'none' });
    const approved = await postComment(ctx, 'stands-2', { body: 'Approved by a person.' });
    await decide(approved.comment.id, 'approve');
    // Already approved: the decision is a no-op, so make it a real one through the queue.
    await decide(approved.comment.id, 'pending');
    await decide(approved.comment.id, 'approve');
    assert.equal((await edit(approved, 'Changed after approval.')).body.status, 'pending');
    const fresh = await postComment(ctx, 'stands-2', { body: 'Nobody decided this one.' });
    assert.equal((await edit(fresh, 'Edited, still fine.')).body.status, 'approved');
  });
});

describe('the record stays', () => {
  it("keeps a moderator's reject and logs the author's deletion when the author deletes the comment", async () => {
    const posted = await postComment(ctx, 'record', { body: 'Soon to be rejected, then deleted.' });
    await decide(posted.comment.id, 'reject');
    const res = await ctx.request.delete(`/api/v1/comments/${posted.comment.id}`).set('X-Edit-Token', posted.editToken);
    assert.equal(res.status, 204);
    const log = await logOf(posted.comment.id);
    assert.deepEqual(
      log.map((d) => [d.actor, d.fromStatus, d.toStatus, d.note]),
      [
        ['pipeline', null, 'pending', null],
        ['moderator', 'pending', 'rejected', null],
        ['author', 'rejected', 'rejected', 'deleted by author'],
      ],
    );
    const row = await ctx.db.comment.findUniqueOrThrow({ where: { id: posted.comment.id } });
    assert.equal(row.body, '');
    assert.notEqual(row.deletedAt, null);
    const history = await ctx.request.get('/api/v1/moderation/log?limit=100').set('Authorization', moderator.auth);
    assert.ok(history.body.items.some((item: { commentId: number; toStatus: string }) => item.commentId === posted.comment.id && item.toStatus === 'rejected'));
  });

  it('still erases on a privacy request, and writes that request to the privacy audit log', async () => {
    const admin = await signIn(ctx, 'admin');
    const posted = await postComment(ctx, 'record', { authorEmail: 'forget-me@example.org', body: 'Please forget me later.' });
    const res = await ctx.request.post('/api/v1/moderation/privacy/forget-me%40example.org/erase').set('Authorization', admin.auth).send({ mode: 'delete' });
    assert.equal(res.status, 200, res.text);
    assert.equal(await ctx.db.comment.count({ where: { id: posted.comment.id } }), 0);
    const audit = await ctx.db.privacyAction.findMany({ where: { action: 'delete' } });
    assert.equal(audit.length, 1);
    assert.deepEqual(audit[0]?.commentIds, [posted.comment.id]);
  });
});
