import type { DbClient } from './client.js';

/** Resolves when the database answers a trivial query (the readiness probe). */
export async function pingDatabase(db: DbClient): Promise<void> {
  await db.$queryRawUnsafe('SELECT 1');
}
