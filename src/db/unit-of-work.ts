import type { Db, DbClient } from './client.js';

/** A transaction, and a place for what must happen only once it has committed. */
export interface UnitOfWork {
  tx: DbClient;
  /** Runs `task` after the commit (never if the transaction rolls back), e.g. dropping cached pages. */
  afterCommit(task: () => Promise<void>): void;
}

/**
 * Runs `work` in one transaction, then the tasks it scheduled for after the commit. Doing them
 * inside would let a concurrent read cache the old rows again between the task and the commit.
 */
export async function inTransaction<T>(db: Db, work: (unit: UnitOfWork) => Promise<T>, options?: { timeoutMs: number }): Promise<T> {
  const tasks: Array<() => Promise<void>> = [];
  const result = await db.$transaction((tx) => work({ tx, afterCommit: (task) => void tasks.push(task) }), options && { timeout: options.timeoutMs });
  await Promise.all(tasks.map((task) => task()));
  return result;
}

/** True for a transaction's own client (it cannot open another transaction), false for the root client. */
export function isTransactionClient(db: DbClient): boolean {
  return typeof (db as { $transaction?: unknown }).$transaction !== 'function';
}
