// An admin's changes to moderator accounts: access taken away and given back, a new password, a role, and the
// last admin who can sign in kept one. A context of its own: the last-admin rule counts every account.
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { findModeratorsWithAlerts, insertAlertsForAllModerators } from '../../src/notifications/mail.repository.js';
import { approvedComment, signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());
beforeEach(() => ctx.clock.advance(3600));

const change = (auth: string, id: number, body: unknown, lang = 'en') =>
  ctx.request.patch(`/api/v1/moderation/moderators/${id}`).set('Authorization', auth).set('Accept-Language', lang).send(body as object);
const signInWith = (email: string, password: string) => ctx.request.post('/api/v1/auth/login').send({ email, password });
const me = (auth: string) => ctx.request.get('/api/v1/auth/me').set('Authorization', auth);

describe('PATCH /api/v1/moderation/moderators/{id}', () => {
  it("takes a departed moderator's access away at once (sessions, sign-in as for an unknown address, digests) and gives it back", async () => {
    const admin = await signIn(ctx, 'admin');
    const leaving = await signIn(ctx, 'moderator');
    assert.equal((await me(leaving.auth)).status, 200);
    const { comment: earlier } = await approvedComment(ctx, 'accounts-digest-before');
    await insertAlertsForAllModerators(ctx.db, earlier.id, 'held', ctx.clock.now());
    assert.ok((await findModeratorsWithAlerts(ctx.db)).includes(leaving.moderator.id));

    const disabled = await change(admin.auth, leaving.moderator.id, { disabled: true });
    assert.equal(disabled.status, 200, disabled.text);
    assert.deepEqual(disabled.body.moderator, { id: leaving.moderator.id, email: leaving.email, role: 'moderator', lang: 'en', disabled: true });
    assert.equal((await me(leaving.auth)).status, 401, 'the open session ended');
    const refused = await signInWith(leaving.email, leaving.password);
    const unknown = await signInWith('nobody@newsroom.example', leaving.password);
    assert.deepEqual([refused.status, refused.body.detail], [unknown.status, unknown.body.detail]);
    assert.equal(refused.status, 401);
    const listed = await ctx.request.get('/api/v1/moderation/moderators').set('Authorization', admin.auth);
    assert.equal(listed.body.items.find((item: { id: number }) => item.id === leaving.moderator.id).disabled, true);

    // An alert queued while the account could still sign in is not mailed once it cannot.
    assert.ok(!(await findModeratorsWithAlerts(ctx.db)).includes(leaving.moderator.id), 'no digest for what was queued before');
    const { comment } = await approvedComment(ctx, 'accounts-digest');
    await insertAlertsForAllModerators(ctx.db, comment.id, 'flagged', ctx.clock.now());
    assert.equal(await ctx.db.moderatorAlert.count({ where: { moderatorId: leaving.moderator.id, commentId: comment.id } }), 0, 'no digest for a disabled account');
    assert.equal(await ctx.db.moderatorAlert.count({ where: { moderatorId: admin.moderator.id, commentId: comment.id } }), 1);

    assert.equal((await change(admin.auth, leaving.moderator.id, { disabled: false })).body.moderator.disabled, false);
    assert.equal((await signInWith(leaving.email, leaving.password)).status, 200);
  });

  it('sets a new password: every session of the account ends, the old password no longer signs in, the new one does', async () => {
    const admin = await signIn(ctx, 'admin');
    const forgetful = await signIn(ctx, 'moderator');
    const second = await signInWith(forgetful.email, forgetful.password);
    const reset = await change(admin.auth, forgetful.moderator.id, { password: 'a brand new long password' });
    assert.equal(reset.status, 200, reset.text);
    assert.equal((await me(forgetful.auth)).status, 401);
    assert.equal((await me(`Bearer ${second.body.token}`)).status, 401);
    assert.equal((await signInWith(forgetful.email, forgetful.password)).status, 401);
    assert.equal((await signInWith(forgetful.email, 'a brand new long password')).status, 200);
    assert.equal((await me(admin.auth)).status, 200, "the admin's own session is untouched");
  });

  it('changes a role from the next request, and keeps the last admin who can sign in one (409, localised, nothing changed)', async () => {
    const first = await signIn(ctx, 'admin');
    const desk = await signIn(ctx, 'moderator');
    assert.equal((await ctx.request.get('/api/v1/moderation/moderators').set('Authorization', desk.auth)).status, 403);
    assert.equal((await change(first.auth, desk.moderator.id, { role: 'admin' })).body.moderator.role, 'admin');
    assert.equal((await ctx.request.get('/api/v1/moderation/moderators').set('Authorization', desk.auth)).status, 200, 'the same session, now an admin');

    // Every other admin steps down or leaves, until one is left.
    const admins = await ctx.db.moderator.findMany({ where: { role: 'admin', disabledAt: null, id: { not: first.moderator.id } } });
    for (const other of admins) assert.equal((await change(first.auth, other.id, other.id === desk.moderator.id ? { role: 'moderator' } : { disabled: true })).status, 200);
    const before = await ctx.db.moderator.findUniqueOrThrow({ where: { id: first.moderator.id } });
    for (const body of [{ role: 'moderator' }, { disabled: true }]) {
      const refused = await change(first.auth, first.moderator.id, body, 'ar');
      assert.equal(refused.status, 409, refused.text);
      assert.equal(refused.body.detail, 'هذا آخر مدير يستطيع الدخول: اجعل حسابًا آخر مديرًا أولًا.');
    }
    assert.deepEqual(await ctx.db.moderator.findUniqueOrThrow({ where: { id: first.moderator.id } }), before);
    // Another admin first, then the first may step down.
    assert.equal((await change(first.auth, desk.moderator.id, { role: 'admin' })).status, 200);
    assert.equal((await change(first.auth, first.moderator.id, { role: 'moderator' })).status, 200);
    assert.equal((await ctx.request.get('/api/v1/moderation/moderators').set('Authorization', first.auth)).status, 403);
  });

  it('keeps an admin when two admins demote or disable each other at the same moment (PostgreSQL counted two each)', async () => {
    for (const body of [{ role: 'moderator' }, { disabled: true }] as const) {
      for (let round = 0; round < 6; round += 1) {
        ctx.clock.advance(900); // past the client's sign-in budget (one client signs everyone in here)
        const [one, two] = [await signIn(ctx, 'admin'), await signIn(ctx, 'admin')];
        // Every other admin steps down first, so these two are the last.
        const others = await ctx.db.moderator.findMany({ where: { role: 'admin', disabledAt: null, id: { notIn: [one.moderator.id, two.moderator.id] } } });
        await ctx.db.moderator.updateMany({ where: { id: { in: others.map((other) => other.id) } }, data: { role: 'moderator' } });
        const answers = await Promise.all([change(one.auth, two.moderator.id, body), change(two.auth, one.moderator.id, body)]);
        // One goes through; the other finds itself the last admin (409), or already a moderator (403) or signed out (401).
        const statuses = answers.map((res) => res.status).sort();
        assert.ok(statuses[0] === 200 && [401, 403, 409].includes(statuses[1] ?? 0), `round ${round}: ${answers.map((res) => res.text).join(' | ')}`);
        assert.equal(await ctx.db.moderator.count({ where: { role: 'admin', disabledAt: null } }), 1);
      }
    }
  });

  it('ends a sign-in with the old password that races a new password: no session of it outlives the change', async () => {
    const admin = await signIn(ctx, 'admin');
    for (let round = 0; round < 16; round += 1) {
      ctx.clock.advance(900); // past the client's sign-in budget
      const account = await signIn(ctx, 'moderator');
      // The reset starts first; the sign-in reads the old hash while the reset hashes the new password, and opens its
      // session after the reset has ended the others, unless it sees the change.
      const [, racing] = await Promise.all([
        change(admin.auth, account.moderator.id, { password: `a new password, round ${round}` }),
        new Promise((resolve) => setTimeout(resolve, round)).then(() => signInWith(account.email, account.password)),
      ]);
      if (racing.status === 200) assert.equal((await me(`Bearer ${racing.body.token}`)).status, 401, `round ${round}`);
      assert.equal((await me(account.auth)).status, 401);
    }
  });

  it('is for admins only, and refuses an empty change, an unknown role, a short password and an unknown id, changing nothing', async () => {
    const admin = await signIn(ctx, 'admin');
    const desk = await signIn(ctx, 'moderator');
    assert.equal((await change(desk.auth, admin.moderator.id, { disabled: true })).status, 403);
    assert.equal((await ctx.request.patch(`/api/v1/moderation/moderators/${admin.moderator.id}`).send({ disabled: true })).status, 401);
    const before = await ctx.db.moderator.findMany({ orderBy: { id: 'asc' } });
    const cases: Array<[unknown, string]> = [
      [{}, 'حدّد ما تريد تغييره: الدور أو كلمة المرور أو إيقاف الحساب.'],
      [{ role: 'owner' }, 'يجب أن يكون الدور "admin" أو "moderator".'],
      [{ password: 'short' }, 'يجب ألا تقل كلمة المرور عن 12 حرفًا.'],
      [{ disabled: 'yes' }, 'هذه القيمة غير صالحة.'],
    ];
    for (const [body, message] of cases) {
      const refused = await change(admin.auth, desk.moderator.id, body, 'ar');
      assert.equal(refused.status, 422, JSON.stringify(body));
      assert.equal(refused.body.errors[0].message, message, JSON.stringify(body));
    }
    // An address that would show reversed or hidden in the list of accounts.
    for (const email of ['evil\u202eelpmaxe.x@newsroom.example', 'desk\u200f@newsroom.example', 'desk\u0007@newsroom.example']) {
      const refused = await ctx.request.post('/api/v1/moderation/moderators').set('Authorization', admin.auth).send({ email, password: 'a long enough password' });
      assert.equal(refused.status, 422, JSON.stringify(email));
    }
    assert.equal((await change(admin.auth, 999_999, { disabled: true })).status, 404);
    assert.equal((await change(admin.auth, 0, { disabled: true })).status, 404);
    assert.deepEqual(await ctx.db.moderator.findMany({ orderBy: { id: 'asc' } }), before);
    assert.equal((await me(desk.auth)).status, 200);
  });
});

