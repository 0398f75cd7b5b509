import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { issueCommenterKey } from '../../src/authors/commenter-key.js';
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
const setAuthor = (email: string, status: string) =>
  ctx.request.put(`/api/v1/moderation/authors/${encodeURIComponent(email)}`).set('Authorization', moderator.auth).send({ status });
const stored = (id: number) => ctx.db.comment.findUniqueOrThrow({ where: { id } });
const reasonsOf = async (id: number) => (await stored(id)).reasons as Array<{ rule: string; vote: string; detail: string }>;

describe('trust only from verified identity', () => {
  it('holds a comment that only types a trusted address, even under premoderation "all", and says who it claims to be', async () => {
    await setPolicy(ctx, { premoderation: 'all' });
    assert.equal((await setAuthor('editor-friend@example.org', 'trusted')).status, 200);
    for (const [n, typed] of ['editor-friend@example.org', 'Editor-Friend@EXAMPLE.org'].entries()) {
      const impostor = await postComment(ctx, 'trust', { authorEmail: typed, body: `Impersonation attempt number ${n}` });
      assert.equal(impostor.status, 'pending');
      const claim = (await reasonsOf(impostor.comment.id)).find((reason) => reason.rule === 'author_status');
      assert.equal(claim?.vote, 'hold');
      assert.match(claim?.detail ?? '', new RegExp(`^Claims to be ${typed}, a trusted author`));
    }
  });

  it('gives a key with every post that proves nothing until a moderator approves that post', async () => {
    await setPolicy(ctx, { premoderation: 'first-time' });
    const victim = { authorEmail: 'known-reader@example.org' };
    const real = await postComment(ctx, 'known', victim);
    await decide(real.comment.id, 'approve');
    // An attacker types the address twice: their own key is from a post nobody approved.
    const probe = await postComment(ctx, 'known', { ...victim, body: 'Probe' });
    const second = await postComment(ctx, 'known', { ...victim, body: 'Now I am known?', commenterKey: probe.commenterKey });
    assert.equal(second.status, 'pending');
    assert.equal((await stored(second.comment.id)).knownAuthor, false);
    assert.match((await reasonsOf(second.comment.id)).find((r) => r.rule === 'premoderation')?.detail ?? '', /^Claims to be known-reader@example\.org, a known author/);
    // The owner's key, from the post the moderator approved, is proof; it is handed back unchanged.
    const owner = await postComment(ctx, 'known', { ...victim, body: 'Really me', commenterKey: real.commenterKey });
    assert.equal(owner.status, 'approved');
    assert.equal(owner.commenterKey, real.commenterKey);
  });

  it('hands back a key whose post still waits for a moderator, so commenting twice before approval loses nothing', async () => {
    await setPolicy(ctx, { premoderation: 'first-time' });
    const first = await postComment(ctx, 'patient', { authorEmail: 'patient@example.org' });
    const second = await postComment(ctx, 'patient', { authorEmail: 'patient@example.org', commenterKey: first.commenterKey });
    assert.equal(second.commenterKey, first.commenterKey);
    await decide(first.comment.id, 'approve');
    const third = await postComment(ctx, 'patient', { authorEmail: 'patient@example.org', commenterKey: second.commenterKey });
    assert.equal(third.status, 'approved');
    // A key whose post was rejected is replaced by the key of the new post.
    const other = await postComment(ctx, 'patient', { authorEmail: 'rejected-once@example.org' });
    await decide(other.comment.id, 'reject');
    const again = await postComment(ctx, 'patient', { authorEmail: 'rejected-once@example.org', commenterKey: other.commenterKey });
    assert.notEqual(again.commenterKey, other.commenterKey);
  });

  it('does not count a post the pipeline approved on its own (premoderation "none") as proof', async () => {
    await setPolicy(ctx, { premoderation: 'none' });
    await setAuthor('trusted-columnist@example.org', 'trusted');
    const auto = await postComment(ctx, 'auto', { authorEmail: 'trusted-columnist@example.org', body: 'Auto-approved? No: held as a claim.' });
    assert.equal(auto.status, 'pending');
    const plain = await postComment(ctx, 'auto', { authorEmail: 'someone-new@example.org' });
    assert.equal(plain.status, 'approved');
    await setPolicy(ctx, { premoderation: 'all' });
    const again = await postComment(ctx, 'auto', { authorEmail: 'someone-new@example.org', commenterKey: plain.commenterKey });
    assert.equal(again.status, 'pending', 'the key of a pipeline-approved post is not a moderator vouching for its holder');
  });

  it('approves a trusted author who proves the address with the key from the confirmation mail', async () => {
    await setPolicy(ctx, { premoderation: 'all' });
    await setAuthor('columnist@example.org', 'trusted');
    const mailKey = issueCommenterKey(ctx.config.SECRET, 'columnist@example.org', { kind: 'mail' });
    const proven = await postComment(ctx, 'mail-key', { authorEmail: 'Columnist@example.org', commenterKey: mailKey });
    assert.equal(proven.status, 'approved');
    assert.equal((await reasonsOf(proven.comment.id)).find((r) => r.rule === 'author_status')?.vote, 'approve');
  });

  it('keeps a ban on every spelling: case, +tags, Gmail dots, look-alike letters, IDN forms', async () => {
    await setPolicy(ctx, { premoderation: 'none' });
    assert.equal((await setAuthor('Troll@gmail.com', 'banned')).status, 200);
    assert.equal((await setAuthor('pest@日本.jp', 'banned')).status, 200);
    const spellings = ['troll@gmail.com', 'TROLL@gmail.com', 'troll+new@gmail.com', 't.r.o.l.l@googlemail.com', 'trоll@gmail.com', 'pest@xn--wgv71a.jp', 'PEST+x@日本.jp'];
    for (const [n, authorEmail] of spellings.entries()) {
      const posted = await postComment(ctx, 'bans', { authorEmail, body: `Dodging the ban, attempt ${n}` });
      assert.equal((await stored(posted.comment.id)).status, 'spam', authorEmail);
    }
    // Lifting the ban on one spelling lifts it for the identity.
    await setAuthor('troll+sorry@gmail.com', 'normal');
    const forgiven = await postComment(ctx, 'bans', { authorEmail: 'Troll@gmail.com', body: 'I am sorry' });
    assert.equal((await stored(forgiven.comment.id)).status, 'approved');
  });

  it("gives a typed address no one's avatar: the avatar a post answers with tells nothing of who else typed it", async () => {
    await setPolicy(ctx, { premoderation: 'first-time' });
    const columnist = { authorEmail: 'columnist@example.org', authorName: 'Columnist' };
    const real = await postComment(ctx, 'faces', columnist);
    await decide(real.comment.id, 'approve');
    const proven = await postComment(ctx, 'faces', { ...columnist, body: 'Signed with my key', commenterKey: real.commenterKey });
    const avatarOf = async (id: number) => {
      const page = await ctx.request.get('/api/v1/threads/faces/comments');
      return (page.body.comments as Array<{ id: number; avatar: string }>).find((comment) => comment.id === id)?.avatar;
    };
    const provenAvatar = await avatarOf(proven.comment.id);
    // An impostor typing the columnist's name and address, twice: neither post wears the proven avatar, nor each other's.
    const posted = [await postComment(ctx, 'faces', { ...columnist, body: 'Guess one' }), await postComment(ctx, 'faces', { ...columnist, body: 'Guess two' })];
    const answered = posted.map((guess) => (guess.comment as { avatar?: string }).avatar);
    assert.equal(new Set([provenAvatar, ...answered]).size, 3, 'three different avatars');
    // Proof keeps one face: a second post with the key wears the same avatar as the first.
    const again = await postComment(ctx, 'faces', { ...columnist, body: 'Me again, with my key', commenterKey: real.commenterKey });
    assert.equal(await avatarOf(again.comment.id), provenAvatar);
  });
});
