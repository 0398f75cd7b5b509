// Prisma's driver adapters hold something for each transaction until Prisma calls the transaction's commit() or
// rollback(), which it does after sending the COMMIT or ROLLBACK statement: SQLite's adapter its one-transaction mutex,
// PostgreSQL's a pool connection. When that statement itself fails (a full disk, a deferred constraint, a connection
// the server ended), Prisma calls neither. SQLite then waited for ever: every later write, readiness and /metrics hung
// until a restart, even once the disk had room. PostgreSQL lost a pool connection each time, and hung once all ten
// were lost. See docs/decisions/0022-shared-commits.md, addendum "a COMMIT that fails ends its transaction".

/** The part of an adapter's transaction this relies on (6.19.3). */
export interface AdapterTransaction {
  commit(): Promise<void>;
  rollback(): Promise<void>;
  executeRaw(query: unknown): Promise<unknown>;
}

/** Prisma ends a transaction with these statements, sent through executeRaw before it calls commit() or rollback(). */
const isEndingStatement = (query: unknown) => /^\s*(COMMIT|ROLLBACK)\b/i.test((query as { sql?: unknown }).sql?.toString() ?? '');

const ROLLBACK = { sql: 'ROLLBACK', args: [], argTypes: [] };

export function isEndableTransaction(value: unknown): value is AdapterTransaction {
  const candidate = value as Partial<Record<keyof AdapterTransaction, unknown>> | null;
  return typeof candidate?.commit === 'function' && typeof candidate.rollback === 'function' && typeof candidate.executeRaw === 'function';
}

/**
 * Makes a transaction end when its COMMIT or ROLLBACK statement fails: rolled back if the database kept it open, then
 * released through rollback(), before the statement's own error is thrown as it was. commit() and rollback() release
 * once only, so a late call from Prisma cannot free what the next transaction holds. `released` runs on that release.
 */
export function endsEvenIfItsEndFails(transaction: AdapterTransaction, released: () => void = () => {}): void {
  let done = false;
  for (const end of ['commit', 'rollback'] as const) {
    const original = transaction[end].bind(transaction);
    transaction[end] = () => {
      if (done) return Promise.resolve();
      done = true;
      released();
      return original();
    };
  }
  const execute = transaction.executeRaw.bind(transaction);
  transaction.executeRaw = async (query: unknown) => {
    try {
      return await execute(query);
    } catch (error) {
      if (isEndingStatement(query)) {
        // Nothing left to roll back is the usual case (SQLite rolls back on a full disk; a dead connection holds nothing).
        await execute(ROLLBACK).catch(() => undefined);
        await transaction.rollback().catch(() => undefined);
      }
      throw error;
    }
  };
}
