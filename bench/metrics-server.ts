// Bench target for the metrics overhead: the same app twice in one process on one SQLite file, with and without metrics.
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { createDb } from '../src/db/client.js';
import { applyMigrations } from '../src/db/migrate.js';
import { createLogger } from '../src/logging/logger.js';
import { createMetrics } from '../src/metrics/metrics.js';
import { queueCounts } from '../src/moderation/moderation.service.js';
import { seedBenchThread } from './seed.js';

async function main(): Promise<void> {
  const databaseUrl = `file:${join(mkdtempSync(join(tmpdir(), 'majlis-bench-metrics-')), 'bench.db')}`;
  await applyMigrations(databaseUrl);
  const config = loadConfig({ DATABASE_URL: databaseUrl, SECRET: 'bench-secret-bench-secret-bench-secret', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn' });
  const { db } = createDb(databaseUrl);
  await seedBenchThread(db);
  const logger = createLogger(config.LOG_LEVEL);
  const listen = async (metrics: boolean) => {
    const server = createApp({ config, db, logger, ...(metrics ? { metrics: createMetrics(() => queueCounts({ db })) } : {}) }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    return (server.address() as AddressInfo).port;
  };
  process.send?.({ without: await listen(false), with: await listen(true) });
}

process.on('SIGTERM', () => process.exit(0));
main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