describe('PATCH /api/v1/auth/me with a new password', () => {
  it('needs the current password, ends the other sessions and keeps this one; wrong guesses make the account wait', async () => {
    const own = await signIn(ctx, 'moderator');
    const elsewhere = await signInWith(own.email, own.password);
    const patch = (body: unknown, lang = 'en') => ctx.request.patch('/api/v1/auth/me').set('Authorization', own.auth).set('Accept-Language', lang).send(body as object);

    const missing = await patch({ password: 'my own new password' }, 'ar');
    assert.equal(missing.status, 422);
    assert.deepEqual(missing.body.errors, [{ field: 'currentPassword', code: 'invalid', message: 'كلمة مرورك الحالية غير صحيحة.' }]);
    const wrong = await patch({ password: 'my own new password', currentPassword: 'not my password at all' });
    assert.equal(wrong.status, 422);
    assert.deepEqual(wrong.body.errors, [{ field: 'currentPassword', code: 'invalid', message: 'Your current password is not correct.' }]);
    assert.equal((await patch({ password: 'short', currentPassword: own.password })).status, 422);
    assert.equal((await signInWith(own.email, own.password)).status, 200, 'nothing changed');

    const changed = await patch({ password: 'my own new password', currentPassword: own.password });
    assert.equal(changed.status, 200, changed.text);
    assert.equal(changed.body.moderator.id, own.moderator.id);
    assert.equal((await me(own.auth)).status, 200, 'this session stays');
    assert.equal((await me(`Bearer ${elsewhere.body.token}`)).status, 401, 'the others end');
    assert.equal((await signInWith(own.email, own.password)).status, 401);
    assert.equal((await signInWith(own.email, 'my own new password')).status, 200);

    for (let i = 0; i < 5; i += 1) assert.equal((await patch({ password: 'yet another password', currentPassword: `guess ${i} of many` })).status, 422);
    const waiting = await patch({ password: 'yet another password', currentPassword: 'my own new password' });
    assert.equal(waiting.status, 429, 'even the right one waits once five wrong ones were sent');
    assert.ok(Number(waiting.get('retry-after')) > 0);
  });
});
