// On SQLite, units of work that wait in the same turn of the event loop share one transaction, each in a savepoint
// of its own, and one commit (src/db/unit-group.ts, docs/decisions/0022). On PostgreSQL each keeps its own.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DbClient } from '../../src/db/client.js';
import { GROUP_STARTS_WITHIN_MS, MOST_UNITS_PER_COMMIT, unitGroups, type OpenShared } from '../../src/db/unit-group.js';
import { inTransaction } from '../../src/db/unit-of-work.js';
import { shareTurn, WORK_MS_PER_TURN } from '../../src/shared/next-turn.js';
import { createTestContext, type TestContext } from '../setup/app.js';
import { holdTheLoop } from '../setup/hold-loop.js';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());

const onSqlite = (process.env.TEST_DATABASE_URL ?? '') === '';

/** A thread row written by a raw statement (the prepared path), and one through Prisma's model API. */
async function writeBothWays(tx: DbClient, key: string): Promise<void> {
  await tx.$executeRaw`INSERT INTO "Thread" ("key", "createdAt") VALUES (${`${key}-raw`}, ${ctx.clock.now()})`;
  await tx.thread.create({ data: { key, createdAt: ctx.clock.now() } });
}

async function storedKeys(prefix: string): Promise<string[]> {
  const rows = await ctx.db.thread.findMany({ where: { key: { startsWith: prefix } }, select: { key: true }, orderBy: { key: 'asc' } });
  return rows.map((row) => row.key);
}

