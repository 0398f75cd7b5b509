// Applies prisma/migrations/<provider>/*/migration.sql to SQLite or PostgreSQL and records them in Prisma's own
// `_prisma_migrations` table, byte-compatible with `prisma migrate deploy`. We cannot use the CLI at run time:
// through the pg driver adapter it fails on PostgreSQL (prisma/orm#27403). See docs/decisions/0001-migrations-on-two-databases.md.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import pg from 'pg';
import { sqliteFilePath } from './sqlite-path.js';
import { SQLITE_REFRESH_STATISTICS } from './statistics.js';

/** The databases the runner knows; also the folder names under prisma/migrations/. */
export type MigrationProvider = 'sqlite' | 'postgresql';

/** Options of {@link applyMigrations}. */
export interface ApplyMigrationsOptions {
  /** Folder holding one sub-folder per migration; defaults to <repo>/prisma/migrations/<provider>. */
  migrationsDir?: string;
  /** Receives one line per notable step (lock taken, migration applied, ...). */
  log?: (message: string) => void;
}

/** One migration folder as read from disk. */
export interface MigrationFile {
  name: string;
  script: string;
  /** sha256 hex of migration.sql's bytes: what Prisma stores in `_prisma_migrations.checksum`. */
  checksum: string;
}

/** Thrown when the recorded history forbids going on (edited or failed migration); the message says how to recover. */
export class MigrationHistoryError extends Error {
  override name = 'MigrationHistoryError';
}

// Prisma Migrate's own lock key, so our runner and `prisma migrate deploy` also exclude each other.
const PRISMA_ADVISORY_LOCK_KEY = 72707369;
// Another process may hold the SQLite write lock for a whole migration; wait for it rather than fail.
const SQLITE_BUSY_TIMEOUT_MS = 120_000;

// The exact DDL of Prisma 6.19's schema engine (copied from schema_engine_bg.wasm), so that tables created by either
// tool are identical, down to SQLite's stored CREATE text.
const PRISMA_MIGRATIONS_DDL: Record<MigrationProvider, string> = {
  sqlite: `CREATE TABLE "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
);`,
  postgresql: `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`,
};

const SELECT_ROWS = `SELECT id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count
FROM _prisma_migrations ORDER BY started_at ASC`;

interface MigrationRow {
  id: string;
  checksum: string;
  migrationName: string;
  logs: string | null;
  /** As the driver returns it (ISO text on SQLite, Date on PostgreSQL); only null-ness and display matter. */
  finishedAt: unknown;
  rolledBackAt: unknown;
  startedAt: unknown;
}

interface NewRow {
  id: string;
  checksum: string;
  migrationName: string;
  startedAt: Date;
  finishedAt: Date | null;
  rolledBackAt: Date | null;
  logs: string | null;
  appliedStepsCount: number;
}

/** What each database must offer the provider-neutral loop in {@link applyMigrations}. */
interface MigrationStore {
  readonly provider: MigrationProvider;
  /** Held for the whole run (PostgreSQL advisory lock); SQLite instead locks per step in begin(). */
  lockRun(): Promise<void>;
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  readonly inTransaction: boolean;
  ensureTable(): Promise<void>;
  rows(): Promise<MigrationRow[]>;
  run(script: string): Promise<void>;
  /** After the last migration: refresh the planner's statistics (SQLite; PostgreSQL's autovacuum does it). */
  refreshStatistics(): Promise<void>;
  /** Last checks before commit (SQLite: foreign keys, which are off while a migration runs). */
  verify(): Promise<void>;
  insert(row: NewRow): Promise<void>;
  markFinished(id: string, finishedAt: Date): Promise<void>;
  markFailed(id: string, logs: string): Promise<void>;
  close(): Promise<void>;
}

