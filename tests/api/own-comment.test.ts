import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { approvedComment, postComment, restorePolicyAfterEach, setPolicy, signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());
restorePolicyAfterEach(() => ctx);
beforeEach(() => ctx.clock.advance(3600));

const path = (id: number) => `/api/v1/comments/${id}`;

describe("the author's own comment with X-Edit-Token", () => {
  it('GET shows the author their pending comment; 401 without the token, 403 with a wrong one, 404 if unknown', async () => {
    const posted = await postComment(ctx, 'own-get', { body: 'Mine, still pending.' });
    const res = await ctx.request.get(path(posted.comment.id)).set('X-Edit-Token', posted.editToken);
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'pending');
    assert.equal(res.body.comment.body, 'Mine, still pending.');
    assert.equal(res.body.message, 'Your comment is awaiting moderation.');
    assert.equal(res.body.editableUntil, new Date(Date.parse(res.body.comment.createdAt) + 15 * 60_000).toISOString());
    assert.ok(!res.text.includes('@example.org'));
    assert.equal((await ctx.request.get(path(posted.comment.id))).status, 401);
    assert.equal((await ctx.request.get(path(posted.comment.id)).set('X-Edit-Token', 'wrong')).status, 403);
    assert.equal((await ctx.request.get(path(99999999)).set('X-Edit-Token', posted.editToken)).status, 404);
  });

  it('PATCH edits within the window, moderates the new text again and logs the change', async () => {
    await setPolicy(ctx, { premoderation: 'none', bannedWords: ['scoundrel'] });
    const posted = await postComment(ctx, 'own-edit', { body: 'First version.' });
    ctx.clock.advance(-60 + 14 * 60);
    const edited = await ctx.request.patch(path(posted.comment.id)).set('X-Edit-Token', posted.editToken).send({ body: ' You scoundrel! ' });
    assert.equal(edited.status, 200);
    assert.equal(edited.body.status, 'rejected');
    assert.equal(edited.body.comment.edited, true);
    const row = await ctx.db.comment.findUniqueOrThrow({ where: { id: posted.comment.id }, include: { decisions: true } });
    assert.equal(row.body, 'You scoundrel!');
    assert.deepEqual(row.decisions.at(-1) && [row.decisions.at(-1)?.fromStatus, row.decisions.at(-1)?.toStatus], ['approved', 'rejected']);
    const thread = await ctx.request.get('/api/v1/threads/own-edit/comments');
    assert.equal(thread.body.comments.length, 0, 'the public thread no longer shows it');
  });

  it('PATCH with the text as it stands changes nothing: an approved comment stays published with its replies', async () => {
    const posted = await postComment(ctx, 'own-same', { body: 'Said once, and approved.' });
    const { auth } = await signIn(ctx);
    const approved = await ctx.request.post(`/api/v1/moderation/comments/${posted.comment.id}/decision`).set('Authorization', auth).send({ action: 'approve' });
    assert.equal(approved.status, 200, approved.text);
    const reply = await approvedComment(ctx, 'own-same', { body: 'A reply to it.', parentId: posted.comment.id });
    const before = await ctx.db.comment.findUniqueOrThrow({ where: { id: posted.comment.id }, include: { decisions: true } });
    // Sent again with the spaces around it that the form trims, as a second click on "Save" sends it.
    const same = await ctx.request.patch(path(posted.comment.id)).set('X-Edit-Token', posted.editToken).send({ body: ' Said once, and approved. ' });
    assert.equal(same.status, 200);
    assert.equal(same.body.status, 'approved');
    assert.equal(same.body.comment.edited, false);
    const after = await ctx.db.comment.findUniqueOrThrow({ where: { id: posted.comment.id }, include: { decisions: true } });
    assert.deepEqual([after.status, after.editedAt, after.updatedAt, after.decisions.length], [before.status, null, before.updatedAt, before.decisions.length]);
    const thread = await ctx.request.get('/api/v1/threads/own-same/comments');
    assert.deepEqual(thread.body.comments.map((c: { id: number; replies?: Array<{ id: number }> }) => [c.id, c.replies?.map((r) => r.id)]), [[posted.comment.id, [reply.comment.id]]]);
  });

  it('PATCH answers 403 after the edit window and 422 for an empty body, changing nothing', async () => {
    const posted = await postComment(ctx, 'own-late', { body: 'Original.' });
    const empty = await ctx.request.patch(path(posted.comment.id)).set('X-Edit-Token', posted.editToken).send({ body: '   ' });
    assert.equal(empty.status, 422);
    assert.equal(empty.body.errors[0].message, 'Please enter your comment!');
    assert.equal(empty.body.title, 'Your changes could not be saved', 'an edit says what did not happen to it, not that a comment was not posted');
    const emptyAr = await ctx.request.patch(`${path(posted.comment.id)}?lang=ar`).set('X-Edit-Token', posted.editToken).send({ body: '' });
    assert.equal(emptyAr.body.title, 'تعذّر حفظ تعديلك');
    ctx.clock.advance(16 * 60);
    const late = await ctx.request.patch(path(posted.comment.id)).set('X-Edit-Token', posted.editToken).send({ body: 'Too late.' });
    assert.equal(late.status, 403);
    assert.equal(late.body.code, 'edit_window_closed');
    assert.equal((await ctx.db.comment.findUniqueOrThrow({ where: { id: posted.comment.id } })).body, 'Original.');
  });

  it('DELETE erases a comment to a tombstone readers see only while it has replies', async () => {
    const lone = await approvedComment(ctx, 'own-delete', { body: 'Nobody answered this one.' });
    assert.equal((await ctx.request.delete(path(lone.comment.id)).set('X-Edit-Token', lone.editToken)).status, 204);
    const tombstone = await ctx.db.comment.findUniqueOrThrow({ where: { id: lone.comment.id } });
    assert.deepEqual([tombstone.body, tombstone.authorName, tombstone.authorEmail, tombstone.deletedAt !== null], ['', '', '', true]);
    assert.deepEqual((await ctx.request.get('/api/v1/threads/own-delete/comments')).body.comments, [], 'no placeholder without replies');

    const parent = await approvedComment(ctx, 'own-delete', { authorName: 'Parent Author' });
    await approvedComment(ctx, 'own-delete', { parentId: parent.comment.id, body: 'a reply that stays' });
    assert.equal((await ctx.request.delete(path(parent.comment.id)).set('X-Edit-Token', 'nope')).status, 403);
    assert.equal((await ctx.request.delete(path(parent.comment.id)).set('X-Edit-Token', parent.editToken)).status, 204);
    const row = await ctx.db.comment.findUniqueOrThrow({ where: { id: parent.comment.id } });
    assert.deepEqual([row.body, row.authorName, row.authorEmail], ['', '', '']);
    const thread = await ctx.request.get('/api/v1/threads/own-delete/comments');
    assert.equal(thread.body.comments[0].deleted, true);
    assert.equal(thread.body.comments[0].authorName, '');
    assert.equal(thread.body.comments[0].replies[0].body, 'a reply that stays');
    assert.equal((await ctx.request.get(path(parent.comment.id)).set('X-Edit-Token', parent.editToken)).status, 404);
  });
});
