import type { RequestListener } from 'node:http';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import supertest from 'supertest';
import { createApp, type AppDeps } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config/config.js';
import { createDb, type Db } from '../../src/db/client.js';
import type { Clock } from '../../src/shared/clock.js';
import { MemoryThreadCache } from '../../src/threads/thread-cache.js';
import { createTestDatabase } from './database.js';
import { ResponseRecorder } from './response-recorder.js';

/** A clock tests move by hand. */
export class TestClock implements Clock {
  constructor(private current = new Date('2026-11-26T10:00:00.000Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(seconds: number): void {
    this.current = new Date(this.current.getTime() + seconds * 1000);
  }
  setTo(date: Date): void {
    this.current = new Date(date);
  }
}

/** Everything a test needs: the app over real HTTP, its database, and its clock. */
export interface TestContext {
  request: supertest.Agent;
  /** The app, every response of which is checked against the OpenAPI document. */
  app: RequestListener;
  db: Db;
  config: Config;
  clock: TestClock;
  threadCache: MemoryThreadCache;
  /** Error-level log lines written so far; `close` fails the test if any were unexpected. */
  errorLogs: string[];
  /** Responses that departed from the OpenAPI document so far; `close` fails the test if there are any. */
  contract: ResponseRecorder;
  /** The same app built again with more dependencies (e.g. main.ts's setup token), checked against the document too. */
  appWith(deps: Partial<AppDeps>): RequestListener;
  close(options?: { allowErrorLogs?: boolean }): Promise<void>;
}

/** Builds the app on a fresh migrated database with a fixed clock and a silent-but-watchful logger; `deps` adds app dependencies. */
export async function createTestContext(env: Record<string, string> = {}, deps: Partial<AppDeps> = {}): Promise<TestContext> {
  const database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    SECRET: 'test-secret-that-is-long-enough-for-majlis',
    RATE_LIMIT_POSTS: '1000',
    ...env,
  });
  const errorLogs: string[] = [];
  const logger = pino(
    { level: 'error' },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        errorLogs.push(chunk.toString());
        done();
      },
    }),
  );
  const { db } = createDb(database.url);
  const clock = new TestClock();
  const threadCache = new MemoryThreadCache();
  const contract = new ResponseRecorder();
  const appWith = (more: Partial<AppDeps>) => contract.wrap(createApp({ config, db, logger, clock, threadCache, loginDelay: async () => {}, ...deps, ...more }));
  const app = appWith({});
  return {
    app,
    appWith,
    request: supertest.agent(app),
    db,
    config,
    clock,
    threadCache,
    errorLogs,
    contract,
    async close(options = {}) {
      await db.$disconnect();
      await database.drop();
      if (!options.allowErrorLogs && errorLogs.length > 0) {
        throw new Error(`unexpected error logs:\n${errorLogs.join('\n')}`);
      }
      contract.assertNoDrift();
    },
  };
}