/** Tells which database a DATABASE_URL names, or throws for anything else. */
export function migrationProviderOf(databaseUrl: string): MigrationProvider {
  if (databaseUrl.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return 'postgresql';
  throw new Error(`unsupported DATABASE_URL "${redact(databaseUrl)}": expected file:... (SQLite) or postgres(ql)://... (PostgreSQL)`);
}

/** Finds <repo>/prisma/migrations/<provider> by walking up from this file, so it works from src/ and from dist/src/. */
export function defaultMigrationsDir(provider: MigrationProvider): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'prisma', 'migrations', provider);
    if (existsSync(path.join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`cannot find prisma/migrations/${provider} above ${fileURLToPath(import.meta.url)}; pass options.migrationsDir`);
    }
    dir = parent;
  }
}

/** Reads every migration folder of `dir` in name order (Prisma's order) with its checksum. */
export function readMigrations(dir: string, provider?: MigrationProvider): MigrationFile[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`migrations folder ${dir} does not exist`);
  const lock = path.join(dir, 'migration_lock.toml');
  if (provider !== undefined && existsSync(lock)) {
    const locked = /provider\s*=\s*"([^"]+)"/.exec(readFileSync(lock, 'utf8'))?.[1];
    if (locked !== undefined && locked !== provider) {
      throw new Error(`${dir} holds ${locked} migrations, but the database is ${provider}`);
    }
  }
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const file = path.join(dir, name, 'migration.sql');
      if (!existsSync(file)) throw new Error(`migration folder ${path.join(dir, name)} has no migration.sql`);
      const bytes = readFileSync(file);
      return { name, script: bytes.toString('utf8'), checksum: sha256(bytes) };
    });
}

/** This code's migrations for the database's provider, and a connection to its history. */
async function openMigrations(databaseUrl: string, migrationsDir: string | undefined) {
  const provider = migrationProviderOf(databaseUrl);
  const migrations = readMigrations(migrationsDir ?? defaultMigrationsDir(provider), provider);
  const store: MigrationStore = provider === 'sqlite' ? await openSqlite(databaseUrl) : await openPostgres(databaseUrl);
  return { provider, migrations, store };
}

/** Applies every pending migration in name order, each in its own transaction under a lock (so concurrent runs are safe), and returns the names it applied. */
export async function applyMigrations(
  databaseUrl: string,
  options: ApplyMigrationsOptions = {},
): Promise<{ applied: string[] }> {
  const log = options.log ?? (() => {});
  const { provider, migrations, store } = await openMigrations(databaseUrl, options.migrationsDir);
  const applied: string[] = [];
  let warnedUnknown = false;
  try {
    await store.lockRun();
    for (;;) {
      await store.begin();
      await store.ensureTable();
      const rows = await store.rows();
      if (!warnedUnknown) {
        warnedUnknown = true;
        const unknown = unknownApplied(rows, migrations);
        if (unknown.length > 0) {
          log(`warning: the database has migrations this code does not know (newer release?): ${unknown.join(', ')}`);
        }
      }
      const next = nextMigration(rows, migrations);
      if (next === undefined) {
        await store.commit();
        break;
      }
      if (managesOwnTransaction(next.script)) {
        if (provider === 'sqlite') {
          throw new MigrationHistoryError(`${next.name}: SQLite migrations must not contain BEGIN/COMMIT; ` +
            'the runner already wraps each one in a transaction (BEGIN IMMEDIATE), which is also its lock.');
        }
        await store.commit();
        await applyUnwrapped(store, next, log);
      } else {
        await applyWrapped(store, next, log);
      }
      applied.push(next.name);
    }
    await store.refreshStatistics();
  } finally {
    try {
      if (store.inTransaction) await store.rollback();
    } finally {
      await store.close();
    }
  }
  log(applied.length === 0 ? 'database is up to date' : `applied ${applied.length} migration(s)`);
  return { applied };
}

/**
 * The first migration this code would apply, or null when the database is up to date; it reads and never writes, for
 * an instance started with MIGRATE_ON_START=false, which must not run against a schema it does not know.
 */
