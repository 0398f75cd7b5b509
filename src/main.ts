import type { Server } from 'node:http';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config/config.js';
import { createDb } from './db/client.js';
import { applyMigrations } from './db/migrate.js';
import { createLogger } from './logging/logger.js';
import { ensureFirstAdmin } from './moderators/auth.service.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  if (config.usingDevelopmentSecret) logger.warn('SECRET is not set: using the development secret. Set SECRET in production.');
  if (config.MIGRATE_ON_START) {
    const { applied } = await applyMigrations(config.DATABASE_URL, { log: (message) => logger.info(message) });
    logger.info({ applied }, applied.length > 0 ? 'migrations applied' : 'database schema up to date');
  }
  const { db, provider } = createDb(config.DATABASE_URL);
  const admin = await ensureFirstAdmin({ db }, config.ADMIN_EMAIL, config.ADMIN_PASSWORD);
  if (admin) logger.info({ moderatorId: admin.id }, 'created the first admin from ADMIN_EMAIL');
  const app = createApp({ config, db, logger });
  const server: Server = app.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    logger.info({ provider, port }, `Majlis is listening on http://localhost:${port} (demo: http://localhost:${port}/demo)`);
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => process.exit(1), config.SHUTDOWN_GRACE_SECONDS * 1000);
    force.unref();
    server.close(() => {
      void db.$disconnect().finally(() => {
        logger.info('stopped');
        process.exit(0);
      });
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Majlis failed to start:', error);
  }
  process.exit(1);
});
