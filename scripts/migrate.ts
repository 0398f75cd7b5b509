// `npm run migrate`: applies pending migrations to DATABASE_URL (default: the embedded SQLite file) and says what it did.
// Deployments run this before starting the service; it is safe to run from several instances at once.
import { parseArgs } from 'node:util';
import { loadDatabaseUrl, loadEnvFile } from '../src/config/config.js';
import { applyMigrations } from '../src/db/migrate.js';
import { runCli } from './cli.js';

const usage = 'usage: npm run migrate   (applies the pending migrations to DATABASE_URL; takes no arguments)';

runCli('migrate', usage, async () => {
  // Anything on the command line is a mistake (an option of another tool, say): said, and nothing applied.
  if (parseArgs({ allowPositionals: true, options: {} }).positionals.length > 0) {
    console.error(usage);
    return 2;
  }
  loadEnvFile();
  const { applied } = await applyMigrations(loadDatabaseUrl(), { log: (message) => console.log(message) });
  if (applied.length > 0) console.log(`applied: ${applied.join(', ')}`);
  return 0;
});