export async function firstPendingMigration(databaseUrl: string, options: { migrationsDir?: string } = {}): Promise<string | null> {
  const { migrations, store } = await openMigrations(databaseUrl, options.migrationsDir);
  try {
    // No history table: a database never migrated, every migration pending.
    const rows = await store.rows().catch(() => []);
    return nextMigration(rows, migrations)?.name ?? null;
  } finally {
    await store.close();
  }
}

async function applyWrapped(store: MigrationStore, migration: MigrationFile, log: (message: string) => void): Promise<void> {
  log(`applying ${migration.name}`);
  const startedAt = new Date();
  try {
    await store.run(migration.script);
    await store.verify();
  } catch (error) {
    const message = errorMessage(error);
    // A failed ROLLBACK means a dead connection; the original error is the one worth reporting.
    await store.rollback().catch(() => {});
    // The transaction undid the migration, so record it as rolled back: Prisma then treats it as pending, and the
    // error stays in `logs` for whoever investigates.
    try {
      await store.insert({
        id: randomUUID(), checksum: migration.checksum, migrationName: migration.name, startedAt,
        finishedAt: null, rolledBackAt: new Date(), logs: message, appliedStepsCount: 0,
      });
    } catch (recordError) {
      log(`could not record the failure of ${migration.name}: ${errorMessage(recordError)}`);
    }
    throw new Error(`migration ${migration.name} failed and was rolled back: ${message}`, { cause: error });
  }
  await store.insert({
    id: randomUUID(), checksum: migration.checksum, migrationName: migration.name, startedAt,
    finishedAt: new Date(), rolledBackAt: null, logs: null, appliedStepsCount: 1,
  });
  await store.commit();
  log(`applied ${migration.name}`);
}

/** For PostgreSQL scripts with their own BEGIN/COMMIT (Prisma writes those for some enum changes): Prisma's own protocol. */
async function applyUnwrapped(store: MigrationStore, migration: MigrationFile, log: (message: string) => void): Promise<void> {
  log(`applying ${migration.name} (manages its own transactions)`);
  const id = randomUUID();
  await store.insert({
    id, checksum: migration.checksum, migrationName: migration.name, startedAt: new Date(),
    finishedAt: null, rolledBackAt: null, logs: null, appliedStepsCount: 0,
  });
  try {
    await store.run(migration.script);
  } catch (error) {
    const message = errorMessage(error);
    // Part of the script may have been committed: leave the row unfinished so every later run stops until a human looks.
    await store.rollback().catch(() => {});
    await store.markFailed(id, message).catch(() => {});
    throw new Error(`migration ${migration.name} failed and may be partly applied: ${message}`, { cause: error });
  }
  await store.markFinished(id, new Date());
  log(`applied ${migration.name}`);
}

function nextMigration(rows: MigrationRow[], migrations: MigrationFile[]): MigrationFile | undefined {
  const live = rows.filter((row) => row.rolledBackAt === null);
  const failed = live.find((row) => row.finishedAt === null);
  if (failed) {
    throw new MigrationHistoryError(
      `migration ${failed.migrationName} started at ${show(failed.startedAt)} and never finished` +
        `${failed.logs ? ` (${failed.logs.trim()})` : ''}. The database may be partly migrated. Fix it by hand, then ` +
        `either mark it rolled back (UPDATE _prisma_migrations SET rolled_back_at = CURRENT_TIMESTAMP WHERE id = '${failed.id}') ` +
        `to retry it, or finished (SET finished_at = CURRENT_TIMESTAMP, applied_steps_count = 1) if you completed it.`,
    );
  }
  const finished = new Map(live.map((row) => [row.migrationName, row]));
  for (const migration of migrations) {
    const row = finished.get(migration.name);
    if (row && !checksumMatches(migration, row.checksum)) {
      throw new MigrationHistoryError(
        `migration ${migration.name} was changed after it was applied (recorded checksum ${row.checksum}, ` +
          `file ${migration.checksum}). Restore the original migration.sql and put the change in a new migration.`,
      );
    }
  }
  return migrations.find((migration) => !finished.has(migration.name));
}

