// Durability: SIGKILL an instance in the middle of a burst of posts; after a restart every acknowledged
// comment must be there, and nothing may be half-written (a comment without its thread, author or
// pipeline decision, or a thread/author/decision left behind by a post that never committed).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDb, type Db } from '../../src/db/client.js';
import { commentBody, createPostgresDatabase, createSqliteDatabase, postgresUnavailable, postJson, seedPolicy, startInstance, type ScratchDatabase } from './support.js';

const WORKERS = 16;
const KILL_AFTER_ACKS = 60;

async function count(db: Db, sql: string): Promise<number> {
  const rows = await db.$queryRawUnsafe<Array<{ n: number | bigint }>>(sql);
  return Number(rows[0]?.n ?? -1);
}

/** Posts from WORKERS loops until the instance dies; returns the ids acknowledged with 201 and how many were in flight at the kill. */
async function burstUntilKilled(url: string, kill: () => void): Promise<{ acked: number[]; inFlightAtKill: number; other: number[] }> {
  const acked: number[] = [];
  const other: number[] = [];
  let inFlight = 0;
  let inFlightAtKill = -1;
  let next = 0;
  let dead = false;
  const worker = async () => {
    while (!dead) {
      const n = next++;
      inFlight += 1;
      try {
        const { status, json } = await postJson(`${url}/api/v1/threads/crash-${n}/comments`, commentBody(n));
        if (status === 201) acked.push((json.comment as { id: number }).id);
        else other.push(status);
      } catch {
        dead = true;
      } finally {
        inFlight -= 1;
      }
      if (!dead && acked.length >= KILL_AFTER_ACKS && inFlightAtKill < 0) {
        inFlightAtKill = inFlight;
        kill();
      }
    }
  };
  await Promise.all(Array.from({ length: WORKERS }, worker));
  return { acked, inFlightAtKill, other };
}

async function crashAndCheck(database: ScratchDatabase): Promise<string> {
  const { db } = createDb(database.url);
  try {
    await seedPolicy(db, { premoderation: 'none', floodIntervalSeconds: 0 });
    const env = { DATABASE_URL: database.url, RATE_LIMIT_POSTS: '1000000' };
    const first = await startInstance(env);
    const { acked, inFlightAtKill, other } = await burstUntilKilled(first.url, () => first.child.kill('SIGKILL'));
    assert.equal(await first.exited, 'SIGKILL');
    assert.deepEqual(other, [], 'no post failed before the kill');
    assert.ok(acked.length >= KILL_AFTER_ACKS);
    assert.ok(inFlightAtKill > 0, 'posts were in flight when the process died');

    const second = await startInstance(env);
    try {
      assert.equal((await fetch(`${second.url}/readyz`)).status, 200);
      const stored = new Set((await db.comment.findMany({ select: { id: true } })).map((row) => row.id));
      assert.deepEqual(acked.filter((id) => !stored.has(id)), [], 'every 201 is in the database');
      // Posts committed just before the kill may have lost their response, but never more than were in flight.
      assert.ok(stored.size - acked.length <= WORKERS, `${stored.size} rows for ${acked.length} acknowledgements`);

      const broken = {
        commentsWithoutThread: await count(db, `SELECT COUNT(*) AS n FROM "Comment" c LEFT JOIN "Thread" t ON t.id = c."threadId" WHERE t.id IS NULL`),
        commentsWithoutAuthor: await count(db, `SELECT COUNT(*) AS n FROM "Comment" c LEFT JOIN "Author" a ON a."emailKey" = c."authorKey" WHERE a."emailKey" IS NULL`),
        commentsWithoutDecision: await count(db, `SELECT COUNT(*) AS n FROM "Comment" c WHERE NOT EXISTS (SELECT 1 FROM "Decision" d WHERE d."commentId" = c.id AND d.actor = 'pipeline')`),
        decisionsWithoutComment: await count(db, `SELECT COUNT(*) AS n FROM "Decision" d LEFT JOIN "Comment" c ON c.id = d."commentId" WHERE c.id IS NULL`),
        // Every post used a thread and an author of its own, created in the same transaction as its comment.
        threadsWithoutComment: await count(db, `SELECT COUNT(*) AS n FROM "Thread" t WHERE NOT EXISTS (SELECT 1 FROM "Comment" c WHERE c."threadId" = t.id)`),
        authorsWithoutComment: await count(db, `SELECT COUNT(*) AS n FROM "Author" a WHERE NOT EXISTS (SELECT 1 FROM "Comment" c WHERE c."authorKey" = a."emailKey")`),
      };
      assert.deepEqual(broken, {
        commentsWithoutThread: 0,
        commentsWithoutAuthor: 0,
        commentsWithoutDecision: 0,
        decisionsWithoutComment: 0,
        threadsWithoutComment: 0,
        authorsWithoutComment: 0,
      });
      assert.equal(await count(db, `SELECT COUNT(*) AS n FROM "Decision" WHERE actor = 'pipeline'`), stored.size);

      // The restarted instance serves what was acknowledged and takes new posts.
      const last = await db.comment.findUniqueOrThrow({ where: { id: acked.at(-1) ?? 0 }, include: { thread: true } });
      const page = (await (await fetch(`${second.url}/api/v1/threads/${last.thread.key}/comments`)).json()) as { comments: Array<{ id: number }> };
      assert.deepEqual(page.comments.map((comment) => comment.id), [last.id]);
      assert.equal((await postJson(`${second.url}/api/v1/threads/after-crash/comments`, commentBody(1_000_000))).status, 201);
      return `${acked.length} posts acknowledged, ${inFlightAtKill} in flight at SIGKILL, ${stored.size} comments stored, none half-written`;
    } finally {
      assert.equal(await second.stop(), 0);
    }
  } finally {
    await db.$disconnect();
  }
}

describe('crash during a burst of posts', () => {
  it('SQLite (WAL): after SIGKILL and restart, every 201 is stored and nothing is half-written', async (t) => {
    const database = await createSqliteDatabase();
    try {
      t.diagnostic(await crashAndCheck(database));
    } finally {
      await database.drop();
    }
  });

  it('PostgreSQL: after SIGKILL and restart, every 201 is stored and nothing is half-written', async (t) => {
    const unavailable = await postgresUnavailable();
    if (unavailable) return t.skip(unavailable);
    const database = await createPostgresDatabase();
    try {
      t.diagnostic(await crashAndCheck(database));
    } finally {
      await database.drop();
    }
  });
});
