// Bench target, run as a child process so the load generator does not share its event loop:
// Majlis on a fresh SQLite file with a seeded thread, and a bare Express route serving the same bytes.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { createDb } from '../src/db/client.js';
import { applyMigrations } from '../src/db/migrate.js';
import { createLogger } from '../src/logging/logger.js';
import { createMetrics } from '../src/metrics/metrics.js';

const THREAD = 'bench-thread';

async function main(): Promise<void> {
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? `file:${join(mkdtempSync(join(tmpdir(), 'majlis-bench-')), 'bench.db')}`;
  await applyMigrations(databaseUrl);
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    SECRET: 'bench-secret-bench-secret-bench-secret',
    RATE_LIMIT_POSTS: '100000000',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    PORT: '0',
  });
  const { db } = createDb(databaseUrl);
  // As main.ts wires it, request metrics included, so the figures are those of the deployed service.
  const app = createApp({ config, db, logger: createLogger(config.LOG_LEVEL), metrics: createMetrics(db) });

  // 50 approved comments: 20 conversations of a top-level comment and replies.
  const thread = await db.thread.create({ data: { key: THREAD, title: 'Bench article', url: 'https://news.example/bench' } });
  await db.author.create({ data: { emailKey: 'bench@example.org' } });
  let topId = 0;
  for (let i = 0; i < 50; i += 1) {
    const isTop = i % 5 < 2;
    const row = await db.comment.create({
      data: {
        threadId: thread.id,
        parentId: isTop ? null : topId,
        rootId: isTop ? null : topId,
        depth: isTop ? 0 : 1,
        body: `تعليق رقم ${i} على المقال، with some English too. `.repeat(4),
        authorName: `قارئ ${i}`,
        authorEmail: 'bench@example.org',
        authorKey: 'bench@example.org',
        status: 'approved',
        reasons: [],
        bodyHash: `h${i}`,
        editTokenHash: `t${i}`,
      },
    });
    if (isTop) topId = row.id;
  }
  await db.setting.create({ data: { key: 'moderation.policy', value: { premoderation: 'none', floodIntervalSeconds: 0 } } });

  const majlis = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => majlis.once('listening', resolve));
  const sample = await fetch(`http://127.0.0.1:${(majlis.address() as AddressInfo).port}/api/v1/threads/${THREAD}/comments`);
  const bytes = Buffer.from(await sample.arrayBuffer());
  const etag = sample.headers.get('etag') ?? '';

  const bare = express();
  bare.get('/thread', (_req, res) => {
    res.set({ ETag: etag, 'Cache-Control': 'public, max-age=10' }).type('application/json').send(bytes);
  });
  const ceiling = bare.listen(0, '127.0.0.1');
  await new Promise((resolve) => ceiling.once('listening', resolve));

  process.send?.({
    majlis: (majlis.address() as AddressInfo).port,
    ceiling: (ceiling.address() as AddressInfo).port,
    thread: THREAD,
    bytes: bytes.length,
  });
}

process.on('SIGTERM', () => process.exit(0));

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
