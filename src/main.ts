import type { Server } from 'node:http';
import { createApp } from './app.js';
import { backfillSearchText } from './comments/search-backfill.js';
import { baseUrl } from './config/base-url.js';
import { ConfigError, loadConfig, loadEnvFile, riskySettings } from './config/config.js';
import { createDb } from './db/client.js';
import { applyMigrations, firstPendingMigration } from './db/migrate.js';
import { unitsSettled } from './db/unit-of-work.js';
import { trackHandlers } from './http/handlers-in-flight.js';
import { refreshPlannerStatistics, STATISTICS_REFRESH_MS } from './db/statistics.js';
import { ModelService } from './learning/model.service.js';
import { createLiveHub } from './live/live-hub.js';
import { stdoutWritten } from './logging/log-output.js';
import { createLogger } from './logging/logger.js';
import { createMetrics } from './metrics/metrics.js';
import { queueCounts } from './moderation/moderation.service.js';
import { createSharedState } from './redis/shared-state.js';
import { createDeliveryWorker } from './delivery-worker.js';
import { prepareFirstRun } from './first-run.js';
import { systemClock } from './shared/clock.js';
import { followOutsideChanges } from './threads/outside-changes.service.js';

/** How long an exit waits for its last log lines to be written. */
const LOGS_WRITTEN_WITHIN_MS = 500;

/** Why the server could not listen, as the setting to change: a port in use, an address this machine does not have. */
function cannotListen(error: NodeJS.ErrnoException, config: { PORT: number; HOST?: string | undefined }): ConfigError {
  const where = `${config.HOST ?? 'every address'}, port ${config.PORT}`;
  // A name the resolver cannot look up just now (no DNS server reachable) is as unusable as one that does not exist.
  const unresolvable = `HOST: ${config.HOST ?? ''} is not an address or a name this machine can resolve.`;
  const why: Record<string, string> = {
    EADDRINUSE: `PORT: another process is already listening on ${where}; stop it or choose another PORT.`,
    EACCES: `PORT: this user may not listen on ${where} (ports below 1024 need privileges); choose another PORT.`,
    EADDRNOTAVAIL: `HOST: this machine has no address ${config.HOST ?? ''} to listen on.`,
    ENOTFOUND: unresolvable,
    EAI_AGAIN: unresolvable,
  };
  return new ConfigError([why[error.code ?? ''] ?? `cannot listen on ${where}: ${error.message}`]);
}

/** A failure to start that is the machine's answer (a refused connection, a missing directory), not a fault in Majlis. */
const isSystemError = (error: unknown): error is NodeJS.ErrnoException =>
  error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';

/** SQLite's own refusal at start (a file it cannot open or create, a file that is no database), coded SQLITE_*. */
const isSqliteError = (error: unknown): error is Error & { code: string } => {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_');
};

