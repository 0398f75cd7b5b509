// Bench target, run as a child process so the load generator does not share its event loop:
// Majlis on a fresh SQLite file with a seeded thread, and a bare Express route serving the same (plain) bytes.
import { mkdtempSync } from 'node:fs';
import { createServer, get } from 'node:http';
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
import { queueCounts } from '../src/moderation/moderation.service.js';
import { BENCH_THREAD, seedBenchThread } from './seed.js';

/** The body exactly as it goes over the wire in one coding (fetch would decode it), and its ETag. */
function wireBody(port: number, path: string, coding: string): Promise<{ body: Buffer; etag: string }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, headers: { 'accept-encoding': coding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ body: Buffer.concat(chunks), etag: String(res.headers.etag ?? '') }));
    }).on('error', reject);
  });
}

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
  const app = createApp({ config, db, logger: createLogger(config.LOG_LEVEL), metrics: createMetrics(() => queueCounts({ db })) });

  await seedBenchThread(db);

  const majlis = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => majlis.once('listening', resolve));
  const threadPath = `/api/v1/threads/${BENCH_THREAD}/comments`;
  const port = (majlis.address() as AddressInfo).port;
  const [plain, br, gzip] = await Promise.all([wireBody(port, threadPath, 'identity'), wireBody(port, threadPath, 'br'), wireBody(port, threadPath, 'gzip')]);
  const bytes = plain.body;
  const etag = plain.etag;

  // Index pages ask the counts of the threads they list; the bench asks for 100, one of them with comments.
  const countsPath = `/api/v1/counts?threads=${[BENCH_THREAD, ...Array.from({ length: 99 }, (_, i) => `bench-listed-${i}`)].join(',')}`;
  const counts = await wireBody(port, countsPath, 'identity');

  const bare = express();
  bare.get('/thread', (_req, res) => {
    res.set({ ETag: etag, 'Cache-Control': 'public, max-age=10' }).type('application/json').send(bytes);
  });
  const ceiling = bare.listen(0, '127.0.0.1');
  await new Promise((resolve) => ceiling.once('listening', resolve));

  // The floor of any Node server: node:http writing the same bytes and headers, nothing else.
  const node = createServer((req, res) => {
    const same = req.url === '/counts' ? counts : plain;
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', ETag: same.etag, 'Cache-Control': 'public, max-age=10', 'Content-Length': same.body.length });
    res.end(same.body);
  });
  node.listen(0, '127.0.0.1');
  await new Promise((resolve) => node.once('listening', resolve));
  let cpuSince = process.cpuUsage();
  process.on('message', (message) => {
    if (message === 'rss') process.send?.({ rssBytes: process.memoryUsage().rss });
    if (message === 'cpu') {
      const used = process.cpuUsage(cpuSince);
      cpuSince = process.cpuUsage();
      process.send?.({ cpuMs: (used.user + used.system) / 1000 });
    }
  });

  process.send?.({
    majlis: (majlis.address() as AddressInfo).port,
    ceiling: (ceiling.address() as AddressInfo).port,
    node: (node.address() as AddressInfo).port,
    countsPath,
    thread: BENCH_THREAD,
    bytes: bytes.length,
    brotliBytes: br.body.length,
    gzipBytes: gzip.body.length,
  });
}

process.on('SIGTERM', () => process.exit(0));

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
