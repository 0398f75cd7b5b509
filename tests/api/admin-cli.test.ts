import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { ensureFirstAdmin } from '../../src/moderators/auth.service.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());

function admin(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args], {
    env: { ...process.env, DATABASE_URL: ctx.config.DATABASE_URL, LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });
}

describe('the first admin', () => {
  it('comes from ADMIN_EMAIL / ADMIN_PASSWORD only while there is no moderator', async () => {
    const created = await ensureFirstAdmin(ctx, 'Chief@Newsroom.example', 'a first admin password');
    assert.deepEqual(created && [created.email, created.role], ['chief@newsroom.example', 'admin']);
    assert.equal(await ensureFirstAdmin(ctx, 'second@newsroom.example', 'another password!'), null);
    const login = await ctx.request.post('/api/v1/auth/login').send({ email: 'chief@newsroom.example', password: 'a first admin password' });
    assert.equal(login.status, 200);
  });

  it('is created by `npm run admin -- create`, which refuses a short password', async () => {
    const short = admin('create', '--email', 'cli@newsroom.example', '--password', 'short');
    assert.equal(short.status, 2);
    assert.match(short.stderr, /12 characters/);
    const ok = admin('create', '--email', 'cli@newsroom.example', '--password', 'a long cli password', '--role', 'moderator');
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /created moderator cli@newsroom\.example/);
    const login = await ctx.request.post('/api/v1/auth/login').send({ email: 'cli@newsroom.example', password: 'a long cli password' });
    assert.equal(login.status, 200);
    assert.equal(login.body.moderator.role, 'moderator');
    assert.match(admin('list').stdout, /moderator\tcli@newsroom\.example/);
  });
});
