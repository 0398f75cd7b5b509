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
export async function refuseUpdatesOfComment(db: Db, databaseUrl: string, commentId: number): Promise<() => Promise<void>> {
  const id = Math.trunc(commentId);
  if (databaseUrl.startsWith('file:')) {
    await db.$executeRawUnsafe(`CREATE TRIGGER refuse_update_${id} BEFORE UPDATE ON "Comment" WHEN OLD.id = ${id} BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
    return async () => void (await db.$executeRawUnsafe(`DROP TRIGGER refuse_update_${id}`));
  }
  await db.$executeRawUnsafe(`CREATE FUNCTION refuse_update_${id}() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$ LANGUAGE plpgsql`);
  await db.$executeRawUnsafe(`CREATE TRIGGER refuse_update_${id} BEFORE UPDATE ON "Comment" FOR EACH ROW WHEN (OLD.id = ${id}) EXECUTE FUNCTION refuse_update_${id}()`);
  return async () => {
    await db.$executeRawUnsafe(`DROP TRIGGER refuse_update_${id} ON "Comment"`);
    await db.$executeRawUnsafe(`DROP FUNCTION refuse_update_${id}()`);
  };
}