async function main(): Promise<void> {
  // `.env` first, so that everything below (and only config.ts) sees one environment.
  const envFile = loadEnvFile();
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  if (envFile) logger.info({ path: envFile }, 'read settings from .env (variables set in the environment win)');
  if (config.generatedSecretFile) {
    logger.warn({ path: config.generatedSecretFile }, 'SECRET is not set: using this instance\'s own random secret, kept in the data directory. Set SECRET (the same on every instance) in production.');
  }
  for (const risk of riskySettings(config)) logger.warn(risk);
  if (config.MIGRATE_ON_START) {
    const { applied } = await applyMigrations(config.DATABASE_URL, { log: (message) => logger.info(message) });
    logger.info({ applied }, applied.length > 0 ? 'migrations applied' : 'database schema up to date');
  } else {
    const pending = await firstPendingMigration(config.DATABASE_URL);
    if (pending !== null) {
      throw new ConfigError([`MIGRATE_ON_START: is false, and the database has migrations to apply (the first: ${pending}). Run \`npm run migrate\` with this DATABASE_URL, then start again.`]);
    }
  }
  const database = createDb(config.DATABASE_URL);
  const { db, provider } = database;
  // SQLite gathers no statistics by itself; every instance refreshes the stale ones now and then (src/db/statistics.ts).
  const statistics = setInterval(() => {
    refreshPlannerStatistics(database).catch((error: unknown) => logger.warn({ err: error }, 'refreshing the planner statistics failed'));
  }, STATISTICS_REFRESH_MS);
  statistics.unref();
  const shared = await createSharedState(config, logger);
  const { threadCache, rateLimiter, readinessChecks, revokedTokens, replayLedger } = shared;
  const firstRun = await prepareFirstRun({ db, config, logger, clock: systemClock, threadCache });
  const models = new ModelService({ db, clock: systemClock, logger, config });
  const metrics = createMetrics(() => queueCounts({ db }));
  const live = createLiveHub(shared.liveBus, config, logger);
  const app = createApp({ config, db, logger, threadCache, rateLimiter, revokedTokens, readinessChecks, setupToken: firstRun.setupToken, metrics, models, replayLedger, live });
  // Delivers the mail and webhook outboxes; rows are leased, so every instance may run one.
  const worker = createDeliveryWorker({ config, db, logger, clock: systemClock, models });
  worker.start();
  // Pages an import (another process) changed are dropped within seconds on every instance.
  const outsideChanges = await followOutsideChanges({ db, threadCache, logger });
  backfillSearchText(db, logger).catch((error: unknown) => logger.error({ err: error }, 'computing search text failed; queue search misses older comments'));
  // A server that cannot listen (a port in use) emits an error nothing else hears: start-up fails with it, in one line.
  const server = await new Promise<Server>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => reject(cannotListen(error, config));
    const listening: Server = app.listen(config.PORT, config.HOST, () => {
      listening.off('error', failed);
      resolve(listening);
    });
    listening.once('error', failed);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const base = baseUrl(config, port);
  const urls = { demo: `${base}/demo`, dashboard: `${base}/admin`, apiReference: `${base}/api/docs` };
  logger.info({ provider, port, urls }, `Majlis is listening on ${base} (demo: ${urls.demo}, dashboard: ${urls.dashboard}, API reference: ${urls.apiReference})`);
  firstRun.announce(base);
  const handlers = trackHandlers(server);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => process.exit(1), config.SHUTDOWN_GRACE_SECONDS * 1000);
    force.unref();
    server.close(() => {
      // A reader who hung up mid-request leaves its handler running after its connection closed: what it reads and
      // writes, and its comment's after-commit work, need the database and Redis.
      void handlers
        .finished(config.SHUTDOWN_GRACE_SECONDS * 1000)
        .then(() => worker.stop())
        .then(() => outsideChanges.stop())
        .then(() => unitsSettled(db))
        .then(() => Promise.allSettled([db.$disconnect(), shared.close()]))
        .finally(() => {
          logger.info('stopped');
          // Its lines written first, unless their reader has stalled (src/logging/log-output.ts).
          void stdoutWritten(LOGS_WRITTEN_WITHIN_MS).then(() => process.exit(0));
        });
    });
    // Keep-alive sockets would hold close() open until they time out: responses sent while draining
    // close their connection, and connections that fall idle are closed as soon as they do.
    server.prependListener('request', (_req, res) => {
      res.shouldKeepAlive = false;
    });
    // Event streams never fall idle: end them (readers reconnect to another instance) so close() can finish.
    void live.close();
    server.closeIdleConnections();
    setInterval(() => server.closeIdleConnections(), 100).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else if (isSystemError(error)) {
    // A database that refuses connections, a data directory that cannot be made: what failed, without a stack.
    console.error(`Majlis failed to start: ${error.message}`);
  } else if (isSqliteError(error)) {
    console.error(`Majlis failed to start: DATABASE_URL: SQLite cannot use that file: ${error.message} (${error.code}).`);
  } else {
    console.error('Majlis failed to start:', error);
  }
  void stdoutWritten(LOGS_WRITTEN_WITHIN_MS).then(() => process.exit(1));
});
