// npm run bench -- --stalls: how long a cached thread read waits beside the moderators' long requests on one
// archive (BENCH_STALLS_SIZE comments, default 100k): a 500-comment bulk decision and its undo, a 30-day policy
// preview, the queue's counts, and a burst of readers' posts that arrive together (sent from another thread, as from
// readers' browsers; on SQLite they share a commit, docs/decisions/0022, and the group lets the event loop turn every
// few milliseconds). A reader fetches a cached page every 5 ms while each runs; the figure is the slowest read beside
// it, next to the slowest read of the same reader alone.
import { Worker } from 'node:worker_threads';
import { writeSetting } from '../src/settings/settings.repository.js';
import type { Clock } from '../src/shared/clock.js';
import { openArchiveServer } from './archive-server.js';
import { BENCH_POLICY, benchPostBody } from './seed.js';

/** As many posts as one shared commit takes at most (src/db/unit-group.ts). */
const BURST_POSTS = 32;

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

/**
 * Bursts of posts sent from a thread of their own, as readers' browsers send them: sent from this process, the 32
 * requests took this event loop several milliseconds, which the reader beside them counted as the server's. `send`
 * posts every body to the URL at once and resolves with their statuses.
 */
async function postsFromAnotherThread(): Promise<{ send(url: string, bodies: string[]): Promise<number[]>; close(): Promise<number> }> {
  const worker = new Worker(
    `const { parentPort } = require('node:worker_threads');
    parentPort.on('message', async ({ url, bodies }) => {
      const post = (body) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(async (res) => (await res.arrayBuffer(), res.status));
      parentPort.postMessage(await Promise.all(bodies.map(post)));
    });`,
    { eval: true },
  );
  return {
    send: (url, bodies) =>
      new Promise((resolve, reject) => {
        worker.once('message', resolve).once('error', reject);
        worker.postMessage({ url, bodies });
      }),
    close: () => worker.terminate(),
  };
}

export async function benchStalls(size: number): Promise<Record<string, number>> {
  const { db, base, auth, close } = await openArchiveServer('stalls', size, archiveClock, (archive) => writeSetting(archive, 'moderation.policy', BENCH_POLICY, null, archiveClock.now()));
  try {
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
    const posts = await postsFromAnotherThread();
    const burstTo = (thread: string) => posts.send(`${base}/api/v1/threads/${thread}/comments`, Array.from({ length: BURST_POSTS }, benchPostBody));
    const burst = await (async () => {
      try {
        // A first burst on another thread compiles and prepares what posting needs (here and in the sending thread), as a
        // server that has taken posts before has.
        await burstTo('stalls-3');
        return await beside(read, async () => {
          const refused = (await burstTo('stalls-2')).find((status) => status !== 201);
          return new Response('', { status: refused ?? 201 });
        });
      } finally {
        await posts.close();
      }
    })();
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
      burst32PostsMs: burst.workMs,
      slowestReadBesidePostBurstMs: burst.slowestReadMs,
    };
  } finally {
    await close();
  }
}
