import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import supertest from 'supertest';
import { createModerator } from '../../src/moderators/auth.service.js';
import { signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';
import { documentedOperations } from '../setup/documented-operations.js';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());

describe('POST /api/v1/auth/login', () => {
  it('returns a token and the moderator for the right password; the token is stored only hashed', async () => {
    await createModerator(ctx, { email: 'Editor@Newsroom.example', password: 'a long enough password', role: 'admin' });
    const res = await ctx.request.post('/api/v1/auth/login').send({ email: 'editor@newsroom.example', password: 'a long enough password' });
    assert.equal(res.status, 200);
    assert.match(res.body.token, /^[A-Za-z0-9_-]{40,}$/);
    assert.deepEqual(Object.keys(res.body.moderator).sort(), ['disabled', 'email', 'id', 'lang', 'role']);
    assert.equal(res.body.moderator.lang, 'en');
    assert.equal(res.body.moderator.role, 'admin');
    const sessions = await ctx.db.moderatorSession.findMany();
    assert.ok(sessions.every((s) => s.tokenHash !== res.body.token));
    const stored = await ctx.db.moderator.findUniqueOrThrow({ where: { email: 'editor@newsroom.example' } });
    assert.match(stored.passwordHash, /^scrypt\$/);
    const me = await ctx.request.get('/api/v1/auth/me').set('Authorization', `Bearer ${res.body.token}`);
    assert.equal(me.status, 200);
    assert.equal(me.body.moderator.email, 'editor@newsroom.example');
  });

  it('answers 401 to a wrong password or unknown email, then refuses even the right password for 15 minutes after 5 failures', async () => {
    await createModerator(ctx, { email: 'target@newsroom.example', password: 'the real password!', role: 'moderator' });
    assert.equal((await ctx.request.post('/api/v1/auth/login').send({ email: 'nobody@newsroom.example', password: 'x' })).status, 401);
    for (let i = 0; i < 5; i += 1) {
      const res = await ctx.request.post('/api/v1/auth/login').send({ email: 'target@newsroom.example', password: `guess ${i}` });
      assert.equal(res.status, 401);
      assert.match(res.body.detail, /^The email address or password is not correct/);
    }
    const locked = await ctx.request.post('/api/v1/auth/login').send({ email: 'target@newsroom.example', password: 'the real password!' });
    assert.equal(locked.status, 401);
    ctx.clock.advance(16 * 60);
    const after = await ctx.request.post('/api/v1/auth/login').send({ email: 'target@newsroom.example', password: 'the real password!' });
    assert.equal(after.status, 200);
  });

  it('answers an unknown address, a wrong password and a locked account alike: status, body, headers and time', async () => {
    const timed = await createTestContext({}, { loginDelay: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) });
    try {
      const request = supertest.agent(timed.app);
      await createModerator(timed, { email: 'known@newsroom.example', password: 'the real password!', role: 'moderator' });
      await createModerator(timed, { email: 'locked@newsroom.example', password: 'the real password!', role: 'moderator' });
      // Five wrong guesses from this client lock it out of the account.
      for (let i = 0; i < 5; i += 1) await request.post('/api/v1/auth/login').send({ email: 'locked@newsroom.example', password: `guess ${i}` });
      const attempts = {
        unknown: { email: 'nobody@newsroom.example', password: 'a guess' },
        wrong: { email: 'known@newsroom.example', password: 'a guess' },
        // The right password, so only the lock can refuse it.
        locked: { email: 'locked@newsroom.example', password: 'the real password!' },
      };
      const times: Record<string, number[]> = { unknown: [], wrong: [], locked: [] };
      const answers = new Set<string>();
      // Interleaved, so load on the machine falls on every kind alike; the wrong-password account is
      // reset each round so it never reaches the lock.
      for (let round = 0; round < 7; round += 1) {
        await timed.db.moderator.update({ where: { email: 'known@newsroom.example' }, data: { failedLogins: 0 } });
        for (const [kind, body] of Object.entries(attempts)) {
          const started = performance.now();
          const res = await request.post('/api/v1/auth/login').send(body);
          times[kind]!.push(performance.now() - started);
          answers.add(JSON.stringify({ status: res.status, body: res.body, retryAfter: res.get('retry-after') ?? null, type: res.get('content-type') }));
        }
      }
      assert.equal(answers.size, 1, [...answers].join('\n'));
      assert.equal(JSON.parse([...answers][0]!).status, 401);
      const medians = Object.values(times).map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]!);
      assert.ok(Math.min(...medians) >= 350, `every refusal takes the floor: ${medians.join(', ')} ms`);
      // Noise: 100 ms, or a fifth of the time when a loaded machine stretches every answer past the floor.
      const noise = Math.max(100, Math.min(...medians) / 5);
      assert.ok(Math.max(...medians) - Math.min(...medians) < noise, `medians within noise: ${medians.map((m) => m.toFixed(0)).join(', ')} ms`);
    } finally {
      await timed.close();
    }
  });

  it('ends the session on logout and refuses an expired token', async () => {
    const { auth } = await signIn(ctx);
    assert.equal((await ctx.request.post('/api/v1/auth/logout').set('Authorization', auth)).status, 204);
    assert.equal((await ctx.request.get('/api/v1/auth/me').set('Authorization', auth)).status, 401);
    const second = await signIn(ctx);
    ctx.clock.advance(13 * 3600);
    assert.equal((await ctx.request.get('/api/v1/auth/me').set('Authorization', second.auth)).status, 401);
  });

  it('answers 401 to a malformed body rather than 422, revealing nothing', async () => {
    const res = await ctx.request.post('/api/v1/auth/login').send({ email: ['x'] });
    assert.equal(res.status, 401);
  });
});

