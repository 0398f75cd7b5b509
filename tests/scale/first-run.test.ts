import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { parseLine, startInstance } from './support.js';

// `npm start` in an empty folder, as a newcomer does it: the real process, its .env and its console.
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'majlis-first-run-'));
  writeFileSync(
    join(dir, '.env'),
    [
      '# Written by a newcomer from .env.example',
      'DATABASE_URL=file:./data/first-run.db',
      'PUBLIC_URL=http://from-dotenv.example',
      'SMTP_URL=',
      'LOG_LEVEL=debug',
    ].join('\n'),
  );
});
after(() => rmSync(dir, { recursive: true, force: true }));

const messages = (lines: string[]) => lines.map((line) => String(parseLine(line)?.msg ?? ''));

describe('the first start of a new installation', () => {
  let setupLink = '';

  it('reads .env (the environment winning), prints where everything is and a one-time setup link, and seeds the demo', async () => {
    // LOG_LEVEL comes from both: the environment's info wins over the file's debug.
    const instance = await startInstance({ NODE_ENV: 'development', PUBLIC_URL: 'http://from-env.example', LOG_LEVEL: 'info' }, { cwd: dir });
    try {
      const said = messages(instance.lines);
      assert.ok(existsSync(join(dir, 'data', 'first-run.db')), 'DATABASE_URL came from .env');
      assert.ok(said.some((m) => m.startsWith('read settings from .env')));
      assert.ok(!instance.lines.some((line) => parseLine(line)?.level === 20), 'no debug lines: the environment won');
      const start = said.find((m) => m.includes('listening')) ?? '';
      assert.match(start, /http:\/\/from-env\.example \(demo: http:\/\/from-env\.example\/demo, dashboard: http:\/\/from-env\.example\/admin, API reference: http:\/\/from-env\.example\/api\/docs\)/);
      await waitFor(() => messages(instance.lines).some((m) => m.includes('#setup=')));
      setupLink = messages(instance.lines).find((m) => m.includes('#setup=')) ?? '';
      assert.match(setupLink, /http:\/\/from-env\.example\/admin#setup=[\w-]{43}$/);

      const landing = await fetch(`${instance.url}/`);
      assert.equal(landing.status, 200);
      assert.match(await landing.text(), /Majlis is running[\s\S]*No moderator account exists yet/);
      const demo = (await (await fetch(`${instance.url}/api/v1/threads/demo-library-ar/comments`)).json()) as { thread: { commentCount: number } };
      assert.equal(demo.thread.commentCount, 4);

      const token = /#setup=([\w-]+)$/.exec(setupLink)?.[1];
      const created = await fetch(`${instance.url}/api/v1/setup/admin`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, email: 'chief@newsroom.example', password: 'the first admin passphrase' }),
      });
      assert.equal(created.status, 201);
    } finally {
      assert.equal(await instance.stop(), 0);
    }
  });

  it('prints no link and seeds nothing on the next start', async () => {
    const instance = await startInstance({ NODE_ENV: 'development', LOG_LEVEL: 'info' }, { cwd: dir });
    try {
      const said = messages(instance.lines);
      assert.ok(said.some((m) => m.includes('listening on http://from-dotenv.example')), 'PUBLIC_URL from .env this time');
      assert.ok(!said.some((m) => m.includes('#setup=') || m.startsWith('added demo comments')));
      const demo = (await (await fetch(`${instance.url}/api/v1/threads/demo-library-en/comments`)).json()) as { thread: { commentCount: number } };
      assert.equal(demo.thread.commentCount, 4);
      const token = /#setup=([\w-]+)$/.exec(setupLink)?.[1];
      const again = await fetch(`${instance.url}/api/v1/setup/admin`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, email: 'second@newsroom.example', password: 'another admin passphrase' }),
      });
      assert.equal(again.status, 409);
    } finally {
      await instance.stop();
    }
  });

  it('with MIGRATE_ON_START=false on a database not migrated, says to run npm run migrate and exits, touching nothing', async () => {
    const env = { NODE_ENV: 'development', LOG_LEVEL: 'info', MIGRATE_ON_START: 'false', DATABASE_URL: 'file:./data/not-migrated.db' };
    await assert.rejects(startInstance(env, { cwd: dir }), /exited \(1\)[\s\S]*MIGRATE_ON_START: is false, and the database has migrations to apply \(the first: \d+_init\)\. Run `npm run migrate`/);
  });

  it('says in one line, without a stack, why it cannot start: a port in use, a database that refuses connections', async () => {
    // Something else holds the port (it hangs up on every connection, so it never passes for Majlis).
    const taken = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    const refused = createServer();
    await new Promise<void>((resolve) => refused.listen(0, '127.0.0.1', resolve));
    const closedPort = (refused.address() as AddressInfo).port;
    await new Promise((resolve) => refused.close(resolve));
    try {
      const inUse = startInstance({ NODE_ENV: 'development', LOG_LEVEL: 'info', PORT: String(port) }, { cwd: dir });
      await assert.rejects(inUse, (error: Error) => {
        assert.match(error.message, /exited \(1\)[\s\S]*PORT: another process is already listening on 127\.0\.0\.1, port \d+; stop it or choose another PORT\./);
        assert.doesNotMatch(error.message, /\n\s+at |Unhandled 'error' event/, 'no stack trace');
        return true;
      });
      const noSuchHost = startInstance({ NODE_ENV: 'development', LOG_LEVEL: 'info', HOST: '999.1.1.1' }, { cwd: dir });
      await assert.rejects(noSuchHost, /exited \(1\)[\s\S]*HOST: 999\.1\.1\.1 is not an address or a name this machine can resolve\./);
      const noDatabase = startInstance({ NODE_ENV: 'development', DATABASE_URL: `postgresql://postgres@127.0.0.1:${closedPort}/nowhere` }, { cwd: dir });
      await assert.rejects(noDatabase, (error: Error) => {
        assert.match(error.message, /exited \(1\)[\s\S]*Majlis failed to start: .*ECONNREFUSED 127\.0\.0\.1:\d+/);
        assert.doesNotMatch(error.message, /\n\s+at |errno:/, 'no stack trace, no error object');
        return true;
      });
      // A file SQLite cannot create (a folder of the kernel's) and one that is no database.
      const notDatabase = join(dir, 'not-a-database.db');
      writeFileSync(notDatabase, 'plain text, not SQLite '.repeat(100));
      for (const [file, said] of [['/proc/majlis.db', /unable to open database file \(SQLITE_CANTOPEN\)/], [notDatabase, /file is not a database \(SQLITE_NOTADB\)/]] as const) {
        const unusable = startInstance({ NODE_ENV: 'development', DATABASE_URL: `file:${file}` }, { cwd: dir });
        await assert.rejects(unusable, (error: Error) => {
          assert.match(error.message, /exited \(1\)[\s\S]*Majlis failed to start: DATABASE_URL: SQLite cannot use that file: /);
          assert.match(error.message, said);
          assert.doesNotMatch(error.message, /\n\s+at /, 'no stack trace');
          return true;
        });
      }
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('shows what `npm run import` added beside it within seconds, without a restart', async () => {
    const instance = await startInstance({ NODE_ENV: 'development', LOG_LEVEL: 'info' }, { cwd: dir });
    try {
      const count = async () => ((await (await fetch(`${instance.url}/api/v1/threads/wp-12/comments`)).json()) as { thread: { commentCount: number } }).thread.commentCount;
      assert.equal(await count(), 0, 'read, and cached, before the import');
      const cli = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), join(ROOT, 'scripts', 'import.ts'), 'wordpress', join(ROOT, 'tests', 'fixtures', 'imports', 'wordpress.xml')], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', NODE_ENV: 'development', SECRET: 'scale-test-secret-that-is-long-enough-0123' },
        encoding: 'utf8',
      });
      assert.equal(cli.status, 0, cli.stderr);
      // Every instance looks for changes made outside it every 2 s (src/threads/outside-changes.service.ts, started by main.ts).
      let seen = 0;
      for (let tries = 0; tries < 50 && seen === 0; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        seen = await count();
      }
      assert.ok(seen > 0, 'the imported comments are shown');
    } finally {
      await instance.stop();
    }
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 50 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
}
