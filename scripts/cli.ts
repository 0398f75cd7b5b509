// What every command-line tool shares: the database it works on, and how it fails. A mistake (an unknown option, a
// missing file, a bad setting, a database that is not there) is one plain line and an exit code, not a stack trace.
import { existsSync } from 'node:fs';
import type { Config } from '../src/config/config.js';
import { ConfigError } from '../src/config/config.js';
import { createDb, type Db } from '../src/db/client.js';
import { applyMigrations, migrationProviderOf } from '../src/db/migrate.js';
import { sqliteFilePath } from '../src/db/sqlite-path.js';
import { translate } from '../src/i18n/i18n.js';
import { AppError } from '../src/shared/errors.js';

/** A failure the tool explains in its own words. */
class CliError extends Error {}

/**
 * The database of DATABASE_URL with its migrations applied. A SQLite file that does not exist is refused where the
 * command only makes sense on an existing one (an export, a status); elsewhere it is created, and the tool says so,
 * since a mistyped path would otherwise go unnoticed.
 */
export async function openDatabase(config: Pick<Config, 'DATABASE_URL'>, { mustExist }: { mustExist: boolean }): Promise<Db> {
  const url = config.DATABASE_URL;
  if (migrationProviderOf(url) === 'sqlite') {
    const file = sqliteFilePath(url);
    if (file !== ':memory:' && !existsSync(file)) {
      if (mustExist) throw new CliError(`there is no database at ${file}: check DATABASE_URL (npm start and npm run migrate create it)`);
      console.error(`note: there was no database at ${file}; created a new one (check DATABASE_URL if you meant another)`);
    }
  }
  await applyMigrations(url);
  return createDb(url).db;
}

/** The one line a failure is told in, and the exit code: 2 for a mistake in how the tool was called, 1 otherwise. */
function failure(name: string, usage: string, error: unknown): { message: string; code: number } {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) return { message: `${(error as Error).message}\n${usage}`, code: 2 };
  if (error instanceof ConfigError) return { message: error.message, code: 2 };
  if (error instanceof AppError) return { message: `${name} failed: ${translate('en', error.messageKey, error.options.params)}`, code: 1 };
  // A file that cannot be read or written (ENOENT, EISDIR, EACCES…): the system's message names it.
  if (error instanceof CliError || (error instanceof Error && typeof code === 'string' && code.startsWith('E'))) return { message: `${name} failed: ${error.message}`, code: 1 };
  // Anything else is a fault of the tool: its stack helps whoever reports it.
  return { message: `${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, code: 1 };
}

/** Runs a tool's main function and exits with its code, or with the failure told plainly; `--help` (or `-h`) prints the usage instead. */
export function runCli(name: string, usage: string, main: () => Promise<number>): void {
  if (process.argv.slice(2).some((arg) => arg === '--help' || arg === '-h')) {
    console.log(usage);
    process.exit(0);
  }
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      const { message, code } = failure(name, usage, error);
      console.error(message);
      process.exit(code);
    },
  );
}
