// Migrations on both databases: the runner applies them once, Prisma's CLI accepts its history, the migrated schema
// equals the current model (drift check), and edited or failed history is refused.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import pg from 'pg';
import { repoRoot, schemaPaths } from '../../scripts/db-schemas.js';
import {
  diffModels, listMigrations, migrationsRoot, prismaCli, providers, snapshotsDir, type Provider,
} from '../../scripts/new-migration.js';
import { applyMigrations, defaultMigrationsDir, firstPendingMigration, MigrationHistoryError, readMigrations } from '../../src/db/migrate.js';
import { isSqliteSearchTable, POSTGRES_SEARCH_INDEXES } from '../../src/db/search-index.js';
import { SQLITE_VISIBLE_THREAD_INDEX } from '../../src/db/hot-sql.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'majlis-migrations-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const currentModel = readFileSync(schemaPaths.sqlite, 'utf8');
let counter = 0;
const unique = (prefix: string): string => `${prefix}-${process.pid}-${(counter += 1)}`;

/** A schema flattened to "table.kind.name.property" -> value, so a failed comparison lists exactly what differs. */
type SchemaFacts = Map<string, string>;

/** What each database must offer the shared tests. */
interface TestDatabase {
  provider: Provider;
  create(): Promise<string>;
  exec(url: string, script: string): Promise<void>;
  query(url: string, sql: string, args?: Array<string | null>): Promise<Record<string, unknown>[]>;
  facts(url: string): Promise<SchemaFacts>;
}

function compareFacts(actual: SchemaFacts, expected: SchemaFacts): string[] {
  const keys = [...new Set([...actual.keys(), ...expected.keys()])].sort();
  return keys
    .filter((key) => actual.get(key) !== expected.get(key))
    .map((key) => `${key}: migrations give ${actual.get(key) ?? '(nothing)'}, the model wants ${expected.get(key) ?? '(nothing)'}`);
}

function put(facts: SchemaFacts, key: string, value: unknown): void {
  facts.set(key, value === null || value === undefined ? 'NULL' : String(value));
}

// ---------- SQLite ----------

async function withSqlite<T>(url: string, fn: (db: Awaited<ReturnType<PrismaBetterSQLite3['connect']>>) => Promise<T>): Promise<T> {
  const db = await new PrismaBetterSQLite3({ url: url.slice('file:'.length) }).connect();
  try {
    return await fn(db);
  } finally {
    await db.dispose();
  }
}

async function sqliteQuery(url: string, sql: string, args: Array<string | null> = []): Promise<Record<string, unknown>[]> {
  return withSqlite(url, async (db) => {
    const result = await db.queryRaw({ sql, args, argTypes: args.map(() => ({ scalarType: 'string', arity: 'scalar' })) });
    return result.rows.map((row) => Object.fromEntries(result.columnNames.map((name, i) => [name, row[i]])));
  });
}

