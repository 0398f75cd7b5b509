import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createModerator } from '../../src/moderators/auth.service.js';
import { signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

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
    assert.deepEqual(Object.keys(res.body.moderator).sort(), ['email', 'id', 'role']);
    assert.equal(res.body.moderator.role, 'admin');
    const sessions = await ctx.db.moderatorSession.findMany();
    assert.ok(sessions.every((s) => s.tokenHash !== res.body.token));
    const stored = await ctx.db.moderator.findUniqueOrThrow({ where: { email: 'editor@newsroom.example' } });
    assert.match(stored.passwordHash, /^scrypt\$/);
    const me = await ctx.request.get('/api/v1/auth/me').set('Authorization', `Bearer ${res.body.token}`);
    assert.equal(me.status, 200);
    assert.equal(me.body.moderator.email, 'editor@newsroom.example');
  });

  it('answers 401 to a wrong password or unknown email, then locks the account after 5 failures', async () => {
    await createModerator(ctx, { email: 'target@newsroom.example', password: 'the real password!', role: 'moderator' });
    assert.equal((await ctx.request.post('/api/v1/auth/login').send({ email: 'nobody@newsroom.example', password: 'x' })).status, 401);
    for (let i = 0; i < 5; i += 1) {
      const res = await ctx.request.post('/api/v1/auth/login').send({ email: 'target@newsroom.example', password: `guess ${i}` });
      assert.equal(res.status, 401);
      assert.equal(res.body.detail, 'The email address or password is not correct.');
    }
    const locked = await ctx.request.post('/api/v1/auth/login').send({ email: 'target@newsroom.example', password: 'the real password!' });
    assert.equal(locked.status, 429);
    assert.ok(Number(locked.get('retry-after')) > 0);
    ctx.clock.advance(16 * 60);
    const after = await ctx.request.post('/api/v1/auth/login').send({ email: 'target@newsroom.example', password: 'the real password!' });
    assert.equal(after.status, 200);
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

describe('every moderation route', () => {
  const routes: Array<{ method: 'get' | 'post' | 'put' | 'patch'; path: string; adminOnly?: boolean; body?: object }> = [
    { method: 'get', path: '/api/v1/moderation/comments' },
    { method: 'get', path: '/api/v1/moderation/counts' },
    { method: 'post', path: '/api/v1/moderation/comments/1/decision', body: { action: 'approve' } },
    { method: 'post', path: '/api/v1/moderation/decisions', body: { ids: [1], action: 'approve' } },
    { method: 'post', path: '/api/v1/moderation/decisions/00000000-0000-4000-8000-000000000000/undo' },
    { method: 'get', path: '/api/v1/moderation/log' },
    { method: 'get', path: '/api/v1/moderation/settings' },
    { method: 'put', path: '/api/v1/moderation/settings', adminOnly: true, body: {} },
    { method: 'post', path: '/api/v1/moderation/settings/preview', adminOnly: true, body: { policy: {} } },
    { method: 'put', path: '/api/v1/moderation/authors/someone%40example.org', body: { status: 'banned' } },
    { method: 'patch', path: '/api/v1/moderation/threads/walk-thread', body: { closed: true } },
    { method: 'get', path: '/api/v1/moderation/moderators', adminOnly: true },
    { method: 'post', path: '/api/v1/moderation/moderators', adminOnly: true, body: {} },
    { method: 'get', path: '/api/v1/auth/me' },
    { method: 'post', path: '/api/v1/auth/logout' },
  ];

  it('answers 401 without a valid token and 403 to a role that may not act', async () => {
    const moderator = await signIn(ctx, 'moderator');
    for (const route of routes) {
      for (const auth of [undefined, 'Bearer not-a-real-token-not-a-real-token', 'Basic abc']) {
        const req = ctx.request[route.method](route.path);
        if (auth) req.set('Authorization', auth);
        const res = await req.send(route.body ?? {});
        assert.equal(res.status, 401, `${route.method.toUpperCase()} ${route.path} with ${auth ?? 'no token'}`);
        assert.match(res.get('content-type') ?? '', /problem\+json/);
      }
      if (route.adminOnly) {
        const res = await ctx.request[route.method](route.path).set('Authorization', moderator.auth).send(route.body ?? {});
        assert.equal(res.status, 403, `${route.method.toUpperCase()} ${route.path} as a moderator`);
      }
    }
  });
});