describe('units that wait together', () => {
  it('share one commit on SQLite: each after the first sees what the others wrote, and each settles once all of it is committed', async () => {
    const keys = ['group-a', 'group-b', 'group-c'];
    const seen = await Promise.all(
      keys.map((key) =>
        inTransaction(ctx.db, async ({ tx, afterOthers }) => {
          const before = await tx.thread.count({ where: { key: { startsWith: 'group-' } } });
          await writeBothWays(tx, key);
          return { afterOthers, before };
        }).then(async (unit) => ({ ...unit, committed: await storedKeys('group-') })),
      ),
    );
    assert.deepEqual(
      seen.map((unit) => unit.afterOthers),
      onSqlite ? [false, true, true] : [false, false, false],
    );
    if (onSqlite) assert.deepEqual(seen.map((unit) => unit.before), [0, 2, 4], 'a later unit sees the earlier ones inside the transaction');
    for (const [i, unit] of seen.entries()) {
      const committed = onSqlite ? keys : [keys[i]!];
      assert.deepEqual(unit.committed.filter((key) => committed.some((own) => key.startsWith(own))).length, committed.length * 2, 'a unit resolves once its commit (on SQLite, the shared one) is done');
    }
  });

  it('a unit that fails takes back only its own writes, through either path; the others commit', async () => {
    // The first and the third fail: each savepoint opens inside the one before, and a rollback undoes the newest only.
    const outcomes = await Promise.allSettled(
      ['undo-a', 'undo-b', 'undo-c', 'undo-d'].map((key, i) =>
        inTransaction(ctx.db, async ({ tx }) => {
          await writeBothWays(tx, key);
          if (i % 2 === 0) throw new Error(`${key} fails after writing`);
          return key;
        }),
      ),
    );
    assert.deepEqual(outcomes.map((outcome) => outcome.status), ['rejected', 'fulfilled', 'rejected', 'fulfilled']);
    assert.deepEqual(await storedKeys('undo-'), ['undo-b', 'undo-b-raw', 'undo-d', 'undo-d-raw']);
  });

  it("a failed unit's straggling statements are refused while its neighbours go on, and never commit", async () => {
    let stragglers: Promise<string[]> = Promise.resolve([]);
    let release = () => {};
    const neighbourMayGo = new Promise<void>((resolve) => (release = resolve));
    const failed = inTransaction(ctx.db, async ({ tx }) => {
      // Two branches at once, as Promise.all runs them: one fails and ends the unit, the other writes once the neighbour runs.
      stragglers = neighbourMayGo.then(() =>
        Promise.all(
          [
            tx.$executeRaw`INSERT INTO "Thread" ("key", "createdAt") VALUES ('stray-raw', ${ctx.clock.now()})`,
            tx.thread.create({ data: { key: 'stray-model', createdAt: ctx.clock.now() } }),
          ].map((statement) => statement.then(() => 'written', () => 'refused')),
        ),
      );
      throw new Error('the first branch failed');
    });
    const neighbour = inTransaction(ctx.db, async ({ tx }) => {
      release();
      // On PostgreSQL they may still reach the failed unit's own transaction before Prisma rolls it back: they never commit either.
      if (onSqlite) assert.deepEqual(await stragglers, ['refused', 'refused']);
      else await stragglers;
      await tx.thread.create({ data: { key: 'stray-neighbour', createdAt: ctx.clock.now() } });
    });
    await assert.rejects(failed, /first branch failed/);
    await neighbour;
    assert.deepEqual(await storedKeys('stray-'), ['stray-neighbour']);
  });

  it(`at most ${MOST_UNITS_PER_COMMIT} share a commit; the rest commit next`, async () => {
    const count = MOST_UNITS_PER_COMMIT + 2;
    const flags = await Promise.all(
      Array.from({ length: count }, (_, i) => inTransaction(ctx.db, async ({ tx, afterOthers }) => (await tx.thread.create({ data: { key: `many-${i}`, createdAt: ctx.clock.now() } }), afterOthers))),
    );
    const firsts = flags.flatMap((afterOthers, i) => (afterOthers ? [] : [i]));
    assert.deepEqual(firsts, onSqlite ? [0, MOST_UNITS_PER_COMMIT] : Array.from({ length: count }, (_, i) => i));
    assert.equal((await storedKeys('many-')).length, count);
  });

  it(`a group starts no unit after ${GROUP_STARTS_WITHIN_MS} ms: the rest commit in the next one`, async () => {
    const flags = await Promise.all(
      ['budget-slow', 'budget-b', 'budget-c'].map((key, i) =>
        inTransaction(ctx.db, async ({ tx, afterOthers }) => {
          await tx.thread.create({ data: { key, createdAt: ctx.clock.now() } });
          if (i === 0) await sleep(GROUP_STARTS_WITHIN_MS + 50);
          return afterOthers;
        }),
      ),
    );
    assert.deepEqual(flags, onSqlite ? [false, false, true] : [false, false, false]);
    assert.deepEqual(await storedKeys('budget-'), ['budget-b', 'budget-c', 'budget-slow']);
  });

  it(`SQLite: a group that has held the event loop ${WORK_MS_PER_TURN} ms lets it turn before its next unit`, { skip: !onSqlite && 'SQLite only: on PostgreSQL units do not share a transaction' }, async () => {
    // Each unit holds the loop as a slow post would (its statements are synchronous on SQLite). A callback queued by
    // the first unit stands for a cached read that arrived meanwhile: it runs before the second unit, not after the commit.
    let started = 0;
    let answeredAfter = -1;
    const units = ['turn-a', 'turn-b', 'turn-c', 'turn-d'].map((key, i) =>
      inTransaction(ctx.db, async ({ tx, afterOthers }) => {
        started += 1;
        if (i === 0) setImmediate(() => (answeredAfter = started));
        await tx.thread.create({ data: { key, createdAt: ctx.clock.now() } });
        holdTheLoop(WORK_MS_PER_TURN + 2);
        return afterOthers;
      }),
    );
    assert.deepEqual(await Promise.all(units), [false, true, true, true], 'the four still share one commit');
    assert.equal(answeredAfter, 1, 'the waiting callback ran right after the first unit');
    assert.deepEqual(await storedKeys('turn-'), ['turn-a', 'turn-b', 'turn-c', 'turn-d']);
  });

  it('SQLite: a step of shared work (a post\'s checks) waits while a shared commit is under way, and goes on after it', { skip: !onSqlite && 'SQLite only: on PostgreSQL units do not share a transaction' }, async () => {
    const order: string[] = [];
    const units = ['hold-a', 'hold-b'].map((key) =>
      inTransaction(ctx.db, async ({ tx }) => {
        await tx.thread.create({ data: { key, createdAt: ctx.clock.now() } });
        await sleep(10);
        order.push(key);
      }),
    );
    // Taken in the next turn: the step asked for after that waits for the commit, though the units sleep meanwhile.
    await new Promise((resolve) => setImmediate(resolve));
    const step = shareTurn().then(() => order.push('step'));
    await Promise.all([...units, step]);
    assert.deepEqual(order, ['hold-a', 'hold-b', 'step']);
  });

  it('a unit that asks for time of its own runs alone, and units that join meanwhile commit after it', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const long = inTransaction(ctx.db, async ({ tx, afterOthers }) => (await tx.thread.create({ data: { key: 'own-long', createdAt: ctx.clock.now() } }), await held, afterOthers), { timeoutMs: 5_000 });
    await sleep(20);
    let shortSettled = false;
    const short = inTransaction(ctx.db, async ({ tx, afterOthers }) => (await tx.thread.create({ data: { key: 'own-short', createdAt: ctx.clock.now() } }), afterOthers)).finally(() => (shortSettled = true));
    await sleep(50);
    // (A read of the root client would wait for the long unit's transaction on SQLite: src/db/sqlite-root-statements.ts.)
    if (onSqlite) assert.equal(shortSettled, false, 'the short unit waits for the writer');
    release();
    assert.deepEqual(await Promise.all([long, short]), [false, false]);
    assert.deepEqual(await storedKeys('own-'), ['own-long', 'own-short']);
  });

  it('units waiting for a transaction that never opens all fail with its error, and the units after them commit', async () => {
    // The first opening fails before any statement (the writer's connection gone, say); later ones open a real transaction.
    let openings = 0;
    const open: OpenShared = (body) => {
      openings += 1;
      return openings === 1 ? Promise.reject(new Error('the writer is gone')) : ctx.db.$transaction((tx) => body(() => tx as DbClient));
    };
    const groups = unitGroups(open);
    const write = (key: string) => groups.join(async (tx) => (await tx.thread.create({ data: { key, createdAt: ctx.clock.now() } }), key));
    const first = await Promise.allSettled(['never-a', 'never-b', 'never-c'].map(write));
    assert.deepEqual(
      first.map((outcome) => outcome.status === 'rejected' && (outcome.reason as Error).message),
      ['the writer is gone', 'the writer is gone', 'the writer is gone'],
    );
    assert.deepEqual(await Promise.all(['never-d', 'never-e'].map(write)), ['never-d', 'never-e']);
    assert.equal(openings, 2, 'the two later units shared one transaction');
    assert.deepEqual(await storedKeys('never-'), ['never-d', 'never-e']);
  });
});
