// npm run bench -- --early-answer-cost: the JavaScript one cached counts answer costs, with no socket and no load
// generator in the measurement, against a bare node:http handler writing bytes of the same length. Over real
// sockets (`npm run bench`) the same work shows through noise of ±30 % on these machines; this figure does not.
import { mkdtempSync, rmSync } from 'node:fs';
import { IncomingMessage, ServerResponse, type RequestListener } from 'node:http';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { createDb } from '../src/db/client.js';
import { applyMigrations } from '../src/db/migrate.js';
import { createLogger } from '../src/logging/logger.js';
import { createMetrics } from '../src/metrics/metrics.js';
import { queueCounts } from '../src/moderation/moderation.service.js';
import { BENCH_THREAD, seedBenchThread } from './seed.js';

/** A connected-looking socket that accepts every write and sends nothing anywhere. */
class NullSocket extends Socket {
  override _write(_chunk: unknown, _encoding: unknown, done: () => void): void {
    done();
  }
  override _writev(_chunks: unknown, done: () => void): void {
    done();
  }
}

/** One GET through a listener, as node's server hands it over; resolves with the body's length once the response finished. */
function oneRequest(listener: RequestListener, socket: Socket, path: string): Promise<number> {
  return new Promise((resolve) => {
    const req = new IncomingMessage(socket);
    req.method = 'GET';
    // A new string each time, as node's parser makes one per request (a string asked again has its hash cached).
    req.url = Buffer.from(path, 'latin1').toString('latin1');
    req.headers = { host: '127.0.0.1', 'user-agent': 'bench' };
    req.complete = true;
    const res = new ServerResponse(req);
    res.shouldKeepAlive = true;
    res.assignSocket(socket);
    let bytes = 0;
    const end = res.end.bind(res);
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      if (chunk instanceof Uint8Array) bytes = chunk.length;
      return end(chunk as never, ...(rest as [never]));
    }) as typeof res.end;
    res.once('finish', () => {
      res.detachSocket(socket);
      resolve(bytes);
    });
    listener(req, res);
  });
}

/** µs per request, best of `rounds` runs of `count` requests one after another. */
async function microsecondsPerRequest(listener: RequestListener, socket: Socket, path: string, count: number, rounds: number): Promise<number> {
  let best = Infinity;
  for (let round = 0; round < rounds; round += 1) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < count; i += 1) await oneRequest(listener, socket, path);
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e3 / count);
  }
  return best;
}

export async function benchEarlyAnswerCost(count = 50_000, rounds = 5): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'majlis-bench-early-'));
  const databaseUrl = `file:${join(dir, 'bench.db')}`;
  await applyMigrations(databaseUrl);
  const config = loadConfig({ DATABASE_URL: databaseUrl, SECRET: 'bench-secret-bench-secret-bench-secret', LOG_LEVEL: 'warn', PORT: '0' });
  const { db } = createDb(databaseUrl);
  try {
    // As bench/server.ts wires it, metrics included, and the same 100-thread counts query.
    const app = createApp({ config, db, logger: createLogger(config.LOG_LEVEL), metrics: createMetrics(() => queueCounts({ db })) });
    await seedBenchThread(db);
    const countsPath = `/api/v1/counts?threads=${[BENCH_THREAD, ...Array.from({ length: 99 }, (_, i) => `bench-listed-${i}`)].join(',')}`;
    const socket = new NullSocket();
    // The first asks the database and fills the cache; every later one is a cached answer.
    const bytes = await oneRequest(app, socket, countsPath);
    const body = Buffer.alloc(bytes, 'x');
    const bare: RequestListener = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', ETag: '"0123456789abcdef"', 'Cache-Control': 'public, max-age=10', 'Content-Length': body.length });
      res.end(body);
    };
    await microsecondsPerRequest(bare, socket, countsPath, count, 1);
    const majlis = await microsecondsPerRequest(app, socket, countsPath, count, rounds);
    const floor = await microsecondsPerRequest(bare, socket, countsPath, count, rounds);
    return { countsBodyBytes: bytes, majlisCachedCountsMicroseconds: majlis, bareNodeHttpMicroseconds: floor, costRatioToBareNodeHttp: majlis / floor };
  } finally {
    await db.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}
