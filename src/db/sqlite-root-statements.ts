// Prisma's SQLite adapter lets one transaction be open at a time (a mutex), but runs a statement of the root client,
// outside any transaction, at once on the same connection: issued while a transaction is open, it would run inside
// it, see its uncommitted rows, and be committed or rolled back with it. Such a statement now waits for the open
// transaction to end, so that work inside a transaction may let the event loop turn (the units of a shared commit,
// src/db/unit-group.ts; a bulk decision). See docs/decisions/0022-shared-commits.md, addendum "turns inside a transaction".
//
// The adapter releases its mutex only when Prisma calls the transaction's commit() or rollback(), after the COMMIT or
// ROLLBACK statement. When the COMMIT statement itself fails (a full disk: SQLite then rolls the transaction back),
// Prisma calls neither, so the mutex stayed taken and every later transaction, and every root statement waiting here,
// waited for ever: Majlis answered nothing that touched the database until restarted, even once there was room again.
// Such a transaction is now ended here (rolled back if SQLite kept it open), and its COMMIT's error thrown as it was.

interface Ending {
  commit(): Promise<void>;
  rollback(): Promise<void>;
  executeRaw(query: unknown): Promise<unknown>;
}

/** Prisma ends a transaction with these statements, sent through executeRaw before it calls commit() or rollback(). */
const isEndingStatement = (query: unknown) => /^\s*(COMMIT|ROLLBACK)\b/i.test((query as { sql?: unknown }).sql?.toString() ?? '');

const ROLLBACK = { sql: 'ROLLBACK', args: [], argTypes: [] };

/** The adapter's shape this relies on (6.19.3): statements of its own, and transactions that end by commit or rollback. */
interface RootAdapter {
  queryRaw(query: unknown): Promise<unknown>;
  executeRaw(query: unknown): Promise<unknown>;
  executeScript(script: string): Promise<void>;
  startTransaction(...args: unknown[]): Promise<Ending>;
}

const ROOT_STATEMENTS = ['queryRaw', 'executeRaw', 'executeScript'] as const;

/** Makes the root statements of Prisma's SQLite adapter wait while one of its transactions is open. Leaves an adapter of another shape as it is. */
export function rootStatementsWaitForTransactions(adapter: object): void {
  if (!isRootAdapter(adapter)) return;
  let open: Promise<void> | undefined;
  const start = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args: unknown[]) => {
    const transaction = await start(...args);
    let ended = () => {};
    const ending = new Promise<void>((resolve) => (ended = resolve));
    open = ending;
    let done = false;
    for (const end of ['commit', 'rollback'] as const) {
      const original = transaction[end].bind(transaction);
      // Prisma has run COMMIT or ROLLBACK when it calls these. The waiting statements are told first, so they run
      // before a transaction waiting on the mutex (released by `original`) can begin. Once only: a second release
      // would free the mutex under the next transaction.
      transaction[end] = () => {
        if (done) return Promise.resolve();
        done = true;
        if (open === ending) open = undefined;
        ended();
        return original();
      };
    }
    const execute = transaction.executeRaw.bind(transaction);
    transaction.executeRaw = async (query: unknown) => {
      try {
        return await execute(query);
      } catch (error) {
        if (isEndingStatement(query)) {
          // No transaction left to roll back is the usual case (SQLite rolled it back itself); either way it ends here.
          await execute(ROLLBACK).catch(() => undefined);
          await transaction.rollback();
        }
        throw error;
      }
    };
    return transaction;
  };
  for (const method of ROOT_STATEMENTS) {
    const original = (adapter[method] as (argument: unknown) => Promise<unknown>).bind(adapter);
    (adapter as unknown as Record<string, (argument: unknown) => Promise<unknown>>)[method] = async (argument: unknown) => {
      while (open) await open;
      return original(argument);
    };
  }
}

function isRootAdapter(adapter: object): adapter is RootAdapter {
  const candidate = adapter as Partial<Record<keyof RootAdapter, unknown>>;
  return [...ROOT_STATEMENTS, 'startTransaction' as const].every((method) => typeof candidate[method] === 'function');
}
