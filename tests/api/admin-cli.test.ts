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
    // Left out, an option is missing, not too short; a command that does not exist is named.
    const bare = admin('create', '--email', 'cli@newsroom.example');
    assert.equal(bare.status, 2);
    assert.match(bare.stderr, /^--password: missing$/m);
    assert.doesNotMatch(bare.stderr, /12 characters/);
    const unknown = admin('bogus');
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /^unknown command: bogus \(create, list, update\)$/m);
    const ok = admin('create', '--email', 'cli@newsroom.example', '--password', 'a long cli password', '--role', 'moderator');
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /created moderator cli@newsroom\.example/);
    const login = await ctx.request.post('/api/v1/auth/login').send({ email: 'cli@newsroom.example', password: 'a long cli password' });
    assert.equal(login.status, 200);
    assert.equal(login.body.moderator.role, 'moderator');
    assert.match(admin('list').stdout, /moderator\tcli@newsroom\.example/);
  });
});

describe('`npm run admin -- update`', () => {
  it('takes access away and gives it back, sets a password and a role, and keeps the last admin one', async () => {
    assert.equal(admin('create', '--email', 'leaving@newsroom.example', '--password', 'a long cli password', '--role', 'moderator').status, 0);
    const signInAs = (password: string) => ctx.request.post('/api/v1/auth/login').send({ email: 'leaving@newsroom.example', password });
    const session = await signInAs('a long cli password');
    assert.equal(session.status, 200);

    const disabled = admin('update', '--email', 'Leaving@Newsroom.example', '--disable');
    assert.equal(disabled.status, 0, disabled.stderr);
    assert.match(disabled.stdout, /updated moderator leaving@newsroom\.example \(id \d+\), disabled/);
    assert.equal((await ctx.request.get('/api/v1/auth/me').set('Authorization', `Bearer ${session.body.token}`)).status, 401);
    assert.equal((await signInAs('a long cli password')).status, 401);
    assert.match(admin('list').stdout, /moderator\tleaving@newsroom\.example\tdisabled/);

    assert.equal(admin('update', '--email', 'leaving@newsroom.example', '--enable', '--password', 'another cli password', '--role', 'admin').status, 0);
    const back = await signInAs('another cli password');
    assert.equal(back.status, 200);
    assert.equal(back.body.moderator.role, 'admin');

    // Mistakes: exit 2 with the rule, or 1 with what is wrong; nothing changes.
    const before = await ctx.db.moderator.findMany({ orderBy: { id: 'asc' } });
    for (const [args, status, message] of [
      [['update', '--email', 'leaving@newsroom.example'], 2, /^say what to change: --role, --password, --disable or --enable$/m],
      [['update', '--disable'], 2, /--email: missing/],
      [['update', '--email', 'leaving@newsroom.example', '--disable', '--enable'], 2, /--disable: not with --enable/],
      [['update', '--email', 'leaving@newsroom.example', '--password', 'short'], 2, /12 characters/],
      [['update', '--email', 'nobody@newsroom.example', '--disable'], 1, /no moderator account has the address nobody@newsroom\.example/],
    ] as const) {
      const result = admin(...args);
      assert.equal(result.status, status, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
      assert.doesNotMatch(result.stderr, /--disabled|Say what to change: role/, 'only the options this command has');
    }
    // Every other admin steps down; the last one cannot.
    for (const other of await ctx.db.moderator.findMany({ where: { role: 'admin', disabledAt: null, email: { not: 'leaving@newsroom.example' } } })) {
      assert.equal(admin('update', '--email', other.email, '--role', 'moderator').status, 0);
    }
    const last = admin('update', '--email', 'leaving@newsroom.example', '--disable');
    assert.equal(last.status, 1);
    assert.equal(last.stderr.trim(), 'admin failed: This is the last administrator who can sign in: make another account an administrator first.');
    assert.equal((await ctx.db.moderator.findUniqueOrThrow({ where: { email: 'leaving@newsroom.example' } })).disabledAt, null);
    assert.equal(before.length, await ctx.db.moderator.count());
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
    const absentFile = tool('import', ['wordpress', join(dir, 'no-such-export.xml')]);
    assert.equal(absentFile.status, 2);
    assert.match(absentFile.stderr, /^FILE: file not found\nusage: npm run import/, 'a file named but absent is not "missing"');
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