function unknownApplied(rows: MigrationRow[], migrations: MigrationFile[]): string[] {
  const known = new Set(migrations.map((migration) => migration.name));
  return [...new Set(rows.filter((row) => row.rolledBackAt === null && !known.has(row.migrationName)).map((row) => row.migrationName))];
}

/** Like Prisma, accept a file whose line endings git converted since it was applied. */
function checksumMatches(migration: MigrationFile, recorded: string): boolean {
  if (migration.checksum === recorded) return true;
  const lf = migration.script.replace(/\r\n/g, '\n');
  return sha256(lf) === recorded || sha256(lf.replace(/\n/g, '\r\n')) === recorded;
}

/** True when the script has transaction statements of its own (a whole-statement BEGIN/COMMIT, not PL/pgSQL's BEGIN). */
function managesOwnTransaction(script: string): boolean {
  const code = script.replace(/--[^\n]*/g, '');
  return /^\s*(BEGIN|START\s+TRANSACTION|COMMIT|ROLLBACK)(\s+(WORK|TRANSACTION))?\s*;/im.test(code);
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function show(value: unknown): string {
  return value instanceof Date ? value.toISOString() : String(value);
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}

/** The driver's own message; Prisma's adapter wraps SQLite errors and keeps the original in `cause.originalMessage`. */
function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const cause: unknown = error.cause;
    if (typeof cause === 'object' && cause !== null && 'originalMessage' in cause && typeof cause.originalMessage === 'string') {
      return cause.originalMessage;
    }
    return error.message;
  }
  return String(error);
}

