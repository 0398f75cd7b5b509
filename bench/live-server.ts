// Bench target of `npm run bench -- --live`, a child process: Majlis on a fresh SQLite file with a
// seeded thread (reactions included) and held comments to approve; it counts its database operations.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { createDb, type Db } from '../src/db/client.js';
import { applyMigrations } from '../src/db/migrate.js';
import { createLogger } from '../src/logging/logger.js';
import { createModerator } from '../src/moderators/auth.service.js';
import { systemClock } from '../src/shared/clock.js';
import { BENCH_THREAD, seedBenchThread } from './seed.js';

/** Messages the bench sends and what this process answers. */
export type LiveServerReply = { kind: 'ready'; port: number; pendingIds: number[] } | { kind: 'stats'; queries: number; rssBytes: number; cpuMicros: number };

async function main(): Promise<void> {
  const databaseUrl = `file:${join(mkdtempSync(join(tmpdir(), 'majlis-bench-live-')), 'bench.db')}`;
  await applyMigrations(databaseUrl);
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    SECRET: 'bench-secret-bench-secret-bench-secret',
    RATE_LIMIT_POSTS: '100000000',
    LIVE_MAX_CLIENTS: '1000000',
    // Every simulated reader connects from this machine's one address.
    LIVE_MAX_CLIENTS_PER_ADDRESS: '1000000',
    LOG_LEVEL: 'warn',
    PORT: '0',
  });
  const { db: plain } = createDb(databaseUrl);
  let queries = 0;
  // Every Prisma operation, in or out of a transaction, counts once: what "database queries" means below.
  const db = plain.$extends({
    query: {
      async $allOperations({ args, query }) {
        queries += 1;
        return query(args);
      },
    },
  }) as unknown as Db;
  await seedBenchThread(plain);
  const thread = await plain.thread.findUniqueOrThrow({ where: { key: BENCH_THREAD } });
  const now = systemClock.now();
  // Held comments the bench approves one by one.
  const pendingIds: number[] = [];
  for (let i = 0; i < 200; i += 1) {
    const row = await plain.comment.create({
      data: { threadId: thread.id, body: `Held comment ${i} for the live bench.`, authorName: `Held ${i}`, authorEmail: 'bench@example.org', authorKey: 'bench@example.org', status: 'pending', reasons: [], bodyHash: `p${i}`, editTokenHash: `pt${i}`, createdAt: now, updatedAt: now },
    });
    pendingIds.push(row.id);
  }
  await createModerator({ db: plain, clock: systemClock }, { email: 'bench-mod@example.org', password: 'bench moderator password', role: 'moderator' });
  const app = createApp({ config, db, logger: createLogger(config.LOG_LEVEL) });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  process.on('message', () => {
    const cpu = process.cpuUsage();
    process.send?.({ kind: 'stats', queries, rssBytes: process.memoryUsage().rss, cpuMicros: cpu.user + cpu.system } satisfies LiveServerReply);
  });
  process.send?.({ kind: 'ready', port: (server.address() as AddressInfo).port, pendingIds } satisfies LiveServerReply);
}

process.on('SIGTERM', () => process.exit(0));

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
