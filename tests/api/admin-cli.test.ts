import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

describe('the command-line tools, used wrongly', () => {
  const dir = mkdtempSync(join(tmpdir(), 'majlis-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const tool = (script: string, args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], {
      env: { ...process.env, DATABASE_URL: ctx.config.DATABASE_URL, SECRET: ctx.config.SECRET, NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env },
      encoding: 'utf8',
    });
  /** One plain message: no stack trace, no dumped object. */
  const plain = (stderr: string) => assert.doesNotMatch(stderr, /\n\s+at |\{\s*\n|Invalid `/, stderr);

  it('tell a mistake in one plain line and exit non-zero, changing nothing', () => {
    const existing = tool('admin', ['create', '--email', 'cli@newsroom.example', '--password', 'a long cli password']);
    assert.equal(existing.status, 1);
    assert.equal(existing.stderr.trim(), 'admin failed: A moderator account with this email address already exists.');

    const unwritable = tool('export', ['--out', join(dir, 'no', 'such', 'folder', 'site.ndjson')]);
    assert.equal(unwritable.status, 1);
    assert.match(unwritable.stderr, /^export failed: ENOENT: no such file or directory, open '.*site\.ndjson'\n$/);

    const unknownOption = tool('model', ['status', '--verbose']);
    assert.equal(unknownOption.status, 2);
    assert.match(unknownOption.stderr, /Unknown option '--verbose'[\s\S]*usage: npm run model/);
    plain(unknownOption.stderr);

    const folder = tool('import', ['wordpress', dir]);
    assert.equal(folder.status, 1);
    assert.match(folder.stderr, /^import failed: EISDIR/);
    plain(folder.stderr);

    const unset = tool('export', [], { NODE_ENV: 'production', SECRET: '' });
    assert.equal(unset.status, 2);
    assert.match(unset.stderr, /^Invalid configuration:\n {2}- SECRET/);
    plain(unset.stderr);
  });

  it('print their usage for --help and do nothing else; migrate takes no arguments; a missing FILE, a doubled message and a useless file are told', async () => {
    const fresh = join(dir, 'help.db');
    for (const [script, args] of [['admin', ['--help']], ['export', ['-h']], ['import', ['wordpress', '--help']], ['model', ['--help']], ['migrate', ['--help']]] as const) {
      const run = tool(script, [...args], { DATABASE_URL: `file:${fresh}` });
      assert.equal(run.status, 0, `${script}: ${run.stderr}`);
      assert.match(run.stdout, new RegExp(`^usage: npm run ${script}`), script);
      assert.equal(existsSync(fresh), false, `${script} --help touched no database`);
    }
    for (const args of [['--bogus'], ['now']]) {
      const run = tool('migrate', args, { DATABASE_URL: `file:${fresh}` });
      assert.equal(run.status, 2, run.stderr);
      assert.match(run.stderr, /usage: npm run migrate/);
      assert.equal(existsSync(fresh), false, 'nothing migrated');
    }

    const noFile = tool('import', ['wordpress']);
    assert.equal(noFile.status, 2);
    assert.match(noFile.stderr, /^FILE: missing\nusage: npm run import/);
    const badAddress = tool('admin', ['create', '--email', 'x', '--password', 'a long cli password']);
    assert.equal(badAddress.status, 2);
    assert.equal(badAddress.stderr.match(/--email: /g)?.length, 1, badAddress.stderr);

    const useless = join(dir, 'useless.jsonl');
    writeFileSync(useless, '{"text": "no decision"}\nnot json\n');
    const models = await ctx.db.classifierModel.count();
    const trained = tool('model', ['train', '--from', useless]);
    assert.equal(trained.status, 1, trained.stdout);
    assert.match(trained.stderr, /useless\.jsonl: no usable line .*nothing trained\n$/);
    assert.equal(await ctx.db.classifierModel.count(), models, 'no model trained');
  });

  it('refuse to read a database that is not there (a mistyped DATABASE_URL), and say so where they create one', () => {
    const mistyped = join(dir, 'majlis.dbb');
    for (const [script, args] of [['export', []], ['model', ['status']], ['admin', ['list']]] as const) {
      const run = tool(script, [...args], { DATABASE_URL: `file:${mistyped}` });
      assert.equal(run.status, 1, `${script}: ${run.stderr}`);
      assert.equal(run.stderr, `${script} failed: there is no database at ${mistyped}: check DATABASE_URL (npm start and npm run migrate create it)\n`);
      assert.equal(existsSync(mistyped), false, `${script} created no file`);
    }
    const created = tool('admin', ['create', '--email', 'first@newsroom.example', '--password', 'a long cli password'], { DATABASE_URL: `file:${mistyped}` });
    assert.equal(created.status, 0, created.stderr);
    assert.match(created.stderr, /^note: there was no database at .*majlis\.dbb; created a new one \(check DATABASE_URL if you meant another\)\n$/);
    assert.equal(existsSync(mistyped), true);
  });
});