describe('every guarded operation of the API reference', () => {
  const guarded = documentedOperations().filter((operation) => operation.access === 'moderator' || operation.access === 'admin');

  it('covers the whole moderator API', () => {
    // A new route is documented (or the contract check fails its tests), so it joins this walk by itself.
    assert.ok(guarded.length >= 24, `${guarded.length} guarded operations`);
    assert.ok(guarded.some((operation) => operation.access === 'admin'));
  });

  it('answers 401 without a valid token and 403 to a role that may not act', async () => {
    const moderator = await signIn(ctx, 'moderator');
    for (const operation of guarded) {
      const name = `${operation.method.toUpperCase()} ${operation.template}`;
      for (const auth of [undefined, 'Bearer not-a-real-token-not-a-real-token', 'Basic abc']) {
        const req = ctx.request[operation.method](operation.path);
        if (auth) req.set('Authorization', auth);
        const res = await req.send({});
        assert.equal(res.status, 401, `${name} with ${auth ?? 'no token'}`);
        assert.match(res.get('content-type') ?? '', /problem\+json/);
      }
      if (operation.access === 'admin') {
        const res = await ctx.request[operation.method](operation.path).set('Authorization', moderator.auth).send({});
        assert.equal(res.status, 403, `${name} as a moderator`);
      }
    }
  });
});

describe('POST /api/v1/moderation/moderators', () => {
  it('adds an account once: the same address again (in any case) is 409 saying so, in the reader’s language', async () => {
    const admin = await signIn(ctx, 'admin');
    const add = (email: string, lang = 'en') =>
      ctx.request.post('/api/v1/moderation/moderators').set('Authorization', admin.auth).set('Accept-Language', lang).send({ email, password: 'another long password', role: 'moderator' });
    assert.equal((await add('desk@newsroom.example')).status, 201);
    const again = await add('DESK@newsroom.example');
    assert.equal(again.status, 409);
    assert.equal(again.body.detail, 'A moderator account with this email address already exists.');
    assert.equal((await add('desk@newsroom.example', 'ar')).body.detail, 'يوجد حساب مشرف بعنوان البريد الإلكتروني هذا.');
    assert.equal(await ctx.db.moderator.count({ where: { email: 'desk@newsroom.example' } }), 1);
  });
});

describe('PATCH /api/v1/auth/me', () => {
  it("sets the language of the moderator's own mail, and only that; a language Majlis does not speak is a 422 that changes nothing", async () => {
    const own = await signIn(ctx, 'moderator');
    const other = await signIn(ctx, 'moderator');
    const patch = (body: unknown, lang = 'en') => ctx.request.patch('/api/v1/auth/me').set('Authorization', own.auth).set('Accept-Language', lang).send(body as object);
    const chosen = await patch({ lang: 'ar' });
    assert.equal(chosen.status, 200, chosen.text);
    assert.deepEqual(chosen.body.moderator, { id: own.moderator.id, email: own.email, role: 'moderator', lang: 'ar', disabled: false });
    assert.equal((await ctx.request.get('/api/v1/auth/me').set('Authorization', own.auth)).body.moderator.lang, 'ar');
    const signedInAgain = await ctx.request.post('/api/v1/auth/login').send({ email: own.email, password: own.password });
    assert.equal(signedInAgain.body.moderator.lang, 'ar');
    assert.equal((await ctx.db.moderator.findUniqueOrThrow({ where: { id: other.moderator.id } })).lang, 'en');

    for (const bad of [{ lang: 'fr' }, { lang: 'AR' }, { lang: 1 }]) {
      const refused = await patch(bad, 'ar');
      assert.equal(refused.status, 422, JSON.stringify(bad));
      assert.deepEqual(refused.body.errors, [{ field: 'lang', code: 'invalid', message: 'يجب أن تكون اللغة "en" أو "ar".' }]);
    }
    // Nothing this route changes (a role is not one of them).
    for (const bad of [{}, { role: 'admin' }]) {
      const refused = await patch(bad);
      assert.equal(refused.status, 422, JSON.stringify(bad));
      assert.deepEqual(refused.body.errors, [{ field: '_', code: 'invalid', message: 'Say what to change: lang, or password with currentPassword.' }]);
    }
    assert.equal((await ctx.db.moderator.findUniqueOrThrow({ where: { id: own.moderator.id } })).lang, 'ar');
  });
});
