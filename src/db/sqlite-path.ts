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
