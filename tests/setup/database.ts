import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Db } from '../../src/db/client.js';
import { applyMigrations } from '../../src/db/migrate.js';

/** A migrated database of its own for one test file, and how to throw it away. */
export interface TestDatabase {
  url: string;
  provider: 'sqlite' | 'postgresql';
  drop(): Promise<void>;
}

function serverUrl(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * A fresh migrated database: a temporary SQLite file, or, when TEST_DATABASE_URL names a
 * PostgreSQL server, a new database on it that is dropped afterwards. Never touches others' data.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = process.env.TEST_DATABASE_URL;
  if (server) {
    const name = `majlis_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl(server, 'postgres') });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = serverUrl(server, name);
    await applyMigrations(url);
    return {
      url,
      provider: 'postgresql',
      async drop() {
        const client = new pg.Client({ connectionString: serverUrl(server, 'postgres') });
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await client.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'majlis-test-'));
  const url = `file:${join(dir, 'test.db')}`;
  await applyMigrations(url);
  return { url, provider: 'sqlite', drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Makes the database itself refuse any UPDATE of one comment (a trigger that raises), so a test can
 * see what a failure in the middle of a real transaction leaves behind. Returns how to lift it.
 */
export function refuseUpdatesOfComment(db: Db, databaseUrl: string, commentId: number): Promise<() => Promise<void>> {
  const id = Math.trunc(commentId);
  return refuseRows(db, databaseUrl, { name: `refuse_update_${id}`, event: 'UPDATE', table: 'Comment', when: `OLD.id = ${id}` });
}

/** Makes the database refuse to write any mail to one address: a failure the mail's own code cannot cause. */
export function refuseMailTo(db: Db, databaseUrl: string, address: string): Promise<() => Promise<void>> {
  const literal = `'${address.replaceAll("'", "''")}'`;
  return refuseRows(db, databaseUrl, { name: 'refuse_mail', event: 'INSERT', table: 'OutgoingMail', when: `NEW."to" = ${literal}` });
}

interface Refusal {
  name: string;
  event: 'INSERT' | 'UPDATE';
  table: string;
  /** The trigger's condition, on OLD or NEW. */
  when: string;
}

async function refuseRows(db: Db, databaseUrl: string, { name, event, table, when }: Refusal): Promise<() => Promise<void>> {
  if (databaseUrl.startsWith('file:')) {
    await db.$executeRawUnsafe(`CREATE TRIGGER ${name} BEFORE ${event} ON "${table}" WHEN ${when} BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
    return async () => void (await db.$executeRawUnsafe(`DROP TRIGGER ${name}`));
  }
  await db.$executeRawUnsafe(`CREATE FUNCTION ${name}() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$ LANGUAGE plpgsql`);
  await db.$executeRawUnsafe(`CREATE TRIGGER ${name} BEFORE ${event} ON "${table}" FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION ${name}()`);
  return async () => {
    await db.$executeRawUnsafe(`DROP TRIGGER ${name} ON "${table}"`);
    await db.$executeRawUnsafe(`DROP FUNCTION ${name}()`);
  };
}
