import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The file a SQLite `DATABASE_URL` names (`file:./data/majlis.db` relative to the working directory,
 * or `file:///abs/path.db`), with its folder created; `:memory:` stays as it is. The service and the
 * migration runner both resolve through here, so they always open the same file.
 */
export function sqliteFilePath(databaseUrl: string): string {
  const withoutQuery = databaseUrl.split('?')[0] ?? databaseUrl;
  if (withoutQuery === 'file::memory:') return ':memory:';
  const file = withoutQuery.startsWith('file://') ? fileURLToPath(withoutQuery) : path.resolve(process.cwd(), withoutQuery.slice('file:'.length));
  mkdirSync(path.dirname(file), { recursive: true });
  return file;
}

/**
 * How hard a SQLite commit waits for the disk: `NORMAL` unless the URL asks `?synchronous=full`. In WAL
 * mode NORMAL never corrupts the file and keeps every commit through a crash of Majlis itself; only a
 * power cut or kernel crash can lose the last commits before the next checkpoint. FULL waits for an
 * fsync on every commit, which on this project's machines cost more than a post's own work
 * (docs/decisions/0020-prepared-hot-path.md).
 */
function sqliteSynchronous(databaseUrl: string): 'NORMAL' | 'FULL' {
  const query = new URLSearchParams(databaseUrl.split('?')[1] ?? '');
  return query.get('synchronous')?.toLowerCase() === 'full' ? 'FULL' : 'NORMAL';
}

/**
 * What the connection that writes runs first (the service's, and the bench's raw-driver floor, so that floor is fair):
 * - `secure_delete`: an erased comment's text and address, and every earlier version of them, leave no bytes
 *   behind in the file's free space;
 * - `temp_store = MEMORY`: the journals that let SQLite undo one statement (an insert whose triggers write the search
 *   index and counters) or one unit of a shared commit (its savepoint) are kept in memory, not in temporary files:
 *   a comment's insert took 278 µs with them on disk and 111 µs in memory (docs/decisions/0022). They hold the pages one
 *   statement or unit changed; Majlis's hot queries read by index and sort nothing large;
 * - `synchronous` as the URL says (sqliteSynchronous).
 */
export function sqliteWriterPragmas(databaseUrl: string): string[] {
  return ['secure_delete = ON', 'temp_store = MEMORY', `synchronous = ${sqliteSynchronous(databaseUrl)}`];
}
