import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { en, ar } from '../../src/i18n/messages.js';
import { postComment, restorePolicyAfterEach, setPolicy, signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';
import { coralClaims, secretKey, signToken, SITE_SECRETS, startSiteKeys, unsignedToken, type SiteKeys } from '../setup/site-tokens.js';

let ctx: TestContext;
let site: SiteKeys;
const AUDIENCE = 'majlis.news.example';
const ISSUER = 'https://news.example';
const START = new Date('2026-11-26T10:00:00.000Z');
const OLD_KEY_RETIRES = new Date('2026-12-03T00:00:00.000Z');

before(async () => {
  site = await startSiteKeys();
  ctx = await createTestContext({
    SSO_SECRETS: JSON.stringify([
      { kid: '2026-12', secret: SITE_SECRETS.current },
      { kid: '2026-11', secret: SITE_SECRETS.old, retiresAt: OLD_KEY_RETIRES.toISOString() },
    ]),
    SSO_JWKS_URL: site.jwksUrl,
    SSO_AUDIENCE: AUDIENCE,
    SSO_ISSUER: ISSUER,
    // A reaction drops the thread's cached pages at once, so a read shows what changed.
    REACTION_REFRESH_SECONDS: '0',
  });
  ctx.clock.setTo(START);
});
after(async () => {
  await ctx.close();
  await site.close();
});
restorePolicyAfterEach(() => ctx);
// Flood control would refuse these tests' quick succession of posts from one address.
beforeEach(() => setPolicy(ctx, { floodIntervalSeconds: 0 }));

let readers = 0;
/** A fresh reader's claims in Coral's shape, for this site and audience. */
function reader(user: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  readers += 1;
  return coralClaims(ctx.clock.now(), { id: `cms-${readers}`, email: `subscriber${readers}@example.org`, username: `سارة ${readers}`, badges: ['subscriber'], ...user }, {
    aud: AUDIENCE,
    iss: ISSUER,
    ...extra,
  });
}

const hs = (claims: Record<string, unknown>, kid = '2026-12', secret = SITE_SECRETS.current) => signToken(claims, secretKey(secret), { alg: 'HS256', kid });
const post = (threadKey: string, token: string | null, body: Record<string, unknown> = { body: `A signed-in comment ${Math.random()}` }, lang = 'en') => {
  const request = ctx.request.post(`/api/v1/threads/${threadKey}/comments`).set('Accept-Language', lang);
  return (token ? request.set('Authorization', `Bearer ${token}`) : request).send(body);
};
const stored = async () => ({ comments: await ctx.db.comment.count(), accounts: await ctx.db.account.count(), authors: await ctx.db.author.count() });

describe('POST /api/v1/threads/{threadKey}/comments with a site-signed token', () => {
  it('posts without authorName and authorEmail, shows the display name and badges, never the email or token', async () => {
    const claims = reader({ badges: ['subscriber', 'مشترك'] });
    const token = await hs(claims);
    const res = await post('sso-basic', token);
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.comment.authorName, claims.user && (claims.user as { username: string }).username);
    assert.deepEqual(res.body.comment.badges, ['subscriber', 'مشترك']);
    const row = await ctx.db.comment.findUniqueOrThrow({ where: { id: res.body.comment.id }, include: { account: true } });
    assert.equal(row.identifiedBy, 'signed_in');
    assert.equal(row.knownAuthor, true);
    assert.equal(row.account?.issuer, ISSUER);
    assert.equal(row.account?.subject, (claims.user as { id: string }).id);
    assert.equal(row.authorKey, `~account:${row.accountId}`);
    await ctx.request.post(`/api/v1/moderation/comments/${row.id}/decision`).set('Authorization', (await signIn(ctx)).auth).send({ action: 'approve' }).expect(200);
    const thread = await ctx.request.get('/api/v1/threads/sso-basic/comments');
    assert.deepEqual(thread.body.comments[0].badges, ['subscriber', 'مشترك']);
    for (const text of [res.text, thread.text]) {
      assert.ok(!text.includes(String((claims.user as { email: string }).email)), 'no email in public responses');
      assert.ok(!text.includes(token) && !text.includes(String(claims.jti)) && !text.includes(ISSUER), 'no token or other claim');
    }
  });

  it('accepts RS256 and ES256 tokens through the JWKS URL', async () => {
    const rs = await signToken(reader(), site.rsa.privateKey, { alg: 'RS256', kid: 'rsa-1' });
    const es = await signToken(reader(), site.ec.privateKey, { alg: 'ES256', kid: 'ec-1' });
    assert.equal((await post('sso-jwks', rs)).status, 201);
    assert.equal((await post('sso-jwks', es)).status, 201);
  });

  it('accepts Coral tokens without a kid, and standard sub/name claims', async () => {
    assert.equal((await post('sso-nokid', await signToken(reader(), secretKey(SITE_SECRETS.current), { alg: 'HS256' }))).status, 201);
    const standard = { iat: Math.floor(ctx.clock.now().getTime() / 1000), exp: Math.floor(ctx.clock.now().getTime() / 1000) + 600, sub: 'std-1', name: 'Omar', aud: AUDIENCE, iss: ISSUER };
    const res = await post('sso-nokid', await hs(standard));
    assert.equal(res.status, 201);
    assert.equal(res.body.comment.authorName, 'Omar');
    assert.deepEqual(res.body.comment.badges, []);
  });

  it('keeps a display name and badges free of bidi controls, and adds "staff" for staff roles', async () => {
    const res = await post('sso-bidi', await hs(reader({ username: 'Eve\u202Egnp.exe', badges: ['\u2067vip\u2069', 42], role: 'STAFF' })));
    assert.equal(res.status, 201);
    assert.equal(res.body.comment.authorName, 'Evegnp.exe');
    assert.deepEqual(res.body.comment.badges, ['vip', 'staff']);
  });

  describe('every token failure is a clear localised 401 and stores nothing', () => {
    const now = () => Math.floor(ctx.clock.now().getTime() / 1000);
    const cases: Array<[string, () => Promise<string>, keyof typeof en]> = [
      ['bad signature', async () => hs(reader(), '2026-12', 'a-different-secret-that-is-long-enough-000'), 'sso.badSignature'],
      ['wrong kid', async () => hs(reader(), '2025-01'), 'sso.unknownKey'],
      ['expired', async () => hs(reader({}, { iat: now() - 7200, exp: now() - 3600 })), 'sso.expired'],
      ['older than SSO_MAX_TOKEN_AGE_SECONDS', async () => hs(reader({}, { iat: now() - 2 * 86_400, exp: now() + 3600 })), 'sso.expired'],
      ['not yet valid (nbf)', async () => hs(reader({}, { nbf: now() + 600 })), 'sso.notYetValid'],
      ['issued in the future (iat)', async () => hs(reader({}, { iat: now() + 600, exp: now() + 4200 })), 'sso.notYetValid'],
      ['wrong audience', async () => hs(reader({}, { aud: 'another-service' })), 'sso.wrongAudience'],
      ['wrong issuer', async () => hs(reader({}, { iss: 'https://evil.example' })), 'sso.wrongIssuer'],
      ['no exp', async () => hs(reader({}, { exp: undefined })), 'sso.lifetime'],
      ['no iat', async () => hs(reader({}, { iat: undefined })), 'sso.lifetime'],
      ['exp not a number', async () => hs(reader({}, { exp: 'tomorrow' as unknown as number })), 'sso.lifetime'],
      ['no subject', async () => hs(reader({ id: undefined })), 'sso.claims'],
      ['alg none', async () => unsignedToken(reader()), 'sso.algorithm'],
      ['alg none with a known kid', async () => unsignedToken(reader()).replace(/^[^.]+/, Buffer.from(JSON.stringify({ alg: 'none', kid: '2026-12' })).toString('base64url')), 'sso.algorithm'],
      ['HS256 keyed with the RSA public key (HS/RS confusion), naming the RSA kid', async () => signToken(reader(), secretKey(site.rsa.publicPem), { alg: 'HS256', kid: 'rsa-1' }), 'sso.unknownKey'],
      ['HS256 keyed with the RSA public key, no kid', async () => signToken(reader(), secretKey(site.rsa.publicPem), { alg: 'HS256' }), 'sso.badSignature'],
      ['RS256 naming a shared-secret kid', async () => signToken(reader(), site.rsa.privateKey, { alg: 'RS256', kid: '2026-12' }), 'sso.unknownKey'],
      ['HS512', async () => signToken(reader(), secretKey(SITE_SECRETS.current), { alg: 'HS512', kid: '2026-12' }), 'sso.algorithm'],
      ['not a JWT', async () => 'not-a-token-at-all', 'sso.malformed'],
    ];
    for (const [name, makeToken, message] of cases) {
      it(name, async () => {
        const before = await stored();
        const res = await post('sso-refused', await makeToken(), { body: 'Trying to post with a bad token', authorName: 'X', authorEmail: 'x@example.org' });
        assert.equal(res.status, 401, res.text);
        assert.equal(res.type, 'application/problem+json');
        assert.equal(res.body.code, 'sso_token_invalid');
        assert.equal(res.body.detail, en[message]);
        assert.deepEqual(await stored(), before);
      });
    }

    it('says it in Arabic too', async () => {
      const res = await post('sso-refused', await hs(reader({}, { aud: 'another-service' })), { body: 'x' }, 'ar');
      assert.equal(res.status, 401);
      assert.equal(res.body.detail, ar['sso.wrongAudience']);
    });
  });

  it('keeps tokens signed with the old key valid until the end of the rotation overlap', async () => {
    const oldToken = await hs(reader(), '2026-11', SITE_SECRETS.old);
    assert.equal((await post('sso-rotation', oldToken)).status, 201);
    ctx.clock.setTo(new Date(OLD_KEY_RETIRES.getTime() - 60_000));
    assert.equal((await post('sso-rotation', await hs(reader(), '2026-11', SITE_SECRETS.old))).status, 201);
    ctx.clock.setTo(new Date(OLD_KEY_RETIRES.getTime() + 1000));
    const refused = await post('sso-rotation', await hs(reader(), '2026-11', SITE_SECRETS.old));
    assert.equal(refused.status, 401);
    assert.equal(refused.body.detail, en['sso.unknownKey']);
    // Without a kid, only keys in force are tried.
    assert.equal((await post('sso-rotation', await signToken(reader(), secretKey(SITE_SECRETS.old), { alg: 'HS256' }))).status, 401);
    assert.equal((await post('sso-rotation', await hs(reader()))).status, 201);
    ctx.clock.setTo(START);
  });

  it('refuses a token after the reader signs out (revoked jti), and a token the CMS revokes', async () => {
    const token = await hs(reader());
    assert.equal((await post('sso-revoke', token)).status, 201);
    await ctx.request.post('/api/v1/auth/sso/logout').set('Authorization', `Bearer ${token}`).expect(204);
    const before = await stored();
    const res = await post('sso-revoke', token);
    assert.equal(res.status, 401);
    assert.equal(res.body.detail, en['sso.revoked']);
    assert.deepEqual(await stored(), before);

    const other = reader();
    const otherToken = await hs(other);
    const event = await hs({ ...reader(), event: 'token.revoked', revokedJti: other.jti, revokedExp: other.exp });
    const answer = await ctx.request.post('/api/v1/auth/sso/events').set('Authorization', `Bearer ${event}`).send({});
    assert.equal(answer.status, 200, answer.text);
    assert.equal((await post('sso-revoke', otherToken)).body.detail, en['sso.revoked']);

    // Many sites' tokens carry no jti: signing out refuses that very token all the same, and no other.
    const { jti: _jti, ...withoutJti } = reader();
    const bare = await hs(withoutJti);
    const sibling = await hs({ ...withoutJti, exp: (withoutJti.exp ?? 0) + 1 });
    assert.equal((await ctx.request.get('/api/v1/auth/sso/me').set('Authorization', `Bearer ${bare}`)).status, 200);
    await ctx.request.post('/api/v1/auth/sso/logout').set('Authorization', `Bearer ${bare}`).expect(204);
    assert.equal((await ctx.request.get('/api/v1/auth/sso/me').set('Authorization', `Bearer ${bare}`)).body.detail, en['sso.revoked']);
    assert.equal((await ctx.request.get('/api/v1/auth/sso/me').set('Authorization', `Bearer ${sibling}`)).status, 200);
  });
});