async function openSqlite(databaseUrl: string): Promise<MigrationStore> {
  const file = sqliteFilePath(databaseUrl);
  const db = await new PrismaBetterSQLite3({ url: file, timeout: SQLITE_BUSY_TIMEOUT_MS }).connect();
  const exec = (sql: string): Promise<void> => db.executeScript(sql);
  const query = async (sql: string, args: Array<string | number | Date | null> = []): Promise<Record<string, unknown>[]> => {
    const result = await db.queryRaw({
      sql,
      args,
      argTypes: args.map((arg) => ({
        scalarType: arg instanceof Date ? 'datetime' : typeof arg === 'number' ? 'int' : 'string',
        arity: 'scalar',
      })),
    });
    return result.rows.map((row) => Object.fromEntries(result.columnNames.map((name, i) => [name, row[i]])));
  };
  let inTransaction = false;
  try {
    await query(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    // The service runs in WAL mode; setting it here means the first process to touch a new file sets it for all.
    await query('PRAGMA journal_mode = WAL');
  } catch (error) {
    await db.dispose();
    throw error;
  }
  return {
    provider: 'sqlite',
    get inTransaction() {
      return inTransaction;
    },
    async lockRun() {},
    async begin() {
      // Prisma's table rebuilds turn foreign keys off, which SQLite ignores inside a transaction; turn them off
      // before it (SQLite's documented 12-step ALTER procedure) and check them in verify() instead.
      await exec('PRAGMA foreign_keys = OFF');
      // IMMEDIATE takes the write lock now: it is the migration lock, and it cannot deadlock on a later upgrade.
      await exec('BEGIN IMMEDIATE');
      inTransaction = true;
    },
    async commit() {
      await exec('COMMIT');
      inTransaction = false;
      await exec('PRAGMA foreign_keys = ON');
    },
    async rollback() {
      inTransaction = false;
      try {
        await exec('ROLLBACK');
      } catch (error) {
        // Some errors (disk full, I/O) make SQLite roll back by itself; a second ROLLBACK must not hide them.
        if (!/no transaction is active/.test(errorMessage(error))) throw error;
      }
      await exec('PRAGMA foreign_keys = ON');
    },
    async ensureTable() {
      const found = await query(`SELECT 1 AS found FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`);
      if (found.length === 0) await exec(PRISMA_MIGRATIONS_DDL.sqlite);
    },
    async rows() {
      return (await query(SELECT_ROWS)).map(toRow);
    },
    run: exec,
    async refreshStatistics() {
      for (const statement of SQLITE_REFRESH_STATISTICS) await query(statement);
    },
    async verify() {
      const broken = await query('PRAGMA foreign_key_check');
      if (broken.length > 0) {
        const sample = broken.slice(0, 5).map((row) => `${String(row.table)} rowid ${String(row.rowid)} -> ${String(row.parent)}`);
        throw new Error(`foreign key violations after the migration: ${sample.join('; ')}${broken.length > 5 ? '; ...' : ''}`);
      }
    },
    async insert(row) {
      await query(
        `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [row.id, row.checksum, row.finishedAt, row.migrationName, row.logs, row.rolledBackAt, row.startedAt, row.appliedStepsCount],
      );
    },
    async markFinished(id, finishedAt) {
      await query('UPDATE _prisma_migrations SET finished_at = ?, applied_steps_count = 1 WHERE id = ?', [finishedAt, id]);
    },
    async markFailed(id, logs) {
      await query('UPDATE _prisma_migrations SET logs = ? WHERE id = ?', [logs, id]);
    },
    close: () => db.dispose(),
  };
}

async function openPostgres(databaseUrl: string): Promise<MigrationStore> {
  const client = new pg.Client({ connectionString: databaseUrl });
  // Without a listener a dropped idle connection would crash the process instead of failing the next query.
  client.on('error', () => {});
  await client.connect();
  let inTransaction = false;
  let locked = false;
  const query = async (sql: string, args: unknown[] = []): Promise<Record<string, unknown>[]> =>
    (await client.query<Record<string, unknown>>(sql, args)).rows;
  return {
    provider: 'postgresql',
    get inTransaction() {
      return inTransaction;
    },
    async lockRun() {
      // Session-level, so it spans the per-migration transactions; other runners (and prisma migrate) queue here.
      await query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK_KEY]);
      locked = true;
    },
    async begin() {
      await query('BEGIN');
      inTransaction = true;
    },
    async commit() {
      await query('COMMIT');
      inTransaction = false;
    },
    async rollback() {
      inTransaction = false;
      await query('ROLLBACK');
    },
    async ensureTable() {
      const found = await query(
        `SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '_prisma_migrations'`,
      );
      if (found.length === 0) await query(PRISMA_MIGRATIONS_DDL.postgresql);
    },
    async rows() {
      return (await query(SELECT_ROWS)).map(toRow);
    },
    async run(script) {
      // No parameters: pg then uses the simple protocol, which accepts several statements in one string.
      await client.query(script);
    },
    async refreshStatistics() {},
    async verify() {},
    async insert(row) {
      await query(
        `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [row.id, row.checksum, row.finishedAt, row.migrationName, row.logs, row.rolledBackAt, row.startedAt, row.appliedStepsCount],
      );
    },
    async markFinished(id, finishedAt) {
      await query('UPDATE _prisma_migrations SET finished_at = $1, applied_steps_count = 1 WHERE id = $2', [finishedAt, id]);
    },
    async markFailed(id, logs) {
      await query('UPDATE _prisma_migrations SET logs = $1 WHERE id = $2', [logs, id]);
    },
    async close() {
      try {
        if (locked) await query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK_KEY]);
      } finally {
        await client.end();
      }
    },
  };
}

function toRow(row: Record<string, unknown>): MigrationRow {
  return {
    id: String(row.id),
    checksum: String(row.checksum),
    migrationName: String(row.migration_name),
    logs: typeof row.logs === 'string' ? row.logs : null,
    finishedAt: row.finished_at ?? null,
    rolledBackAt: row.rolled_back_at ?? null,
    startedAt: row.started_at,
  };
}
