// PostgreSQL's side of the prepared path (prepared-reads.ts has SQLite's and what both answer): named
// statements prepared once per connection, read outside a transaction on pipelined connections of their
// own (pg-read-lanes.ts); a unit of work's raw statements on the connection of the transaction Prisma opened for it.
// See docs/decisions/0020-prepared-hot-path.md.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { Prisma } from '../generated/sqlite/client.js';
import type { ReadLanes } from './pg-read-lanes.js';
import { KEPT_STATEMENTS, type PreparedReads, type StatementResult } from './prepared-reads.js';

const PG_TIMESTAMP = 1114;
const PG_INT8 = 20;

/** A transaction of Prisma's PostgreSQL adapter (6.19.3): its pool connection, and how it turns a driver error into Prisma's. */
interface AdapterTransaction {
  client: pg.ClientBase;
  onError(error: unknown): never;
}

/** Where a unit's transaction is recorded while Prisma opens it, in the unit's own async context. */
interface Opening {
  transaction?: AdapterTransaction;
}

export interface PgPreparedReads extends PreparedReads {
  /** Lets `transactions` see the transactions Prisma's adapter opens (called with the adapter once it has connected). */
  watchTransactions(adapter: object): void;
  /** Ends the reads' own connections (with Prisma's $disconnect). */
  close(): Promise<void>;
}

/**
 * Prepared reads on PostgreSQL: named statements (prepared once per connection) down `lanes`. `connected`
 * connects Prisma first, so that its $disconnect, which ends these reads' connections too, is sure to come.
 */
export function pgPreparedReads(lanes: ReadLanes, types: typeof pg.types, connected: () => Promise<void>): PgPreparedReads {
  // Prisma stores UTC in `timestamp(3)` (no zone) and reads COUNT's int8 as a bigint; node-postgres
  // would read the first in the process's zone and the second as text.
  const decoding: pg.CustomTypesConfig = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
      if (oid === PG_TIMESTAMP) return (text: string) => new Date(`${text.replace(' ', 'T')}Z`);
      if (oid === PG_INT8) return (text: string) => BigInt(text);
      return types.getTypeParser(oid, format);
    }) as pg.CustomTypesConfig['getTypeParser'],
  };
  const names = new Map<string, string>();
  const statementOf = (query: Prisma.Sql): pg.QueryConfig => {
    let name = names.get(query.text);
    // A name prepares the statement on each connection for good: past KEPT_STATEMENTS texts, one runs unnamed, for its one use.
    if (!name && names.size < KEPT_STATEMENTS) {
      name = `majlis_${createHash('sha1').update(query.text).digest('hex').slice(0, 20)}`;
      names.set(query.text, name);
    }
    return { ...(name ? { name } : {}), text: query.text, values: query.values.map(pgValue), types: decoding };
  };
  const opening = new AsyncLocalStorage<Opening>();
  return {
    rows: async (query) => {
      await connected();
      const result = await lanes.query(statementOf(query));
      return result.rows as Array<Record<string, unknown>>;
    },
    transactions: {
      // Each transaction has a connection of its own: units commit side by side.
      sharesCommits: false,
      opening: (open) => opening.run({}, open),
      run: (query) => {
        const transaction = opening.getStore()?.transaction;
        // Queued on the transaction's connection now, so it runs before the COMMIT or ROLLBACK Prisma queues later.
        return transaction ? transaction.client.query(statementOf(query)).then(resultOf, (error: unknown) => Promise.reject(prismaErrorOf(transaction, error))) : null;
      },
    },
    close: () => lanes.close(),
    watchTransactions: (adapter) => {
      const start = (adapter as { startTransaction?: unknown }).startTransaction;
      if (typeof start !== 'function') return;
      (adapter as { startTransaction: (...args: unknown[]) => Promise<unknown> }).startTransaction = async (...args: unknown[]) => {
        const transaction: unknown = await Reflect.apply(start, adapter, args);
        const unit = opening.getStore();
        // The first transaction opened in a unit's context is the unit's (its work cannot open another through Prisma).
        if (unit && !unit.transaction && isAdapterTransaction(transaction)) unit.transaction = transaction;
        return transaction;
      };
    },
  };
}

function resultOf(result: pg.QueryResult): StatementResult {
  return { rows: result.rows as Array<Record<string, unknown>>, changes: result.rowCount ?? 0 };
}

/** A transaction of the adapter's shape (6.19.3), or not one this path can use. */
function isAdapterTransaction(transaction: unknown): transaction is AdapterTransaction {
  const candidate = transaction as Partial<AdapterTransaction> | null;
  return typeof candidate?.client?.query === 'function' && typeof candidate.onError === 'function';
}

/** The error Prisma's raw path gives for a failed statement: the adapter's own reading of the driver's error, in Prisma's P2010. */
function prismaErrorOf(transaction: AdapterTransaction, error: unknown): Error {
  let adapterError: unknown = error;
  try {
    transaction.onError(error);
  } catch (thrown) {
    adapterError = thrown;
  }
  const cause = (adapterError as { cause?: { originalCode?: string; originalMessage?: string } }).cause;
  return new Prisma.PrismaClientKnownRequestError(`Raw query failed. Code: \`${cause?.originalCode ?? 'N/A'}\`. Message: \`${cause?.originalMessage ?? String(error)}\``, {
    code: 'P2010',
    clientVersion: Prisma.prismaVersion.client,
    meta: { driverAdapterError: adapterError },
  });
}

/** A date as the UTC wall-clock time Prisma writes into `timestamp(3)`. */
function pgValue(value: unknown): unknown {
  return value instanceof Date ? value.toISOString().replace('Z', '') : value;
}