describe('signed-in readers in moderation', () => {
  it('count as known authors: under first-time premoderation their second comment goes straight out', async () => {
    await setPolicy(ctx, { premoderation: 'first-time' });
    const claims = reader();
    const first = await post('sso-known', await hs(claims));
    assert.equal(first.body.status, 'pending');
    await ctx.request.post(`/api/v1/moderation/comments/${first.body.comment.id}/decision`).set('Authorization', (await signIn(ctx)).auth).send({ action: 'approve' }).expect(200);
    ctx.clock.advance(60);
    const second = await post('sso-known', await hs({ ...claims, iat: Math.floor(ctx.clock.now().getTime() / 1000) }));
    assert.equal(second.body.status, 'approved');
  });

  it('a guest typing a signed-in reader’s email inherits neither their trust nor their badges', async () => {
    const claims = reader();
    const email = (claims.user as { email: string }).email;
    const name = (claims.user as { username: string }).username;
    const mine = await post('sso-impersonation', await hs(claims));
    const { auth } = await signIn(ctx);
    const queued = await ctx.request.get(`/api/v1/moderation/comments/${mine.body.comment.id}`).set('Authorization', auth);
    assert.equal(queued.body.identifiedBy, 'signed_in');
    const accountId = queued.body.accountId as number;
    await ctx.request.put(`/api/v1/moderation/accounts/${accountId}`).set('Authorization', auth).send({ status: 'trusted' }).expect(200);
    ctx.clock.advance(60);
    const trusted = await post('sso-impersonation', await hs({ ...claims, iat: Math.floor(ctx.clock.now().getTime() / 1000) }));
    assert.equal(trusted.body.status, 'approved');

    ctx.clock.advance(60);
    const guest = await post('sso-impersonation', null, { body: 'I am totally the subscriber', authorName: name, authorEmail: email });
    assert.equal(guest.status, 201);
    assert.equal(guest.body.status, 'pending');
    assert.deepEqual(guest.body.comment.badges, []);
    const row = await ctx.db.comment.findUniqueOrThrow({ where: { id: guest.body.comment.id } });
    assert.equal(row.accountId, null);
    assert.equal(row.knownAuthor, false);
    assert.equal(row.identifiedBy, 'typed');
    assert.notEqual(row.authorKey, `~account:${accountId}`);
  });

  it('moderators ban an account (its comments go to spam) and see its comments across threads', async () => {
    const claims = reader();
    const a = await post('sso-view-a', await hs(claims));
    ctx.clock.advance(60);
    const b = await post('sso-view-b', await hs({ ...claims, iat: Math.floor(ctx.clock.now().getTime() / 1000) }));
    const { auth } = await signIn(ctx);
    const row = await ctx.db.comment.findUniqueOrThrow({ where: { id: a.body.comment.id } });
    const view = await ctx.request.get(`/api/v1/moderation/accounts/${row.accountId}`).set('Authorization', auth);
    assert.equal(view.status, 200);
    assert.deepEqual(view.body.comments.map((c: { id: number }) => c.id), [b.body.comment.id, a.body.comment.id]);
    assert.deepEqual(view.body.comments.map((c: { thread: { key: string } }) => c.thread.key), ['sso-view-b', 'sso-view-a']);
    await ctx.request.put(`/api/v1/moderation/accounts/${row.accountId}`).set('Authorization', auth).send({ status: 'banned' }).expect(200);
    ctx.clock.advance(60);
    const banned = await post('sso-view-a', await hs({ ...claims, iat: Math.floor(ctx.clock.now().getTime() / 1000) }));
    assert.equal((await ctx.db.comment.findUniqueOrThrow({ where: { id: banned.body.comment.id } })).status, 'spam');
    assert.equal((await ctx.request.get('/api/v1/moderation/accounts/999999').set('Authorization', auth)).status, 404);
  });

  it('the queue says how each author was identified', async () => {
    const typed = await postComment(ctx, 'sso-identified');
    const keyed = await postComment(ctx, 'sso-identified', { authorEmail: 'keyed@example.org', commenterKey: undefined });
    const { auth } = await signIn(ctx);
    // The key of a post proves its holder once a moderator approved that post (docs/security.md).
    await ctx.request.post(`/api/v1/moderation/comments/${keyed.comment.id}/decision`).set('Authorization', auth).send({ action: 'approve' }).expect(200);
    ctx.clock.advance(60);
    const again = await ctx.request.post('/api/v1/threads/sso-identified/comments').send({ body: 'Second from keyed', authorName: 'K', authorEmail: 'keyed@example.org', commenterKey: keyed.commenterKey });
    const identified = async (id: number) => (await ctx.request.get(`/api/v1/moderation/comments/${id}`).set('Authorization', auth)).body.identifiedBy;
    assert.equal(await identified(typed.comment.id), 'typed');
    assert.equal(await identified(again.body.comment.id), 'commenter_key');
  });
});

