// Prisma's SQLite adapter lets one transaction be open at a time (a mutex), but runs a statement of the root client,
// outside any transaction, at once on the same connection: issued while a transaction is open, it would run inside
// it, see its uncommitted rows, and be committed or rolled back with it. Such a statement now waits for the open
// transaction to end, so that work inside a transaction may let the event loop turn (the units of a shared commit,
// src/db/unit-group.ts; a bulk decision). See docs/decisions/0022-shared-commits.md, addendum "turns inside a transaction".
//
// Its transactions also end when their COMMIT fails (transaction-endings.ts).

import { endsEvenIfItsEndFails, type AdapterTransaction } from './transaction-endings.js';

/** The adapter's shape this relies on (6.19.3): statements of its own, and transactions that end by commit or rollback. */
interface RootAdapter {
  queryRaw(query: unknown): Promise<unknown>;
  executeRaw(query: unknown): Promise<unknown>;
  executeScript(script: string): Promise<void>;
  startTransaction(...args: unknown[]): Promise<AdapterTransaction>;
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
    // Prisma has run COMMIT or ROLLBACK when it ends the transaction (or the statement failed). The waiting statements are
    // told first, so they run before a transaction waiting on the mutex (released after this) can begin.
    endsEvenIfItsEndFails(transaction, () => {
      if (open === ending) open = undefined;
      ended();
    });
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
