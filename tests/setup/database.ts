import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
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
