// npm run bench -- --scale: the same requests on archives of 10k, 100k and 1M comments (built by direct
// inserts, never analysed: the worst case for the planner), one at a time, median of several tries each.
// The thread read holds a deleted comment's placeholder.
import type { Db } from '../src/db/client.js';
import { writeSetting } from '../src/settings/settings.repository.js';
import { systemClock } from '../src/shared/clock.js';
import { openArchiveServer } from './archive-server.js';

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
  const policy = (db: Db) => writeSetting(db, 'moderation.policy', { premoderation: 'none', floodIntervalSeconds: 0 }, null, systemClock.now());
  const { db, base, auth, threadCache, threads, buildSeconds, close } = await openArchiveServer('scale', size, systemClock, policy);
  try {
    // The read thread's first comment, which holds its replies, was deleted by its author: a page shows its
    // placeholder, as a newsroom's pages do, so the read checks what a deleted comment still holds.
    await db.$executeRawUnsafe(`UPDATE "Comment" SET "deletedAt" = "createdAt", "body" = '' WHERE "id" =
      (SELECT MIN(c."id") FROM "Comment" c JOIN "Thread" t ON t."id" = c."threadId" WHERE t."key" = 'scale-${Math.ceil(threads / 2)}')`);
    const middle = Math.round(size / 2);
    const keys = Array.from({ length: 100 }, (_, i) => `scale-${(i * 7919) % threads + 1}`).join(',');
    let post = 0;
    return {
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
  } finally {
    await close();
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
