import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import supertest from 'supertest';
import { createModerator } from '../../src/moderators/auth.service.js';
import { SetupToken } from '../../src/setup/setup-token.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());
beforeEach(async () => {
  // Every case starts as a fresh installation: nobody can sign in yet.
  await ctx.db.moderator.deleteMany();
  ctx.clock.advance(3600);
});

/** The app as main.ts builds it on a fresh installation: with this start's one-time token. */
function freshStart() {
  const setupToken = new SetupToken();
  const token = setupToken.issue();
  return { request: supertest.agent(ctx.appWith({ setupToken })), token };
}

const account = { email: 'Chief.Editor@Newsroom.example', password: 'a first admin passphrase' };

describe('GET /api/v1/setup', () => {
  it('says whether the first admin is still missing, never from a cache', async () => {
    const res = await ctx.request.get('/api/v1/setup');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { needed: true });
    assert.equal(res.get('cache-control'), 'no-store');
    await createModerator(ctx, { email: 'cli@newsroom.example', password: 'made with the CLI!', role: 'admin' });
    assert.deepEqual((await ctx.request.get('/api/v1/setup')).body, { needed: false });
  });
});

describe('POST /api/v1/setup/admin', () => {
  it('creates the first admin through the printed link and signs them in; the link then stops working', async () => {
    const start = freshStart();
    const res = await start.request.post('/api/v1/setup/admin').send({ token: start.token, ...account });
    assert.equal(res.status, 201);
    assert.equal(res.get('cache-control'), 'no-store');
    assert.deepEqual(Object.keys(res.body).sort(), ['expiresAt', 'moderator', 'token']);
    assert.equal(res.body.moderator.email, 'chief.editor@newsroom.example');
    assert.equal(res.body.moderator.role, 'admin');
    assert.equal(new Date(res.body.expiresAt).getTime(), ctx.clock.now().getTime() + 12 * 3_600_000);
    const me = await start.request.get('/api/v1/auth/me').set('Authorization', `Bearer ${res.body.token}`);
    assert.equal(me.body.moderator.email, 'chief.editor@newsroom.example');
    const stored = await ctx.db.moderator.findMany();
    assert.deepEqual(stored.map((m) => [m.email, m.role]), [['chief.editor@newsroom.example', 'admin']]);
    assert.match(stored[0]?.passwordHash ?? '', /^scrypt\$/);
    // The same password signs in like any account's.
    assert.equal((await start.request.post('/api/v1/auth/login').send(account)).status, 200);

    const again = await start.request.post('/api/v1/setup/admin').send({ token: start.token, email: 'second@newsroom.example', password: 'another admin passphrase' });
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'setup_done');
    assert.equal(again.body.detail, 'An administrator account already exists. Please sign in.');
    assert.equal(await ctx.db.moderator.count(), 1);
  });

  it('stops working for good once an admin was created another way meanwhile', async () => {
    const start = freshStart();
    await createModerator(ctx, { email: 'cli@newsroom.example', password: 'made with the CLI!', role: 'admin' });
    const res = await start.request.post('/api/v1/setup/admin').set('Accept-Language', 'ar').send({ token: start.token, ...account });
    assert.equal(res.status, 409);
    assert.match(res.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(res.body.detail, 'يوجد حساب مدير بالفعل. من فضلك سجّل الدخول.');
    // Even with the accounts gone again, the link that met an admin stays dead.
    await ctx.db.moderator.deleteMany();
    const later = await start.request.post('/api/v1/setup/admin').send({ token: start.token, ...account });
    assert.equal(later.status, 403);
    assert.equal(later.body.code, 'setup_link_invalid');
    assert.equal(await ctx.db.moderator.count(), 0);
  });

  it('refuses a wrong, missing or malformed token with a localised problem, and creates nothing', async () => {
    const start = freshStart();
    const wrong = await start.request.post('/api/v1/setup/admin').send({ token: `${start.token}x`, ...account });
    assert.equal(wrong.status, 403);
    assert.equal(wrong.body.detail, 'This setup link is not valid. Open the latest link Majlis printed in the server console when it started.');
    const arabic = await start.request.post('/api/v1/setup/admin?lang=ar').send({ token: 'not-the-token', ...account });
    assert.equal(arabic.status, 403);
    assert.match(arabic.body.detail, /رابط الإعداد هذا غير صالح/);
    // The app main.ts did not give a token to (an admin existed at start) accepts none.
    assert.equal((await ctx.request.post('/api/v1/setup/admin').send({ token: start.token, ...account })).status, 403);
    const missing = await start.request.post('/api/v1/setup/admin').send(account);
    assert.equal(missing.status, 422);
    assert.deepEqual(missing.body.errors.map((e: { field: string }) => e.field), ['token']);
    for (const body of [{ ...account, token: ['x'] }, { ...account, token: 'x'.repeat(201) }, 'token=x', null]) {
      const res = await start.request.post('/api/v1/setup/admin').send(body as object);
      assert.ok(res.status === 422 || res.status === 400, `${JSON.stringify(body)}: ${res.status}`);
    }
    assert.equal(await ctx.db.moderator.count(), 0);
    // None of that used the link up.
    assert.equal((await start.request.post('/api/v1/setup/admin').send({ token: start.token, ...account })).status, 201);
  });

  it('applies the CLI rules to email and password, in the reader’s language, and keeps the link usable', async () => {
    const start = freshStart();
    const res = await start.request.post('/api/v1/setup/admin').set('Accept-Language', 'ar, en;q=0.5').send({ token: start.token, email: 'not an email', password: 'short' });
    assert.equal(res.status, 422);
    assert.equal(res.body.detail, 'تعذّر إنشاء حساب المدير.');
    assert.equal(res.body.title, 'بعض ما أُرسل غير صالح');
    assert.deepEqual(
      res.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]),
      [
        ['email', 'من فضلك أدخل عنوان بريد إلكتروني صحيحًا.'],
        ['password', 'يجب ألا تقل كلمة المرور عن 12 حرفًا.'],
      ],
    );
    const english = await start.request.post('/api/v1/setup/admin').send({ token: start.token, email: account.email, password: 'x'.repeat(1001) });
    assert.deepEqual(english.body.errors, [{ field: 'password', code: 'too_long', message: 'The password may be at most 1000 characters long.' }]);
    assert.equal((await start.request.post('/api/v1/setup/admin').send({ token: start.token, ...account })).status, 201);
  });

  it('lets only one of two simultaneous requests with the link through', async () => {
    const start = freshStart();
    const [a, b] = await Promise.all([
      start.request.post('/api/v1/setup/admin').send({ token: start.token, email: 'a@newsroom.example', password: 'first passphrase here' }),
      start.request.post('/api/v1/setup/admin').send({ token: start.token, email: 'b@newsroom.example', password: 'second passphrase here' }),
    ]);
    const [won, lost] = [a.status, b.status].sort();
    assert.equal(won, 201);
    assert.ok(lost === 403 || lost === 409, `the other one: ${lost}`);
    assert.equal(await ctx.db.moderator.count(), 1);
  });

  it('is rate-limited per IP like sign-in', async () => {
    const start = freshStart();
    for (let i = 0; i < 30; i += 1) {
      assert.equal((await start.request.post('/api/v1/setup/admin').send({ token: `guess-${i}`, ...account })).status, 403);
    }
    const limited = await start.request.post('/api/v1/setup/admin').send({ token: start.token, ...account });
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.get('retry-after')) > 0);
    assert.equal(await ctx.db.moderator.count(), 0);
  });
});
