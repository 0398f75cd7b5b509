// Shutdown waits for the units of work still running (src/main.ts): a handler whose reader hung up keeps
// running after the server has closed, and its after-commit tasks need the database and Redis.
// A unit's raw statements run prepared once inside the transaction Prisma opened, while it is the unit's
// own (docs/decisions/0020): they answer as Prisma's would, and never land in another's.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DbClient } from '../../src/db/client.js';
import { Prisma } from '../../src/db/models.js';
import { KEPT_STATEMENTS, preparedReadsOf } from '../../src/db/prepared-reads.js';
import { inTransaction, unitsSettled } from '../../src/db/unit-of-work.js';
import { findCommentRecords, insertLoggedComment, type NewComment } from '../../src/comments/comment.repository.js';
import { isSqlite } from '../../src/db/hot-sql.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());

/** A promise and the function that settles it. */
function held(): { promise: Promise<void>; release: () => void } {
  let release = () => {};
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

/** Whether a promise has settled yet, and the promise to await. */
function watched(promise: Promise<void>): { settled: () => boolean; done: Promise<void> } {
  let settled = false;
  const done = promise.then(() => {
    settled = true;
  });
  return { settled: () => settled, done };
}

describe('units of work in flight', () => {
  it('unitsSettled waits for a committed unit whose after-commit task still runs', async () => {
    const task = held();
    let taskStarted = false;
    const unit = inTransaction(ctx.db, async ({ tx, afterCommit }) => {
      await tx.thread.create({ data: { key: 'settled-after-commit', createdAt: ctx.clock.now() } });
      afterCommit(() => {
        taskStarted = true;
        return task.promise;
      });
    });
    while (!taskStarted) await sleep(5);
    const waiting = watched(unitsSettled(ctx.db));
    await sleep(50);
    assert.equal(waiting.settled(), false, 'the after-commit task is still running');
    task.release();
    await unit;
    await waiting.done;
  });

  it('unitsSettled counts a unit that rolled back as finished, and answers at once when none runs', async () => {
    const inside = held();
    const failing = inTransaction(ctx.db, async ({ tx }) => {
      await tx.thread.create({ data: { key: 'settled-rolled-back', createdAt: ctx.clock.now() } });
      await inside.promise;
      throw new Error('rolled back');
    });
    const waiting = watched(unitsSettled(ctx.db));
    await sleep(20);
    assert.equal(waiting.settled(), false, 'the transaction is still open');
    inside.release();
    await assert.rejects(failing, /rolled back/);
    await waiting.done;
    assert.equal(await ctx.db.thread.count({ where: { key: 'settled-rolled-back' } }), 0);
    await unitsSettled(ctx.db);
  });
});

const onSqlite = (process.env.TEST_DATABASE_URL ?? '') === '';

/** Counts the statements a unit runs on the prepared path (src/db/prepared-reads.ts, pg-prepared.ts) while `during` runs. */
async function countPrepared<T>(during: () => Promise<T>): Promise<{ result: T; prepared: number }> {
  const statements = preparedReadsOf(ctx.db)?.transactions;
  assert.ok(statements, 'the test database has the prepared path');
  const original = statements.run;
  let prepared = 0;
  statements.run = (query) => {
    const result = original(query);
    if (result) prepared += 1;
    return result;
  };
  try {
    return { result: await during(), prepared };
  } finally {
    statements.run = original;
  }
}

/** A comment row as a post writes it, on a thread of its own. */
async function newComment(key: string): Promise<NewComment> {
  const now = ctx.clock.now();
  const thread = await ctx.db.thread.create({ data: { key, createdAt: now } });
  await ctx.db.author.upsert({ where: { emailKey: 'unit@example.org' }, create: { emailKey: 'unit@example.org', createdAt: now }, update: {} });
  return {
    threadId: thread.id,
    body: 'نص التعليق — a body both ways',
    authorName: 'قارئ',
    authorEmail: 'unit@example.org',
    authorKey: 'unit@example.org',
    knownAuthor: true,
    status: 'approved',
    reasons: [{ rule: 'words', vote: 'pass' }],
    authorBadges: ['subscriber'],
    bodyHash: 'h',
    riskScore: 0.25,
    editTokenHash: 'x',
    createdAt: now,
    updatedAt: now,
  };
}

/** A thread row written by a raw statement (the prepared path on SQLite). */
function insertThread(tx: DbClient, key: string): Promise<number> {
  return tx.$executeRaw`INSERT INTO "Thread" ("key", "createdAt") VALUES (${key}, ${ctx.clock.now()})`;
}

/**
 * Opens the next unit and holds it open until `stray` (a statement that came too late for its own unit)
 * has settled: the stray statement must be refused, and its row be in no unit's transaction once the next commits.
 */
async function assertNeverInNextUnit(stray: Promise<unknown>, strayKey: string, nextKey: string): Promise<void> {
  const settled = stray.then(
    () => 'written',
    () => 'refused',
  );
  const next = inTransaction(ctx.db, async ({ tx }) => {
    await tx.thread.create({ data: { key: nextKey, createdAt: ctx.clock.now() } });
    await settled;
  });
  assert.equal(await settled, 'refused');
  await next;
  assert.ok(await ctx.db.thread.findUnique({ where: { key: nextKey } }));
  assert.equal(await ctx.db.thread.findUnique({ where: { key: strayKey } }), null, "the stray statement is in no unit's transaction");
}

describe('a unit the database ends to break a deadlock', () => {
  // PostgreSQL ends one of two deadlocked transactions (tests/api/decision-races.test.ts makes a real one); Prisma
  // reports it as P2034, or a raw statement's 40P01. A unit that asks for time of its own runs alone on both databases.
  const deadlock = () => Object.assign(new Error('Transaction failed due to a write conflict or a deadlock'), { code: 'P2034' });

  it('runs again, and only the run that committed has its after-commit tasks run', async () => {
    let runs = 0;
    const tasksRun: number[] = [];
    await inTransaction(
      ctx.db,
      async ({ tx, afterCommit }) => {
        runs += 1;
        const run = runs;
        await tx.thread.create({ data: { key: `deadlock-victim-${run}`, createdAt: ctx.clock.now() } });
        afterCommit(async () => void tasksRun.push(run));
        if (run === 1) throw deadlock();
      },
      { timeoutMs: 5_000 },
    );
    assert.equal(runs, 2);
    assert.deepEqual(tasksRun, [2]);
    // The first run's write went with its transaction.
    assert.equal(await ctx.db.thread.count({ where: { key: { startsWith: 'deadlock-victim-' } } }), 1);
  });

  it('gives up after three runs, and fails at once on any other error', async () => {
    let runs = 0;
    const failing = (error: () => Error) => async () => {
      runs += 1;
      throw error();
    };
    await assert.rejects(inTransaction(ctx.db, failing(deadlock), { timeoutMs: 5_000 }), /deadlock/);
    assert.equal(runs, 3);
    runs = 0;
    await assert.rejects(inTransaction(ctx.db, failing(() => new Error('something else')), { timeoutMs: 5_000 }), /something else/);
    assert.equal(runs, 1);
  });
});

describe('a unit whose COMMIT fails', () => {
  // A COMMIT fails on a full disk (SQLite rolls back), on a deferred constraint (SQLite keeps the transaction open;
  // PostgreSQL rolls back) or on a connection the server ended. Prisma's adapters then kept what the transaction held:
  // SQLite's mutex (everything waited) and PostgreSQL's pool connection (one lost each time, all ten after ten).
  const failAtCommit = () =>
    inTransaction(ctx.db, async ({ tx }) => {
      if (isSqlite(ctx.db)) {
        await tx.$executeRawUnsafe('PRAGMA defer_foreign_keys = ON');
        await tx.$executeRaw`INSERT INTO "ModeratorAlert" ("moderatorId", "commentId", "event", "createdAt") VALUES (999999, 999999, 'held', ${ctx.clock.now()})`;
      } else {
        // Prisma's own keys are not deferrable: a table of the transaction's own, with one that is.
        await tx.$executeRawUnsafe('CREATE TEMP TABLE "deferred" ("id" int PRIMARY KEY, "ref" int REFERENCES "deferred" ("id") DEFERRABLE INITIALLY DEFERRED) ON COMMIT DROP');
        await tx.$executeRawUnsafe('INSERT INTO "deferred" VALUES (1, 2)');
        await tx.thread.create({ data: { key: `not-committed-${Math.random()}`, createdAt: ctx.clock.now() } });
      }
    });

  it('fails with its error, stores nothing, and the next units and root statements run at once, more of them than the pool holds', async () => {
    const within = <T>(work: Promise<T>) => Promise.race([work, sleep(3000).then(() => Promise.reject(new Error('still waiting after 3 s')))]);
    for (let i = 0; i < 11; i += 1) await assert.rejects(within(failAtCommit()), /ForeignKeyConstraintViolation|FOREIGN KEY|foreign key/i);
    await within(inTransaction(ctx.db, async ({ tx }) => void (await tx.thread.create({ data: { key: 'after-failed-commit', createdAt: ctx.clock.now() } }))));
    assert.equal(await within(ctx.db.moderatorAlert.count({ where: { moderatorId: 999999 } })), 0);
    assert.equal(await within(ctx.db.thread.count({ where: { key: { startsWith: 'not-committed-' } } })), 0);
    assert.equal(await within(ctx.db.thread.count({ where: { key: 'after-failed-commit' } })), 1);
  });
});

describe("a unit's raw statements", () => {
  // A comment and its first decision-log entry: one statement on PostgreSQL, two on SQLite (insertLoggedComment).
  const loggedInsert = () => (isSqlite(ctx.db) ? 2 : 1);

  it("answer as Prisma's do: the row a comment insert returns, and how many rows a write changed", async () => {
    const { row: viaPrisma } = await insertLoggedComment(ctx.db, await newComment('unit-raw-prisma'), null);
    const data = await newComment('unit-raw-unit');
    const { result, prepared } = await countPrepared(() =>
      inTransaction(ctx.db, async ({ tx }) => ({
        row: (await insertLoggedComment(tx, data, null)).row,
        changed: await tx.$executeRaw`UPDATE "Comment" SET "flagCount" = "flagCount" + 1 WHERE "authorKey" = ${'unit@example.org'}`,
      })),
    );
    assert.equal(prepared, loggedInsert() + 1, 'all ran prepared');
    assert.deepEqual({ ...result.row, id: 0, threadId: 0 }, { ...viaPrisma, id: 0, threadId: 0 });
    assert.ok(result.row.createdAt instanceof Date && typeof result.row.knownAuthor === 'boolean' && typeof result.row.id === 'number');
    assert.equal(result.changed, 2);
    assert.equal((await ctx.db.comment.findUnique({ where: { id: result.row.id } }))?.flagCount, 1);
  });

  it('recheck what others stored before the comment, not the comment itself, at no statement more on PostgreSQL', async () => {
    const earlier = await newComment('unit-recheck');
    for (const emailKey of ['recheck@example.org', 'nobody@example.org']) await ctx.db.author.create({ data: { emailKey, createdAt: ctx.clock.now() } });
    const { row: first } = await insertLoggedComment(ctx.db, { ...earlier, authorKey: 'recheck@example.org', bodyHash: 'said' }, null);
    ctx.clock.advance(5);
    const data = { ...(await newComment('unit-recheck-other')), threadId: earlier.threadId, authorKey: 'recheck@example.org', bodyHash: 'said', createdAt: ctx.clock.now() };
    const recheck = { authorKey: 'recheck@example.org', ipHash: null, threadId: earlier.threadId, bodyHash: 'said' };
    const { result, prepared } = await countPrepared(() => inTransaction(ctx.db, async ({ tx }) => insertLoggedComment(tx, data, recheck)));
    assert.equal(prepared, loggedInsert() + (isSqlite(ctx.db) ? 1 : 0));
    assert.deepEqual(result.recent, { lastPostAt: first.createdAt, duplicate: true });
    assert.equal(result.row.createdAt.getTime(), data.createdAt.getTime());
    assert.equal(Object.keys(result.row).length, Object.keys(first).length, 'the row has the comment columns only');
    const other = await inTransaction(ctx.db, async ({ tx }) => insertLoggedComment(tx, { ...data, authorKey: 'nobody@example.org' }, { ...recheck, authorKey: 'nobody@example.org' }));
    assert.deepEqual(other.recent, { lastPostAt: null, duplicate: false }, "another author's posts are not this one's");
  });

  it("read comments with their threads and flags as Prisma's builder does, in three statements for any number", async () => {
    const first = await newComment('unit-records-a');
    const second = await newComment('unit-records-b');
    const ids: number[] = [];
    for (const data of [first, { ...first, body: 'second', signals: { via: 'api', links: 2 }, authorBadges: [] }, second]) {
      ids.push((await insertLoggedComment(ctx.db, data, null)).row.id);
    }
    const now = ctx.clock.now();
    await ctx.db.flag.create({ data: { commentId: ids[0]!, readerKey: 'r1', reason: 'abuse', note: 'يسيء — rude', createdAt: now } });
    await ctx.db.flag.create({ data: { commentId: ids[0]!, readerKey: 'r2', reason: 'spam', createdAt: now } });
    await ctx.db.flag.create({ data: { commentId: ids[2]!, readerKey: 'r1', reason: 'other', counted: false, createdAt: now } });
    const byId = (records: Array<{ id: number }>) => [...records].sort((a, b) => a.id - b.id);
    const viaBuilder = await ctx.db.comment.findMany({
      where: { id: { in: ids } },
      include: { thread: true, flags: { select: { reason: true, note: true, createdAt: true }, orderBy: { id: 'asc' } } },
    });
    assert.equal(viaBuilder.length, 3);
    assert.deepEqual(byId(await findCommentRecords(ctx.db, [...ids, 987654321])), byId(viaBuilder));
    const { result, prepared } = await countPrepared(() => inTransaction(ctx.db, async ({ tx }) => findCommentRecords(tx, ids)));
    assert.deepEqual(byId(result), byId(viaBuilder));
    assert.equal(prepared, 3);
  });

  it('roll back with the unit', async () => {
    const data = await newComment('unit-raw-rolled-back');
    const { prepared } = await countPrepared(() =>
      assert.rejects(
        inTransaction(ctx.db, async ({ tx }) => {
          await insertLoggedComment(tx, data, null);
          throw new Error('rolled back');
        }),
        /rolled back/,
      ),
    );
    assert.equal(prepared, loggedInsert());
    assert.equal(await ctx.db.comment.count({ where: { threadId: data.threadId } }), 0);
  });

  it("fail with the error Prisma's own path gives for the statement (a duplicate key here)", async () => {
    const now = ctx.clock.now();
    await ctx.db.author.create({ data: { emailKey: 'twice@example.org', createdAt: now } });
    const duplicate = Prisma.sql`INSERT INTO "Author" ("emailKey", "createdAt") VALUES (${'twice@example.org'}, ${now})`;
    const viaPrisma = await ctx.db.$executeRaw(duplicate).then(
      () => assert.fail('the duplicate was written'),
      (error: unknown) => error as { name: string; code?: string; meta?: unknown },
    );
    const { result, prepared } = await countPrepared(() =>
      inTransaction(ctx.db, ({ tx }) => tx.$executeRaw(duplicate)).then(
        () => assert.fail('the duplicate was written'),
        (error: unknown) => error as { name: string; code?: string; meta?: unknown },
      ),
    );
    // SQLite runs the failed statement again through Prisma; PostgreSQL aborts the transaction on the first failure,
    // so its prepared path fails with Prisma's error itself.
    assert.equal(prepared, onSqlite ? 0 : 1);
    assert.deepEqual({ name: result.name, code: result.code, meta: result.meta }, { name: viaPrisma.name, code: viaPrisma.code, meta: viaPrisma.meta });
    assert.ok(viaPrisma.code, `${viaPrisma.name} has a code`);
  });

  it("a unit past its time leaves its statements to Prisma, which refuses them; they never land in the next unit's transaction", async () => {
    const late = inTransaction(
      ctx.db,
      async ({ tx }) => {
        await sleep(400);
        await insertThread(tx, 'unit-late');
      },
      { timeoutMs: 150 },
    );
    // Prisma ends the late unit's transaction at 150 ms; the next one opens and stays open while the late statement comes.
    await sleep(250);
    await assertNeverInNextUnit(late, 'unit-late', 'unit-next');
  });

  it("a straggling statement of a unit that has failed never lands in the next unit's transaction", async () => {
    let straggler: Promise<unknown> = Promise.resolve();
    const failed = inTransaction(ctx.db, async ({ tx }) => {
      // Two branches at once, as Promise.all runs them: the first fails and ends the unit; the second writes later.
      straggler = sleep(150).then(() => insertThread(tx, 'unit-straggler'));
      throw new Error('the first branch failed');
    });
    await assert.rejects(failed, /first branch failed/);
    await assertNeverInNextUnit(straggler, 'unit-straggler', 'unit-after-straggler');
  });

  it("run in their own unit's transaction when units run side by side: each sees its own writes, and one that fails takes only its own", async () => {
    const keys = Array.from({ length: 6 }, (_, i) => `unit-side-by-side-${i}`);
    const { result, prepared } = await countPrepared(() =>
      Promise.allSettled(
        keys.map((key, i) =>
          inTransaction(ctx.db, async ({ tx }) => {
            // One row through Prisma's model API, one through the prepared path: the count sees both only in the same transaction.
            await tx.thread.create({ data: { key, createdAt: ctx.clock.now() } });
            await insertThread(tx, `${key}-raw`);
            await sleep(20);
            const [own] = await tx.$queryRaw<Array<{ n: unknown }>>`SELECT COUNT(*) AS n FROM "Thread" WHERE "key" IN (${key}, ${`${key}-raw`})`;
            if (i === 3) throw new Error('this one fails');
            return Number(own?.n);
          }),
        ),
      ),
    );
    // On SQLite the six share one commit, each in a savepoint of its own (and ROLLBACK TO for the one that fails).
    assert.equal(prepared, onSqlite ? 12 + 6 + 1 : 12, 'every raw statement ran prepared');
    assert.deepEqual(
      result.map((outcome) => (outcome.status === 'fulfilled' ? outcome.value : 'failed')),
      [2, 2, 2, 'failed', 2, 2],
    );
    const stored = await ctx.db.thread.findMany({ where: { key: { startsWith: 'unit-side-by-side-' } }, select: { key: true }, orderBy: { key: 'asc' } });
    assert.deepEqual(
      stored.map((thread) => thread.key),
      keys.filter((_, i) => i !== 3).flatMap((key) => [key, `${key}-raw`]),
    );
  });

  it('keep a bounded number of statements prepared: past the limit, an unusual statement still answers, prepared for its one use', async () => {
    const texts = KEPT_STATEMENTS + 5;
    const { answers, kept } = await inTransaction(ctx.db, async ({ tx }) => {
      const seen: number[] = [];
      for (let i = 0; i < texts; i += 1) {
        const [row] = await tx.$queryRaw<Array<{ n: unknown }>>(Prisma.raw(`SELECT ${i} AS n`));
        seen.push(Number(row?.n));
      }
      // PostgreSQL lists a connection's prepared statements; every statement of the unit ran on its one connection.
      const listed = onSqlite ? [] : await tx.$queryRaw<Array<{ n: unknown }>>`SELECT COUNT(*) AS n FROM pg_prepared_statements`;
      return { answers: seen, kept: Number(listed[0]?.n ?? 0) };
    });
    assert.deepEqual(answers, Array.from({ length: texts }, (_, i) => i));
    if (!onSqlite) assert.ok(kept <= KEPT_STATEMENTS, `${kept} statements stay prepared on the connection`);
  });
});