const sqlite: TestDatabase = {
  provider: 'sqlite',
  async create() {
    return `file:${path.join(tmp, `${unique('db')}.db`)}`;
  },
  exec: (url, script) => withSqlite(url, (db) => db.executeScript(script)),
  query: sqliteQuery,
  async facts(url) {
    const facts: SchemaFacts = new Map();
    const tables = await sqliteQuery(url,
      `SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`);
    for (const table of tables) {
      const t = String(table.name);
      // The queue search's FTS5 table exists in SQL only (the model cannot express it); tests/db/search-index.test.ts checks it.
      if (isSqliteSearchTable(t)) continue;
      put(facts, `${t}.autoincrement`, /AUTOINCREMENT/i.test(String(table.sql)));
      // Column order is ignored: ALTER TABLE appends, a fresh CREATE follows the model; Prisma ignores it too.
      for (const column of await sqliteQuery(url, 'SELECT * FROM pragma_table_info(?)', [t])) {
        const c = `${t}.column.${String(column.name)}`;
        put(facts, `${c}.type`, column.type);
        put(facts, `${c}.notnull`, column.notnull);
        put(facts, `${c}.default`, column.dflt_value);
        put(facts, `${c}.pk`, column.pk);
      }
      for (const index of await sqliteQuery(url, 'SELECT * FROM pragma_index_list(?)', [t])) {
        const name = String(index.name);
        // The counts' partial index exists in SQL only (the model cannot state it); tests/db/query-plans.test.ts checks it is used.
        if (name === SQLITE_VISIBLE_THREAD_INDEX) continue;
        const columns = await sqliteQuery(url, 'SELECT * FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno', [name]);
        put(facts, `${t}.index.${name}`, [
          `unique=${String(index.unique)}`, `origin=${String(index.origin)}`, `partial=${String(index.partial)}`,
          `columns=${columns.map((c) => `${String(c.name)}${c.desc === '1' || c.desc === 1 ? ' DESC' : ''}`).join(',')}`,
        ].join(' '));
      }
      const keys = new Map<string, Record<string, unknown>[]>();
      for (const fk of await sqliteQuery(url, 'SELECT * FROM pragma_foreign_key_list(?) ORDER BY id, seq', [t])) {
        keys.set(String(fk.id), [...(keys.get(String(fk.id)) ?? []), fk]);
      }
      for (const parts of keys.values()) {
        const first = parts[0] ?? {};
        const from = parts.map((p) => String(p.from)).join(',');
        put(facts, `${t}.foreignKey.${from}`, `${String(first.table)}(${parts.map((p) => String(p.to)).join(',')}) ` +
          `on delete ${String(first.on_delete)} on update ${String(first.on_update)} match ${String(first.match)}`);
      }
    }
    return facts;
  },
};

// ---------- PostgreSQL ----------

const explicitPgUrl = process.env.TEST_DATABASE_URL;
const pgServerUrl = explicitPgUrl ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const createdDatabases: string[] = [];

