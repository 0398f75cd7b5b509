// Shutdown waits for the units of work still running (src/main.ts): a handler whose reader hung up keeps
// running after the server has closed, and its after-commit tasks need the database and Redis.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { inTransaction, unitsSettled } from '../../src/db/unit-of-work.js';
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
