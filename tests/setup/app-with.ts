import type { Express } from 'express';
import { pino } from 'pino';
import { createApp, type AppDeps } from '../../src/app.js';
import type { TestContext } from './app.js';

/**
 * The test context's app built again with more dependencies, e.g. the first-run setup token that
 * main.ts issues: same database, clock, cache and error-log watch as `ctx.app`.
 */
export function appWith(ctx: TestContext, deps: Partial<AppDeps>): Express {
  const logger = pino({ level: 'error' }, { write: (line: string) => void ctx.errorLogs.push(line) });
  return createApp({ config: ctx.config, db: ctx.db, logger, clock: ctx.clock, threadCache: ctx.threadCache, loginDelay: async () => {}, ...deps });
}
