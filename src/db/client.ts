import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as SqliteClient } from '../generated/sqlite/client.js';
import { PrismaClient as PostgresClient } from '../generated/postgresql/client.js';
import { migrationProviderOf, type MigrationProvider } from './migrate.js';

/**
 * The Prisma client type every repository is written against. Both generated clients come from
 * one model (prisma/schema.prisma), so their APIs are the same; only the provider differs.
 */
export type Db = SqliteClient;

/** A transaction client or the root client: repositories accept either. */
export type DbClient = Omit<Db, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export type Provider = MigrationProvider;

/** Resolves `file:./x.db` against the working directory and makes sure its folder exists. */
export function sqliteFilePath(databaseUrl: string): string {
  const path = resolve(databaseUrl.slice('file:'.length).split('?')[0] ?? '');
  mkdirSync(dirname(path), { recursive: true });
  return path;
}

/** Opens the database DATABASE_URL names, through the matching driver adapter. */
export function createDb(databaseUrl: string): { db: Db; provider: Provider } {
  const provider = migrationProviderOf(databaseUrl);
  if (provider === 'sqlite') {
    // busy timeout: concurrent writers wait for the WAL lock instead of failing at once.
    const adapter = new PrismaBetterSQLite3({ url: sqliteFilePath(databaseUrl), timeout: 10_000 });
    return { db: new SqliteClient({ adapter }), provider };
  }
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: 10 });
  return { db: new PostgresClient({ adapter }) as unknown as Db, provider };
}
