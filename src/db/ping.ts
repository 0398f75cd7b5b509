import { statSync } from 'node:fs';
import type { DbClient } from './client.js';
import { isSqlite } from './hot-sql.js';

/** The SQLite file each client first saw: its device and inode. */
const filesSeen = new WeakMap<object, string>();

/**
 * Fails when SQLite's file is gone from its path, or is another file now (removed, moved, or a backup copied over it):
 * the connection would go on writing to the file it opened, which no restart will see, and every comment posted
 * meanwhile would be lost.
 */
async function assertSqliteFileInPlace(db: DbClient): Promise<void> {
  const [main] = await db.$queryRawUnsafe<Array<{ file: string }>>(`SELECT "file" FROM pragma_database_list WHERE "name" = 'main'`);
  // An in-memory database has no file.
  if (!main?.file) return;
  const { dev, ino } = statSync(main.file);
  const seen = filesSeen.get(db);
  if (seen === undefined) filesSeen.set(db, `${dev}:${ino}`);
  else if (seen !== `${dev}:${ino}`) throw new Error(`the database file ${main.file} was replaced since Majlis opened it`);
}

/** Resolves when the database answers a trivial query, and on SQLite its file is still the one opened (the readiness probe). */
export async function pingDatabase(db: DbClient): Promise<void> {
  await db.$queryRawUnsafe('SELECT 1');
  if (isSqlite(db)) await assertSqliteFileInPlace(db);
}