async function withPg<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  client.on('error', () => {});
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function pgUnreachableReason(): Promise<string | null> {
  try {
    await withPg(pgServerUrl, (client) => client.query('SELECT 1'));
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

// With TEST_DATABASE_URL set the suite must run (and fail if the server is down); otherwise it may skip.
const pgSkip = explicitPgUrl === undefined ? await pgUnreachableReason() : null;
const pgSkipMessage = pgSkip === null
  ? false
  : `PostgreSQL is not reachable at ${pgServerUrl} (${pgSkip}); set TEST_DATABASE_URL to make this a failure instead of a skip`;

after(async () => {
  if (createdDatabases.length === 0) return;
  await withPg(pgServerUrl, async (client) => {
    for (const name of createdDatabases) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
});

const postgres: TestDatabase = {
  provider: 'postgresql',
  async create() {
    const name = `majlis_test_${randomBytes(6).toString('hex')}`;
    await withPg(pgServerUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
    createdDatabases.push(name);
    const url = new URL(pgServerUrl);
    url.pathname = `/${name}`;
    return url.toString();
  },
  exec: (url, script) => withPg(url, async (client) => void (await client.query(script))),
  query: (url, sql, args = []) => withPg(url, async (client) => (await client.query<Record<string, unknown>>(sql, args)).rows),
  async facts(url) {
    const facts: SchemaFacts = new Map();
    const rows = (sql: string): Promise<Record<string, unknown>[]> => postgres.query(url, sql);
    const notOurs = `<> '_prisma_migrations'`;
    for (const t of await rows(`SELECT table_name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name ${notOurs}`)) {
      put(facts, `${String(t.table_name)}.table`, true);
    }
    for (const c of await rows(`SELECT table_name, column_name, data_type, udt_name, character_maximum_length,
          numeric_precision, numeric_scale, datetime_precision, is_nullable, column_default
        FROM information_schema.columns WHERE table_schema = current_schema() AND table_name ${notOurs}`)) {
      const key = `${String(c.table_name)}.column.${String(c.column_name)}`;
      put(facts, `${key}.type`, [c.data_type, c.udt_name, c.character_maximum_length, c.numeric_precision,
        c.numeric_scale, c.datetime_precision].map(String).join(' '));
      put(facts, `${key}.nullable`, c.is_nullable);
      put(facts, `${key}.default`, c.column_default);
    }
    for (const i of await rows(`SELECT tablename, indexname, indexdef FROM pg_indexes
        WHERE schemaname = current_schema() AND tablename ${notOurs}`)) {
      // The queue search's trigram indexes exist in SQL only (the model cannot express them); tests/db/search-index.test.ts checks them.
      if ((POSTGRES_SEARCH_INDEXES as readonly string[]).includes(String(i.indexname))) continue;
      put(facts, `${String(i.tablename)}.index.${String(i.indexname)}`, i.indexdef);
    }
    // Primary keys, unique constraints, checks and foreign keys (with their ON DELETE/UPDATE actions).
    for (const k of await rows(`SELECT conrelid::regclass::text AS tablename, conname, contype, pg_get_constraintdef(oid) AS def
        FROM pg_constraint WHERE connamespace = current_schema()::regnamespace AND conrelid <> 0
          AND conrelid::regclass::text NOT IN ('_prisma_migrations', '"_prisma_migrations"')`)) {
      put(facts, `${String(k.tablename)}.constraint.${String(k.conname)}`, `${String(k.contype)} ${String(k.def)}`);
    }
    for (const e of await rows(`SELECT t.typname, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS labels
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
        WHERE t.typnamespace = current_schema()::regnamespace GROUP BY t.typname`)) {
      put(facts, `enum.${String(e.typname)}`, e.labels);
    }
    return facts;
  },
};

// ---------- shared ----------

const freshScripts = new Map<string, string>();
/** Prisma's from-empty SQL for a model text, as `prisma migrate diff --from-empty --to-schema-datamodel` prints it. */
function fromEmpty(provider: Provider, model: string): string {
  const key = `${provider}\n${model}`;
  let script = freshScripts.get(key);
  if (script === undefined) {
    script = diffModels(provider, null, model).script;
    freshScripts.set(key, script);
  }
  return script;
}

/** A copy of the committed migrations that a test may edit. */
function copyMigrations(provider: Provider): string {
  const dir = path.join(tmp, unique(`migrations-${provider}`));
  cpSync(defaultMigrationsDir(provider), dir, { recursive: true });
  return dir;
}

function lastMigrationFile(dir: string): string {
  const last = readMigrations(dir).at(-1);
  assert.ok(last, 'there is at least one migration');
  return path.join(dir, last.name, 'migration.sql');
}

/** Returns the differences between a database migrated from `migrationsDir` and one built from `model` in one step. */
async function drift(db: TestDatabase, model: string, migrationsDir?: string): Promise<string[]> {
  const migrated = await db.create();
  await applyMigrations(migrated, migrationsDir === undefined ? {} : { migrationsDir });
  const fresh = await db.create();
  await db.exec(fresh, fromEmpty(db.provider, model));
  return compareFacts(await db.facts(migrated), await db.facts(fresh));
}

/** The model with one extra optional column in its first model: an edit made without a migration. */
function modelWithExtraField(model: string): string {
  const edited = model.replace(/^(model\s+\w+\s*\{\n)/m, '$1  driftProbe String?\n');
  assert.notEqual(edited, model);
  return edited;
}

function defineSharedTests(db: TestDatabase): void {
  const expected = readMigrations(defaultMigrationsDir(db.provider));

  test('(a) applying twice applies each migration once and records it like Prisma', async () => {
    const url = await db.create();
    assert.deepEqual((await applyMigrations(url)).applied, expected.map((m) => m.name));
    assert.deepEqual((await applyMigrations(url)).applied, []);
    const rows = await db.query(url, `SELECT id, checksum, migration_name, finished_at, rolled_back_at, logs,
      applied_steps_count FROM _prisma_migrations ORDER BY started_at`);
    assert.deepEqual(rows.map((r) => r.migration_name), expected.map((m) => m.name));
    for (const [i, row] of rows.entries()) {
      assert.equal(row.checksum, expected[i]?.checksum);
      assert.match(String(row.id), /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.notEqual(row.finished_at, null);
      assert.equal(row.rolled_back_at, null);
      assert.equal(row.logs, null);
      assert.equal(String(row.applied_steps_count), '1');
    }
  });

  test('the first pending migration is read without writing: all on an empty database, the next after a partial run, none once up to date', async () => {
    const url = await db.create();
    assert.equal(await firstPendingMigration(url), expected[0]?.name);
    assert.equal(await firstPendingMigration(url), expected[0]?.name, 'it wrote nothing (no history table)');
    const partial = path.join(os.tmpdir(), `majlis-pending-${randomBytes(4).toString('hex')}`);
    cpSync(defaultMigrationsDir(db.provider), partial, { recursive: true });
    try {
      for (const migration of expected.slice(2)) rmSync(path.join(partial, migration.name), { recursive: true });
      await applyMigrations(url, { migrationsDir: partial });
      assert.equal(await firstPendingMigration(url), expected[2]?.name);
    } finally {
      rmSync(partial, { recursive: true, force: true });
    }
    await applyMigrations(url);
    assert.equal(await firstPendingMigration(url), null);
  });

  test('(c) drift check: migrated schema equals the current model built from empty', async () => {
    assert.deepEqual(await drift(db, currentModel), [],
      'the migrations do not produce prisma/schema.prisma: run `npm run migration:new -- <name>` (or fix the edited migration.sql)');
  });

  test('(c) the drift check catches a model edited without a migration', async () => {
    const differences = await drift(db, modelWithExtraField(currentModel));
    assert.ok(differences.some((d) => d.includes('driftProbe')), differences.join('\n'));
  });

  test('(c) the drift check catches a migration.sql edited by hand', async () => {
    const dir = copyMigrations(db.provider);
    // Any schema change works; a new table stays valid whatever the last migration renames or drops.
    appendFileSync(lastMigrationFile(dir), '\nCREATE TABLE "HandEdit" ("id" INTEGER NOT NULL);\n');
    const differences = await drift(db, currentModel, dir);
    assert.ok(differences.some((d) => d.includes('HandEdit')), differences.join('\n'));
  });

  test('hidden_by_ancestor marks every reply below a comment readers do not see, down to the deepest level', async () => {
    const migration = '20261207004953_hidden_by_ancestor';
    const source = defaultMigrationsDir(db.provider);
    const dir = path.join(tmp, unique('backfill'));
    for (const { name } of expected) if (name < migration) cpSync(path.join(source, name), path.join(dir, name), { recursive: true });
    const url = await db.create();
    await applyMigrations(url, { migrationsDir: dir });
    // Two conversations: a rejected reply with three levels below it, and a pending top-level comment with four.
    const tree: Array<[id: number, parentId: number | null, status: string]> = [
      [1, null, 'approved'], [2, 1, 'rejected'], [3, 2, 'approved'], [4, 3, 'approved'], [5, 4, 'approved'], [6, 1, 'approved'],
      [7, null, 'pending'], [8, 7, 'approved'], [9, 8, 'approved'], [10, 9, 'approved'], [11, 10, 'approved'], [12, null, 'approved'],
    ];
    const now = "'2026-01-01T00:00:00.000+00:00'";
    await db.exec(url, `INSERT INTO "Thread" ("id", "key", "createdAt") VALUES (1, 'old', ${now});
      INSERT INTO "Author" ("emailKey", "createdAt") VALUES ('reader@example.org', ${now});
      ${tree.map(([id, parentId, status]) => `INSERT INTO "Comment" ("id", "threadId", "parentId", "body", "authorName", "authorEmail", "authorKey", "status",
        "reasons", "bodyHash", "editTokenHash", "createdAt", "updatedAt") VALUES (${id}, 1, ${parentId ?? 'NULL'}, 'text ${id}', 'Reader', 'reader@example.org',
        'reader@example.org', '${status}', '[]', 'hash${id}', 'token${id}', ${now}, ${now});`).join('\n')}`);
    cpSync(path.join(source, migration), path.join(dir, migration), { recursive: true });
    assert.deepEqual((await applyMigrations(url, { migrationsDir: dir })).applied, [migration]);
    const rows = await db.query(url, 'SELECT "id", "hiddenByAncestor" FROM "Comment" ORDER BY "id"');
    const hidden = rows.filter((row) => row.hiddenByAncestor === true || Number(row.hiddenByAncestor) === 1).map((row) => Number(row.id));
    assert.deepEqual(hidden, [3, 4, 5, 8, 9, 10, 11]);
  });

  test('(d) a migration changed after it was applied is refused', async () => {
    const url = await db.create();
    const dir = copyMigrations(db.provider);
    await applyMigrations(url, { migrationsDir: dir });
    appendFileSync(lastMigrationFile(dir), '\n-- an innocent-looking edit\n');
    await assert.rejects(applyMigrations(url, { migrationsDir: dir }),
      (error: unknown) => error instanceof MigrationHistoryError && /was changed after it was applied/.test(error.message));
  });

  test('a failed migration is rolled back, recorded as rolled back, and applied once fixed', async () => {
    const url = await db.create();
    const dir = copyMigrations(db.provider);
    const broken = path.join(dir, '99991231235959_broken');
    mkdirSync(broken);
    writeFileSync(path.join(broken, 'migration.sql'), 'CREATE TABLE "Half" ("id" INTEGER);\nSELECT * FROM "NoSuchTable";\n');
    await assert.rejects(applyMigrations(url, { migrationsDir: dir }), /99991231235959_broken failed and was rolled back/);
    const tables = db.provider === 'sqlite'
      ? await db.query(url, `SELECT name FROM sqlite_master WHERE name = 'Half'`)
      : await db.query(url, `SELECT table_name FROM information_schema.tables WHERE table_name = 'Half'`);
    assert.deepEqual(tables, [], 'the half-applied migration was undone');
    const [row] = await db.query(url, `SELECT finished_at, rolled_back_at, logs FROM _prisma_migrations WHERE migration_name = '99991231235959_broken'`);
    assert.ok(row && row.rolled_back_at !== null && row.finished_at === null && /NoSuchTable/.test(String(row.logs)));
    writeFileSync(path.join(broken, 'migration.sql'), 'CREATE TABLE "Half" ("id" INTEGER);\n');
    assert.deepEqual((await applyMigrations(url, { migrationsDir: dir })).applied, ['99991231235959_broken']);
  });

  test('(d) an unfinished migration (failed, not rolled back) stops every later run', async () => {
    const url = await db.create();
    await applyMigrations(url);
    await db.query(url, `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count)
      VALUES ('00000000-0000-4000-8000-000000000000', 'x', '20000101000000_crashed', CURRENT_TIMESTAMP, 0)`);
    await assert.rejects(applyMigrations(url),
      (error: unknown) => error instanceof MigrationHistoryError && /20000101000000_crashed .* never finished/.test(error.message));
  });
}

describe('migration files', () => {
  test('db-schemas --check passes (prisma/postgresql/schema.prisma is current)', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/db-schemas.ts', '--check'], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr + result.stdout);
  });

  test('both providers hold the same migrations, each with its model snapshot and lock file', () => {
    const names = listMigrations('sqlite');
    assert.ok(names.length > 0);
    assert.deepEqual(listMigrations('postgresql'), names);
    for (const name of names) assert.ok(existsSync(path.join(snapshotsDir, `${name}.prisma`)), `snapshot of ${name}`);
    for (const provider of providers) {
      const lock = readFileSync(path.join(migrationsRoot, provider, 'migration_lock.toml'), 'utf8');
      assert.match(lock, new RegExp(`provider = "${provider}"`));
    }
  });

  test('the newest snapshot matches the model, so the next migration:new diffs from the right base', () => {
    const last = listMigrations('sqlite').at(-1) ?? '';
    const snapshot = readFileSync(path.join(snapshotsDir, `${last}.prisma`), 'utf8');
    for (const provider of providers) {
      const { changed, script } = diffModels(provider, snapshot, currentModel);
      assert.equal(changed, false, `prisma/schema.prisma changed since ${last} (${provider}):\n${script}\n` +
        'run `npm run migration:new -- <name>`');
    }
  });
});

describe('migrations on SQLite', () => {
  defineSharedTests(sqlite);

  test('(b) `prisma migrate status` sees our history as up to date', async () => {
    const url = await sqlite.create();
    await applyMigrations(url);
    const status = prismaCli(['migrate', 'status'], { PRISMA_CLI_SQLITE_URL: url });
    assert.equal(status.status, 0, status.stdout + status.stderr);
    assert.match(status.stdout, /Database schema is up to date/);
  });

  test('history written by `prisma migrate deploy` is accepted by the runner', async () => {
    const url = await sqlite.create();
    const deploy = prismaCli(['migrate', 'deploy'], { PRISMA_CLI_SQLITE_URL: url });
    assert.equal(deploy.status, 0, deploy.stdout + deploy.stderr);
    assert.deepEqual((await applyMigrations(url)).applied, []);
  });

  test('relative file: urls resolve against the working directory, the folder is created, WAL is on', async () => {
    const dir = path.join(tmp, unique('cwd'));
    mkdirSync(dir);
    const previous = process.cwd();
    process.chdir(dir);
    try {
      await applyMigrations('file:./nested/majlis.db');
    } finally {
      process.chdir(previous);
    }
    const url = `file:${path.join(dir, 'nested', 'majlis.db')}`;
    assert.deepEqual(await sqliteQuery(url, 'PRAGMA journal_mode'), [{ journal_mode: 'wal' }]);
  });

  // Prisma rebuilds SQLite tables (create new_X, copy, DROP X, rename) after `PRAGMA foreign_keys=OFF`, which SQLite
  // ignores inside a transaction: with keys on, DROP TABLE would cascade-delete every child row.
  test('a Prisma-style table rebuild keeps rows that reference the table', async () => {
    const dir = path.join(tmp, unique('rebuild'));
    const write = (name: string, sql: string): void => {
      mkdirSync(path.join(dir, name), { recursive: true });
      writeFileSync(path.join(dir, name, 'migration.sql'), sql);
    };
    write('20000101000000_parent_child', `CREATE TABLE "Parent" ("id" INTEGER NOT NULL PRIMARY KEY);
CREATE TABLE "Child" ("id" INTEGER NOT NULL PRIMARY KEY, "parentId" INTEGER NOT NULL,
  CONSTRAINT "Child_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Parent" ("id") ON DELETE CASCADE ON UPDATE CASCADE);
INSERT INTO "Parent" ("id") VALUES (1);
INSERT INTO "Child" ("id", "parentId") VALUES (1, 1), (2, 1);
`);
    write('20000102000000_rebuild_parent', `-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Parent" ("id" INTEGER NOT NULL PRIMARY KEY, "pinned" BOOLEAN NOT NULL DEFAULT false);
INSERT INTO "new_Parent" ("id") SELECT "id" FROM "Parent";
DROP TABLE "Parent";
ALTER TABLE "new_Parent" RENAME TO "Parent";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
`);
    const url = await sqlite.create();
    assert.deepEqual((await applyMigrations(url, { migrationsDir: dir })).applied.length, 2);
    assert.deepEqual(await sqliteQuery(url, 'SELECT count(*) AS n FROM "Child"'), [{ n: '2' }]);

    write('20000103000000_orphan', 'DELETE FROM "Parent";\n');
    await assert.rejects(applyMigrations(url, { migrationsDir: dir }), /foreign key violations/);
    assert.deepEqual(await sqliteQuery(url, 'SELECT count(*) AS n FROM "Parent"'), [{ n: '1' }], 'rolled back');
  });

  test('two processes migrating one file at once apply each migration once', async () => {
    const url = await sqlite.create();
    const run = (): Promise<string> => new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts'], {
        cwd: repoRoot, env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`migrate exited ${code}: ${output}`))));
    });
    await Promise.all([run(), run()]);
    const rows = await sqliteQuery(url, 'SELECT migration_name FROM _prisma_migrations');
    assert.deepEqual(rows.map((r) => r.migration_name), listMigrations('sqlite'));
  });
});

describe('migrations on PostgreSQL', { skip: pgSkipMessage }, () => {
  before(async () => {
    if (explicitPgUrl !== undefined) await withPg(pgServerUrl, (client) => client.query('SELECT 1'));
  });

  defineSharedTests(postgres);

  test('two concurrent runs on a fresh database apply each migration exactly once', async () => {
    const url = await postgres.create();
    const [first, second] = await Promise.all([applyMigrations(url), applyMigrations(url)]);
    const all = [...(first?.applied ?? []), ...(second?.applied ?? [])].sort();
    assert.deepEqual(all, listMigrations('postgresql'));
    const rows = await postgres.query(url, 'SELECT migration_name, finished_at FROM _prisma_migrations');
    assert.equal(rows.length, all.length);
    assert.ok(rows.every((row) => row.finished_at !== null));
  });
});
