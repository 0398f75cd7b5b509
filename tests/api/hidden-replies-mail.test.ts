// Mail about replies readers cannot see: none is queued while a comment above them is hidden, what was queued goes
// when a comment above them is hidden (as it does when the reply itself is), and what never went goes when they come back.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { emailKey } from '../../src/authors/email.js';
import { approvedComment, postComment, signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
let moderator: Awaited<ReturnType<typeof signIn>>;
before(async () => {
  // Mail is on; nothing delivers it here, so the outbox shows what would go.
  ctx = await createTestContext({ SMTP_URL: 'smtp://127.0.0.1:9', PUBLIC_URL: 'https://comments.news.example' });
  moderator = await signIn(ctx, 'moderator');
});
after(async () => ctx.close());

const decide = async (id: number, action: string) => {
  const res = await ctx.request.post(`/api/v1/moderation/comments/${id}/decision`).set('Authorization', moderator.auth).send({ action });
  assert.equal(res.status, 200, res.text);
};
const confirm = (...addresses: string[]) =>
  Promise.all(addresses.map((address) => ctx.db.author.update({ where: { emailKey: emailKey(address) }, data: { emailConfirmedAt: ctx.clock.now() } })));
const unsentQuoting = (id: number) => ctx.db.outgoingMail.findMany({ where: { quotedCommentId: id, status: 'pending' }, select: { to: true, kind: true } });

/** A reply waiting beneath a published comment beneath another; the two authors below asked for mail and confirmed their addresses. */
async function pendingReplyTwoDown(thread: string, who: string) {
  const top = await approvedComment(ctx, thread);
  const parent = await approvedComment(ctx, thread, { parentId: top.comment.id, notify: true, authorEmail: `${who}.parent@example.org` });
  const reply = await postComment(ctx, thread, { parentId: parent.comment.id, notify: true, authorEmail: `${who}.reply@example.org` });
  await confirm(`${who}.parent@example.org`, `${who}.reply@example.org`);
  return { top, parent, reply };
}

describe('mail about replies beneath a hidden comment', () => {
  it('is not queued when such a reply is approved or featured', async () => {
    const { parent, reply } = await pendingReplyTwoDown('mail-hidden', 'hidden');
    await decide(parent.comment.id, 'reject');
    await decide(reply.comment.id, 'approve');
    const featured = await ctx.request.post(`/api/v1/moderation/comments/${reply.comment.id}/feature`).set('Authorization', moderator.auth).send({ featured: true });
    assert.equal(featured.status, 200, featured.text);
    // Neither "published" to its author, nor "a reply" to the parent's, nor "featured".
    assert.deepEqual(await unsentQuoting(reply.comment.id), []);
  });

  it('goes when the reply comes back, once: approved while hidden, or withdrawn when hidden; never twice once sent', async () => {
    const top = await approvedComment(ctx, 'mail-back');
    const parent = await approvedComment(ctx, 'mail-back', { parentId: top.comment.id, notify: true, authorEmail: 'back.parent@example.org' });
    const approvedHidden = await postComment(ctx, 'mail-back', { parentId: parent.comment.id, notify: true, authorEmail: 'back.hidden@example.org' });
    const withdrawn = await postComment(ctx, 'mail-back', { parentId: parent.comment.id, notify: true, authorEmail: 'back.withdrawn@example.org' });
    const sent = await postComment(ctx, 'mail-back', { parentId: parent.comment.id, notify: true, authorEmail: 'back.sent@example.org' });
    await confirm('back.parent@example.org', 'back.hidden@example.org', 'back.withdrawn@example.org', 'back.sent@example.org');
    const quoting = async (id: number) =>
      (await ctx.db.outgoingMail.findMany({ where: { quotedCommentId: id }, select: { to: true, kind: true, status: true }, orderBy: { id: 'asc' } })).map((mail) => `${mail.kind} ${mail.to} ${mail.status}`);
    await decide(withdrawn.comment.id, 'approve');
    await decide(sent.comment.id, 'approve');
    await ctx.db.outgoingMail.updateMany({ where: { quotedCommentId: sent.comment.id }, data: { status: 'delivered' } });
    await decide(top.comment.id, 'reject');
    await decide(approvedHidden.comment.id, 'approve');
    assert.deepEqual(await quoting(approvedHidden.comment.id), []);
    assert.deepEqual(await quoting(withdrawn.comment.id), []);

    await decide(top.comment.id, 'approve');
    const toldOf = (address: string) => [`comment_approved ${address} pending`, 'comment_reply back.parent@example.org pending'];
    assert.deepEqual(await quoting(approvedHidden.comment.id), toldOf('back.hidden@example.org'));
    assert.deepEqual(await quoting(withdrawn.comment.id), toldOf('back.withdrawn@example.org'));
    assert.deepEqual(await quoting(sent.comment.id), toldOf('back.sent@example.org').map((mail) => mail.replace('pending', 'delivered')));
    // Hidden and shown once more: what is queued is withdrawn and queued again, not doubled.
    await decide(top.comment.id, 'reject');
    await decide(top.comment.id, 'approve');
    assert.deepEqual(await quoting(approvedHidden.comment.id), toldOf('back.hidden@example.org'));
  });

  it('is not sent for a reply approved over a week before it comes back: that is no news', async () => {
    const { top, reply } = await pendingReplyTwoDown('mail-old', 'old');
    await decide(top.comment.id, 'reject');
    await decide(reply.comment.id, 'approve');
    ctx.clock.advance(8 * 86_400);
    moderator = await signIn(ctx, 'moderator');
    await decide(top.comment.id, 'approve');
    assert.deepEqual(await unsentQuoting(reply.comment.id), []);
  });

  it('queued before, is withdrawn when a comment above the reply is hidden', async () => {
    const top = await approvedComment(ctx, 'mail-withdrawn');
    const parent = await approvedComment(ctx, 'mail-withdrawn', { parentId: top.comment.id, notify: true, authorEmail: 'asker@example.org' });
    const reply = await postComment(ctx, 'mail-withdrawn', { parentId: parent.comment.id, authorEmail: 'answerer@example.org' });
    await confirm('asker@example.org');
    await decide(reply.comment.id, 'approve');
    assert.equal((await unsentQuoting(reply.comment.id)).length, 1, 'the parent author is told of the reply');
    await decide(top.comment.id, 'reject');
    assert.deepEqual(await unsentQuoting(reply.comment.id), []);
  });
});
