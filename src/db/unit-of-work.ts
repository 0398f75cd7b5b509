import type { Db, DbClient } from './client.js';

/** A transaction, and a place for what must happen only once it has committed. */
export interface UnitOfWork {
  tx: DbClient;
  /** Runs `task` after the commit (never if the transaction rolls back), e.g. dropping cached pages. */
  afterCommit(task: () => Promise<void>): void;
}

/** The units of work running on a client, and who waits for there to be none. */
interface Running {
  count: number;
  waiting: Array<() => void>;
}

const runningOn = new WeakMap<object, Running>();

function runningFor(db: Db): Running {
  let running = runningOn.get(db);
  if (!running) {
    running = { count: 0, waiting: [] };
    runningOn.set(db, running);
  }
  return running;
}

/**
 * Runs `work` in one transaction, then the tasks it scheduled for after the commit. Doing them
 * inside would let a concurrent read cache the old rows again between the task and the commit.
 */
export async function inTransaction<T>(db: Db, work: (unit: UnitOfWork) => Promise<T>, options?: { timeoutMs: number }): Promise<T> {
  const running = runningFor(db);
  running.count += 1;
  try {
    const tasks: Array<() => Promise<void>> = [];
    const result = await db.$transaction((tx) => work({ tx, afterCommit: (task) => void tasks.push(task) }), options && { timeout: options.timeoutMs });
    await Promise.all(tasks.map((task) => task()));
    return result;
  } finally {
    running.count -= 1;
    if (running.count === 0) for (const resolve of running.waiting.splice(0)) resolve();
  }
}

/**
 * Resolves once no unit of work runs on `db`, its after-commit tasks included. Shutdown waits for it
 * before closing what those tasks use: a reader who hung up mid-post leaves its handler running after
 * the server has closed, and the comment it committed must still drop the cached pages it changed.
 */
export function unitsSettled(db: Db): Promise<void> {
  const running = runningFor(db);
  return running.count === 0 ? Promise.resolve() : new Promise((resolve) => running.waiting.push(resolve));
}

/** True for a transaction's own client (it cannot open another transaction), false for the root client. */
export function isTransactionClient(db: DbClient): boolean {
  return typeof (db as { $transaction?: unknown }).$transaction !== 'function';
}
