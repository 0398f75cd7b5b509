// `npm run migrate`: applies pending migrations to DATABASE_URL (default: the embedded SQLite file) and says what it did.
// Deployments run this before starting the service; it is safe to run from several instances at once.
import { loadDatabaseUrl, loadEnvFile } from '../src/config/config.js';
import { applyMigrations } from '../src/db/migrate.js';

try {
  loadEnvFile();
  const databaseUrl = loadDatabaseUrl();
  const { applied } = await applyMigrations(databaseUrl, { log: (message) => console.log(message) });
  if (applied.length > 0) console.log(`applied: ${applied.join(', ')}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
