// npm run bench -- --scale: the same requests on archives of 10k, 100k and 1M comments (built by direct
// inserts, never analysed: the worst case for the planner), one at a time, median of several tries each.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { createDb } from '../src/db/client.js';
import { applyMigrations } from '../src/db/migrate.js';
import { createLogger } from '../src/logging/logger.js';
import { createModerator } from '../src/moderators/auth.service.js';
import { writeSetting } from '../src/settings/settings.repository.js';
import { systemClock } from '../src/shared/clock.js';
import { MemoryThreadCache } from '../src/threads/thread-cache.js';
import { insertArchive } from './bulk-comments.js';

const TRIES = 9;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Milliseconds of one request, median of TRIES (each after `prepare`, which is not timed). */
async function timed(request: () => Promise<Response>, prepare: () => Promise<void> = async () => {}): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < TRIES; i += 1) {
    await prepare();
    const started = performance.now();
    const res = await request();
    await res.arrayBuffer();
    times.push(performance.now() - started);
    if (res.status >= 400) throw new Error(`bench request answered ${res.status}`);
  }
  return median(times);
}

/** The latencies of the list on one archive of `size` comments. */
async function measure(size: number): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'majlis-scale-'));
  const url = `file:${join(dir, 'scale.db')}`;
  try {
    await applyMigrations(url);
    const { db } = createDb(url);
    const threads = Math.max(10, Math.round(size / 100));
    const building = performance.now();
    await insertArchive(db, false, { tag: 'scale', threads, authors: Math.max(10, Math.round(size / 20)), comments: size });
    const buildSeconds = (performance.now() - building) / 1000;
    const now = systemClock.now();
    await writeSetting(db, 'moderation.policy', { premoderation: 'none', floodIntervalSeconds: 0 }, null, now);
    const config = loadConfig({ DATABASE_URL: url, SECRET: 'bench-secret-bench-secret-bench-secret', RATE_LIMIT_POSTS: '100000000', LOG_LEVEL: 'warn', PORT: '0' });
    const threadCache = new MemoryThreadCache();
    const server = createApp({ config, db, logger: createLogger('warn'), threadCache }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await createModerator({ db, clock: systemClock }, { email: 'admin@bench.example', password: 'bench password long enough', role: 'admin' });
    const login = (await (await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@bench.example', password: 'bench password long enough' }) })).json()) as { token: string };
    const auth = { authorization: `Bearer ${login.token}`, 'content-type': 'application/json' };
    const middle = Math.round(size / 2);
    const keys = Array.from({ length: 100 }, (_, i) => `scale-${(i * 7919) % threads + 1}`).join(',');
    let post = 0;
    const figures = {
      buildSeconds,
      uncachedThreadReadMs: await timed(() => fetch(`${base}/api/v1/threads/scale-${Math.ceil(threads / 2)}/comments`), () => threadCache.invalidateAll()),
      uncachedCounts100Ms: await timed(() => fetch(`${base}/api/v1/counts?threads=${keys}`), () => threadCache.invalidateAll()),
      postMs: await timed(() => {
        post += 1;
        return fetch(`${base}/api/v1/threads/scale-${Math.ceil(threads / 3)}/comments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ body: `A new view number ${post} on the article at scale.`, authorName: 'Scale reader', authorEmail: `scale-post-${post}@example.org` }),
        });
      }),
      queueFirstPageMs: await timed(() => fetch(`${base}/api/v1/moderation/comments?status=pending&limit=50`, { headers: auth })),
      queueDeepPageMs: await timed(() => fetch(`${base}/api/v1/moderation/comments?status=pending&limit=50&cursor=${middle}`, { headers: auth })),
      queueSearchMs: await timed(() => fetch(`${base}/api/v1/moderation/comments?status=pending&limit=50&q=${encodeURIComponent('view number 4242')}`, { headers: auth })),
      policyPreview30DaysMs: await timed(() => fetch(`${base}/api/v1/moderation/settings/preview`, { method: 'POST', headers: auth, body: JSON.stringify({ policy: { premoderation: 'first-time' }, days: 30 }) })),
      rssMb: process.memoryUsage().rss / 1e6,
    };
    server.close();
    await db.$disconnect();
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every size's figures, and the largest size's read and post latency over the smallest's. */
export async function benchScale(sizes: readonly number[], print: (title: string, figures: Record<string, number>) => void): Promise<void> {
  const all: Array<Record<string, number>> = [];
  for (const size of sizes) {
    const figures = await measure(size);
    all.push(figures);
    print(`SQLite archive of ${size.toLocaleString('en')} comments (never analysed), median of ${TRIES}`, figures);
  }
  const [first, last] = [all[0], all.at(-1)];
  if (first && last && all.length > 1) {
    print('Largest over smallest (goal: within 1.5)', {
      uncachedThreadReadRatio: (last.uncachedThreadReadMs ?? 0) / (first.uncachedThreadReadMs ?? 1),
      uncachedCounts100Ratio: (last.uncachedCounts100Ms ?? 0) / (first.uncachedCounts100Ms ?? 1),
      postRatio: (last.postMs ?? 0) / (first.postMs ?? 1),
    });
  }
}