describe('policy, config, flags and the CMS', () => {
  it('GET /api/v1/auth/sso/config names the methods and whether guests may post', async () => {
    const res = await ctx.request.get('/api/v1/auth/sso/config');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { methods: ['token'], oidc: null, guests: true });
  });

  it('when the policy lets only signed-in readers post, guests get a clear 403 and readers post', async () => {
    await setPolicy(ctx, { guestsMayPost: false });
    const before = await stored();
    const guest = await post('sso-members', null, { body: 'Guest here', authorName: 'G', authorEmail: 'g@example.org' }, 'ar');
    assert.equal(guest.status, 403);
    assert.equal(guest.body.code, 'sign_in_required');
    assert.equal(guest.body.detail, ar['sso.signInRequired']);
    // A guest's incomplete form too: filling it in would not help, signing in would.
    for (const incomplete of [{ body: 'No name given' }, {}, { body: '', authorName: 'G', authorEmail: 'not an address' }]) {
      const refused = await post('sso-members', null, incomplete);
      assert.deepEqual([refused.status, refused.body.code], [403, 'sign_in_required'], JSON.stringify(incomplete));
    }
    assert.deepEqual(await stored(), before);
    assert.equal((await ctx.request.get('/api/v1/auth/sso/config')).body.guests, false);
    assert.equal((await post('sso-members', await hs(reader()))).status, 201);
  });

  it('counts one flag per signed-in reader, whatever their IP', async () => {
    const { auth } = await signIn(ctx);
    const target = await post('sso-flags', null, { body: 'Something to flag', authorName: 'A', authorEmail: 'a@example.org' });
    await ctx.request.post(`/api/v1/moderation/comments/${target.body.comment.id}/decision`).set('Authorization', auth).send({ action: 'approve' }).expect(200);
    const token = await hs(reader());
    for (const ip of ['192.0.2.1', '192.0.2.2']) {
      await ctx.request.post(`/api/v1/comments/${target.body.comment.id}/flags`).set('X-Forwarded-For', ip).set('Authorization', `Bearer ${token}`).send({ reason: 'abuse' }).expect(202);
    }
    assert.equal((await ctx.db.comment.findUniqueOrThrow({ where: { id: target.body.comment.id } })).flagCount, 1);
    const bad = await ctx.request.post(`/api/v1/comments/${target.body.comment.id}/flags`).set('Authorization', 'Bearer x.y.z').send({ reason: 'abuse' });
    assert.equal(bad.status, 401);
  });

  it("a banned account's flag is kept for the moderators and counts for nothing", async () => {
    const { auth } = await signIn(ctx);
    const target = await post('sso-banned-flags', null, { body: 'Something a banned reader dislikes', authorName: 'A', authorEmail: 'a@example.org' });
    await ctx.request.post(`/api/v1/moderation/comments/${target.body.comment.id}/decision`).set('Authorization', auth).send({ action: 'approve' }).expect(200);
    const token = await hs(reader());
    const own = await post('sso-banned-flags', token);
    const accountId = (await ctx.db.comment.findUniqueOrThrow({ where: { id: own.body.comment.id } })).accountId;
    await ctx.request.put(`/api/v1/moderation/accounts/${accountId}`).set('Authorization', auth).send({ status: 'banned' }).expect(200);
    await ctx.request.post(`/api/v1/comments/${target.body.comment.id}/flags`).set('Authorization', `Bearer ${token}`).send({ reason: 'abuse', note: 'from a banned account' }).expect(202);
    const row = await ctx.db.comment.findUniqueOrThrow({ where: { id: target.body.comment.id }, include: { flags: true } });
    assert.equal(row.flagCount, 0);
    assert.deepEqual(row.flags.map((flag) => [flag.note, flag.counted]), [['from a banned account', false]], 'kept, not counted');
  });

  it("a banned account's reactions are taken back, and it may not react again (in the reader's language)", async () => {
    const { auth } = await signIn(ctx);
    const approved = async (body: string) => {
      const posted = await post('sso-banned-reactions', null, { body, authorName: 'A', authorEmail: 'a@example.org' });
      await ctx.request.post(`/api/v1/moderation/comments/${posted.body.comment.id}/decision`).set('Authorization', auth).send({ action: 'approve' }).expect(200);
      return posted.body.comment.id as number;
    };
    const [first, second] = [await approved('A comment the troll ranks up'), await approved('Another one it ranks up')];
    const token = await hs(reader());
    const other = await hs(reader());
    for (const id of [first, second]) await ctx.request.post(`/api/v1/comments/${id}/reactions`).set('Authorization', `Bearer ${token}`).send({}).expect(200);
    await ctx.request.post(`/api/v1/comments/${first}/reactions`).set('Authorization', `Bearer ${other}`).send({}).expect(200);
    const own = await post('sso-banned-reactions', token);
    const accountId = (await ctx.db.comment.findUniqueOrThrow({ where: { id: own.body.comment.id } })).accountId;
    const shown = async () => {
      const page = await ctx.request.get('/api/v1/threads/sso-banned-reactions/comments');
      return (page.body.comments as Array<{ id: number; reactions: number }>).filter((c) => c.id === first || c.id === second).map((c) => c.reactions).sort();
    };
    assert.deepEqual(await shown(), [1, 2], 'read, and cached, before the ban');

    await ctx.request.put(`/api/v1/moderation/accounts/${accountId}`).set('Authorization', auth).send({ status: 'banned' }).expect(200);
    const counts = async () => (await ctx.db.comment.findMany({ where: { id: { in: [first, second] } }, orderBy: { id: 'asc' } })).map((row) => row.reactionCount);
    assert.deepEqual(await counts(), [1, 0], 'only the other reader\'s reaction is left');
    assert.equal(await ctx.db.reaction.count({ where: { commentId: { in: [first, second] } } }), 1);
    assert.deepEqual(await shown(), [0, 1], 'the cached page follows');

    const again = await ctx.request.post(`/api/v1/comments/${second}/reactions`).set('Authorization', `Bearer ${token}`).set('Accept-Language', 'ar').send({});
    assert.equal(again.status, 403);
    assert.equal(again.body.detail, ar['reaction.banned']);
    assert.deepEqual(await counts(), [1, 0]);
  });

  it('a reader deleted in the CMS is erased with the privacy tools (webhook), and an admin can erase an account', async () => {
    const claims = reader();
    const posted = await post('sso-erase', await hs(claims));
    const accountId = (await ctx.db.comment.findUniqueOrThrow({ where: { id: posted.body.comment.id } })).accountId;
    const event = await hs({ ...reader({ id: (claims.user as { id: string }).id }), event: 'user.deleted' });
    const res = await ctx.request.post('/api/v1/auth/sso/events').set('Authorization', `Bearer ${event}`).send({});
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, { event: 'user.deleted', comments: 1 });
    assert.equal(await ctx.db.comment.count({ where: { id: posted.body.comment.id } }), 0);
    assert.equal(await ctx.db.account.count({ where: { id: accountId ?? 0 } }), 0);

    const second = await post('sso-erase', await hs(reader()));
    const secondAccount = (await ctx.db.comment.findUniqueOrThrow({ where: { id: second.body.comment.id } })).accountId;
    const admin = await signIn(ctx, 'admin');
    const erased = await ctx.request.post(`/api/v1/moderation/accounts/${secondAccount}/erase`).set('Authorization', admin.auth).send({ mode: 'anonymise' });
    assert.equal(erased.status, 200, erased.text);
    const row = await ctx.db.comment.findUniqueOrThrow({ where: { id: second.body.comment.id } });
    assert.equal(row.accountId, null);
    assert.deepEqual(row.authorBadges, []);
    assert.equal(row.authorEmail, '');
  });

  it("a token signed before the reader's erasure stays refused (it would bring the account back, ban lifted); a newer one starts afresh", async () => {
    const claims = reader();
    const token = await hs(claims);
    const posted = await post('sso-erased-token', token);
    const accountId = (await ctx.db.comment.findUniqueOrThrow({ where: { id: posted.body.comment.id } })).accountId;
    const { auth } = await signIn(ctx);
    await ctx.request.put(`/api/v1/moderation/accounts/${accountId}`).set('Authorization', auth).send({ status: 'banned' }).expect(200);
    const subject = (claims.user as { id: string }).id;
    ctx.clock.advance(60);
    const deleted = await ctx.request.post('/api/v1/auth/sso/events').set('Authorization', `Bearer ${await hs({ ...reader({ id: subject }), event: 'user.deleted' })}`).send({});
    assert.equal(deleted.status, 200, deleted.text);
    const before = await stored();
    for (const lang of ['en', 'ar'] as const) {
      const again = await post('sso-erased-token', token, { body: 'Back again with my old token.' }, lang);
      assert.equal(again.status, 401, again.text);
      assert.equal(again.body.detail, (lang === 'ar' ? ar : en)['sso.revoked']);
    }
    assert.equal((await ctx.request.get('/api/v1/auth/sso/me').set('Authorization', `Bearer ${token}`)).status, 401);
    assert.deepEqual(await stored(), before, 'no account was made again');
    assert.equal(JSON.stringify(await ctx.db.erasedAccount.findMany()).includes(subject), false, 'the table names nobody');

    // A reader the site deleted before they ever signed in here: the same.
    const never = reader();
    const neverToken = await hs(never);
    ctx.clock.advance(60);
    const forgotten = await ctx.request.post('/api/v1/auth/sso/events').set('Authorization', `Bearer ${await hs({ ...reader({ id: (never.user as { id: string }).id }), event: 'user.deleted' })}`).send({});
    assert.deepEqual([forgotten.status, forgotten.body.comments], [200, 0]);
    assert.equal((await post('sso-erased-token', neverToken)).status, 401);

    // Signed after the erasure (the site made the account anew): a new account, not banned.
    ctx.clock.advance(60);
    const fresh = await post('sso-erased-token', await hs({ ...claims, iat: Math.floor(ctx.clock.now().getTime() / 1000), exp: Math.floor(ctx.clock.now().getTime() / 1000) + 600 }));
    assert.equal(fresh.status, 201, fresh.text);
    const row = await ctx.db.comment.findUniqueOrThrow({ where: { id: fresh.body.comment.id } });
    assert.notEqual(row.accountId, accountId);
    assert.notEqual(row.status, 'spam', 'a new account: no ban');
  });

  it('a user.deleted event that names nobody is refused (422), naming the claim, in the reader language', async () => {
    const { sub: _sub, user: _user, ...nobody } = reader();
    const res = await ctx.request.post('/api/v1/auth/sso/events').set('Authorization', `Bearer ${await hs({ ...nobody, event: 'user.deleted' })}`).set('Accept-Language', 'ar').send({});
    assert.equal(res.status, 422, res.text);
    assert.deepEqual(res.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]), [['sub', ar['sso.eventSubject']]]);
  });

  it('a privacy request by address finds and erases the signed-in accounts that address belongs to', async () => {
    const claims = reader({ email: 'Layla.Subscriber@Example.org' });
    const signedIn = await post('sso-privacy', await hs(claims), { body: 'Signed in, LaylaText999' });
    const accountId = (await ctx.db.comment.findUniqueOrThrow({ where: { id: signedIn.body.comment.id } })).accountId;
    const asGuest = await post('sso-privacy', null, { body: 'As a guest, LaylaGuest123', authorName: 'Layla', authorEmail: 'layla.subscriber@example.org' });
    assert.equal(asGuest.status, 201, asGuest.text);
    const admin = await signIn(ctx, 'admin');
    const record = await ctx.request.get('/api/v1/moderation/privacy/layla.subscriber%40example.org').set('Authorization', admin.auth);
    assert.equal(record.status, 200, record.text);
    assert.deepEqual(record.body.comments.map((c: { id: number }) => c.id).sort(), [signedIn.body.comment.id, asGuest.body.comment.id].sort());
    assert.deepEqual(
      record.body.accounts.map((a: { issuer: string; email: string; displayName: string; badges: string[] }) => [a.issuer, a.email, a.displayName, a.badges]),
      [[ISSUER, 'Layla.Subscriber@Example.org', (claims.user as { username: string }).username, ['subscriber']]],
      'what is kept about the account itself is handed over too',
    );
    const erased = await ctx.request.post('/api/v1/moderation/privacy/layla.subscriber%40example.org/erase').set('Authorization', admin.auth).send({ mode: 'delete' });
    assert.equal(erased.status, 200, erased.text);
    assert.equal(erased.body.comments, 2);
    assert.equal(await ctx.db.comment.count({ where: { body: { contains: 'Layla' } } }), 0);
    assert.equal(await ctx.db.account.count({ where: { id: accountId ?? 0 } }), 0, 'the account goes with its address');
  });

  it('a reader token is no event: without an event claim the webhook refuses it', async () => {
    const res = await ctx.request.post('/api/v1/auth/sso/events').set('Authorization', `Bearer ${await hs(reader())}`).send({});
    assert.equal(res.status, 422);
  });
});
