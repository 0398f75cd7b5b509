// npm run bench -- --stalls: how long a cached thread read waits beside the moderators' long requests on one
// archive (BENCH_STALLS_SIZE comments, default 100k): a 500-comment bulk decision and its undo, a 30-day policy
// preview, and the queue's counts. A reader fetches a cached page every 5 ms while each runs; the figure is the
// slowest read beside it, next to the slowest read of the same reader alone.
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
import type { Clock } from '../src/shared/clock.js';
import { MemoryThreadCache } from '../src/threads/thread-cache.js';
import { insertArchive } from './bulk-comments.js';

/** Two weeks after the archive's comments were written (bench/bulk-comments.ts), so a 30-day preview replays them. */
const archiveClock: Clock = { now: () => new Date('2026-01-15T00:00:00.000Z') };

/** The slowest of the reads fetched every 5 ms while `work` runs, and how long `work` took. */
async function beside(readUrl: string, work: () => Promise<Response>): Promise<{ workMs: number; slowestReadMs: number }> {
  let done = false;
  let slowest = 0;
  const reader = (async () => {
    while (!done) {
      const started = performance.now();
      await (await fetch(readUrl)).arrayBuffer();
      slowest = Math.max(slowest, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  const started = performance.now();
  const res = await work();
  await res.arrayBuffer();
  const workMs = performance.now() - started;
  done = true;
  await reader;
  if (res.status >= 400) throw new Error(`bench request answered ${res.status}`);
  return { workMs, slowestReadMs: slowest };
}

export async function benchStalls(size: number): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'majlis-stalls-'));
  const url = `file:${join(dir, 'stalls.db')}`;
  try {
    await applyMigrations(url);
    const { db } = createDb(url);
    const threads = Math.max(10, Math.round(size / 100));
    await insertArchive(db, false, { tag: 'stalls', threads, authors: Math.max(10, Math.round(size / 20)), comments: size });
    const config = loadConfig({ DATABASE_URL: url, SECRET: 'bench-secret-bench-secret-bench-secret', LOG_LEVEL: 'warn', PORT: '0' });
    const server = createApp({ config, db, logger: createLogger('warn'), clock: archiveClock, threadCache: new MemoryThreadCache() }).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await createModerator({ db, clock: archiveClock }, { email: 'admin@bench.example', password: 'bench password long enough', role: 'admin' });
    const login = (await (await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@bench.example', password: 'bench password long enough' }) })).json()) as { token: string };
    const auth = { authorization: `Bearer ${login.token}`, 'content-type': 'application/json' };
    const read = `${base}/api/v1/threads/stalls-1/comments`;
    await (await fetch(read)).arrayBuffer();

    const alone = await beside(read, () => new Promise((resolve) => setTimeout(() => resolve(new Response('')), 500)));
    const ids = (await db.comment.findMany({ where: { status: 'pending' }, select: { id: true }, orderBy: { id: 'asc' }, take: 500 })).map((row) => row.id);
    let batchId = '';
    const bulk = await beside(read, async () => {
      const res = await fetch(`${base}/api/v1/moderation/decisions`, { method: 'POST', headers: auth, body: JSON.stringify({ ids, action: 'approve' }) });
      batchId = ((await res.clone().json()) as { batchId: string }).batchId;
      return res;
    });
    const undo = await beside(read, () => fetch(`${base}/api/v1/moderation/decisions/${batchId}/undo`, { method: 'POST', headers: auth }));
    const preview = await beside(read, () =>
      fetch(`${base}/api/v1/moderation/settings/preview`, { method: 'POST', headers: auth, body: JSON.stringify({ policy: { premoderation: 'all' }, days: 30 }) }),
    );
    const counts = await beside(read, () => fetch(`${base}/api/v1/moderation/counts`, { headers: auth }));
    server.close();
    await db.$disconnect();
    return {
      comments: size,
      slowestReadAloneMs: alone.slowestReadMs,
      bulk500Ms: bulk.workMs,
      bulkMsPerId: bulk.workMs / ids.length,
      slowestReadBesideBulkMs: bulk.slowestReadMs,
      undo500Ms: undo.workMs,
      slowestReadBesideUndoMs: undo.slowestReadMs,
      preview30DaysMs: preview.workMs,
      slowestReadBesidePreviewMs: preview.slowestReadMs,
      moderationCountsMs: counts.workMs,
      slowestReadBesideCountsMs: counts.slowestReadMs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
