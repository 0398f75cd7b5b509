// npm run bench -- --stalls: how long a cached thread read waits beside the moderators' long requests on one
// archive (BENCH_STALLS_SIZE comments, default 100k): a 500-comment bulk decision and its undo, a 30-day policy
// preview, the queue's counts, and a burst of readers' posts that arrive together (on SQLite they share a commit,
// docs/decisions/0022, and the group lets the event loop turn every few milliseconds). A reader fetches a cached page
// every 5 ms while each runs; the figure is the slowest read beside it, next to the slowest read of the same
// reader alone.
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
    const post = (thread: string) => () => fetch(`${base}/api/v1/threads/${thread}/comments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: benchPostBody() });
    // A first burst on another thread compiles and prepares what posting needs, as a server that has taken posts before has.
    await Promise.all(Array.from({ length: BURST_POSTS }, post('stalls-3')));
    const burst = await beside(read, async () => {
      const answers = await Promise.all(Array.from({ length: BURST_POSTS }, post('stalls-2')));
      const refused = answers.find((res) => res.status !== 201);
      return refused ?? new Response('');
    });
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
