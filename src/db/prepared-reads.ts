// The hot reads (a post's checks, thread pages, counts) run on statements prepared once, beside
// Prisma's client: Prisma 6.19 compiles every query on every call and its SQLite adapter prepares
// every statement again, which together were most of a post's CPU. Reads outside a transaction take
// this path, and so do a unit of work's raw statements, inside the transaction Prisma opened for it
// (src/db/unit-of-work.ts). PostgreSQL's side is pg-prepared.ts. See docs/decisions/0020-prepared-hot-path.md.
import Database from 'better-sqlite3';
import type { Prisma } from '../generated/sqlite/client.js';

/** What one statement answered: its rows (RETURNING included), or how many rows it changed. */
export interface StatementResult {
  rows: Array<Record<string, unknown>>;
  changes: number;
}

/** Rows of a read, decoded as Prisma's raw queries decode them (dates as Date, booleans, JSON). */
export interface PreparedReads {
  rows(query: Prisma.Sql): Promise<Array<Record<string, unknown>>>;
  /** A unit of work's raw statements, prepared once, inside the transaction Prisma opened for it (src/db/unit-of-work.ts). */
  transactions: TransactionStatements;
}

/**
 * Runs a unit of work's raw statements prepared once, inside the transaction Prisma opened for the unit, decoded as
 * `rows`. Only a unit that knows the open transaction is still its own may call `run` (src/db/unit-of-work.ts).
 */
export interface TransactionStatements {
  /** Calls `open`, which opens the unit's transaction through Prisma, so that `run`, called from within it, finds that transaction. */
  opening<T>(open: () => Promise<T>): Promise<T>;
  /**
   * Runs one statement in that transaction. Null when it does not take it, and Prisma runs it: SQLite when no
   * transaction is open on Prisma's connection, or when the statement failed and the transaction is still open
   * (Prisma runs it again, to fail with the error every caller knows); PostgreSQL when it did not see the
   * transaction open. A failure on PostgreSQL aborts the transaction whatever runs it: it fails as Prisma's would.
   */
  run(query: Prisma.Sql): StatementResult | Promise<StatementResult> | null;
  /** True where every write goes through one connection (SQLite): units waiting together share a commit (unit-group.ts). */
  sharesCommits: boolean;
}

/** SQLite's prepared reads own a connection, closed with Prisma's (PostgreSQL's share Prisma's pool, which Prisma ends). */
export interface SqlitePreparedReads extends PreparedReads {
  /** Reads on Prisma's own connection whenever no transaction is open on it (see sqlitePreparedReads). */
  shareWriter(adapter: object): void;
  close(): void;
}

const readsOf = new WeakMap<object, PreparedReads>();

/** Gives a root client its prepared path (transaction clients are other objects, so they never have one). */
export function attachPreparedReads(client: object, reads: PreparedReads): void {
  readsOf.set(client, reads);
}

/** The prepared path of a root client; none for a transaction's client (another object), which must see its own writes. */
export function preparedReadsOf(client: object): PreparedReads | undefined {
  return readsOf.get(client);
}

type Decode = (value: unknown) => unknown;

/** SQLite hands back what it stores; Prisma's columns say what it meant (see the declared types in the migrations). */
const SQLITE_DECODERS: Record<string, Decode> = {
  BOOLEAN: (value) => (value === null ? null : value === 1),
  DATETIME: (value) => (value === null ? null : new Date(typeof value === 'number' ? value : String(value))),
  JSONB: (value) => (typeof value === 'string' ? (JSON.parse(value) as unknown) : value),
};

interface SqliteStatement {
  statement: Database.Statement;
  decoders: Array<[string, Decode]>;
}

/** One connection and the statements prepared on it. */
interface SqliteSide {
  connection: Database.Database;
  statements: Map<string, SqliteStatement>;
}

/** At most this many statements are kept per connection (PostgreSQL's too): an unusual query (a long IN list) is prepared for its one use. */
export const KEPT_STATEMENTS = 1000;

function prepareOn(side: SqliteSide, sql: string): SqliteStatement {
  let found = side.statements.get(sql);
  if (!found) {
    // better-sqlite3's own prepare: preparingOnce replaces the one on Prisma's connection.
    const statement = Database.prototype.prepare.call(side.connection, sql) as Database.Statement;
    // Integers as numbers, as on a connection of our own (Prisma's reads its as bigints).
    statement.safeIntegers(false);
    // A statement that returns no rows has no columns to decode (better-sqlite3 refuses to list them).
    const decoders = !statement.reader
      ? []
      : statement.columns().flatMap((column): Array<[string, Decode]> => {
          const decode = column.type ? SQLITE_DECODERS[column.type.toUpperCase()] : undefined;
          return decode ? [[column.name, decode]] : [];
        });
    found = { statement, decoders };
    if (side.statements.size < KEPT_STATEMENTS) side.statements.set(sql, found);
  }
  return found;
}

/** Runs a prepared statement with a query's values: its decoded rows, or what it changed. */
function run({ statement, decoders }: SqliteStatement, query: Prisma.Sql): StatementResult {
  const values = query.values.map(sqliteValue);
  if (!statement.reader) return { rows: [], changes: statement.run(...values).changes };
  const rows = statement.all(...values) as Array<Record<string, unknown>>;
  if (decoders.length > 0) for (const row of rows) for (const [name, decode] of decoders) row[name] = decode(row[name]);
  return { rows, changes: rows.length };
}

/**
 * Prepared reads on SQLite. In WAL mode a connection empties its page cache whenever another one has
 * committed, so reads on a connection of their own began every post's checks on a cold cache (0.75 ms of
 * them instead of 0.55, docs/decisions/0020). They run on Prisma's connection instead, which keeps its cache across
 * its own commits, whenever no transaction is open on it: the read is synchronous, so it sees exactly what
 * is committed. While a transaction is open there (its reads must not see it), they run on a read-only
 * connection of their own to the same file (WAL: it never waits for the writer).
 */
export function sqlitePreparedReads(file: string): SqlitePreparedReads {
  let writer: SqliteSide | null = null;
  // Opened on the first read: the client exists before the migrations have created the file.
  let reader: SqliteSide | null = null;
  const readerSide = (): SqliteSide => {
    if (!reader) {
      const connection = new Database(file, { fileMustExist: true });
      connection.pragma('query_only = ON');
      reader = { connection, statements: new Map() };
    }
    return reader;
  };
  return {
    rows: (query) => {
      try {
        const side = writer && !writer.connection.inTransaction ? writer : readerSide();
        const prepared = prepareOn(side, query.sql);
        // This path shares Prisma's connection: a read must never write.
        if (!prepared.statement.readonly) throw new Error('a prepared read must only read');
        return Promise.resolve(run(prepared, query).rows);
      } catch (error) {
        return Promise.reject(error as Error);
      }
    },
    transactions: {
      sharesCommits: true,
      opening: (open) => open(),
      run: (query) => {
        if (!writer?.connection.inTransaction) return null;
        try {
          return run(prepareOn(writer, query.sql), query);
        } catch (error) {
          // A failed statement changed nothing (SQLite aborts the statement, not the transaction) unless the
          // transaction ended with it (a full disk, say): then the unit must fail, not go on outside it.
          if (!writer.connection.inTransaction) throw error;
          return null;
        }
      },
    },
    shareWriter: (adapter) => {
      const connection = connectionOf(adapter);
      writer = connection ? { connection, statements: new Map() } : null;
    },
    close: () => {
      // Prisma's connection is Prisma's to close.
      writer = null;
      reader?.connection.close();
      reader = null;
    },
  };
}

/** Values as Prisma's SQLite adapter writes them, so a comparison with a stored column matches. */
function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace('Z', '+00:00');
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

/** The better-sqlite3 connection of Prisma's SQLite adapter (6.19.3 keeps it as `client`), or undefined for an adapter of another shape. */
function connectionOf(adapter: object): Database.Database | undefined {
  const connection = (adapter as { client?: Database.Database }).client;
  return typeof connection?.prepare === 'function' && typeof connection.inTransaction === 'boolean' ? connection : undefined;
}

/**
 * Makes Prisma's SQLite adapter reuse one prepared statement per SQL text (it asks `prepare(sql).bind(args)`
 * on every call, then `run()`, `reader`, `columns()` or `raw().all()`): the statements a post writes
 * through Prisma are parsed once. Leaves an adapter of another shape as it is.
 */
export function preparingOnce(adapter: object): void {
  const connection = connectionOf(adapter);
  if (!connection) return;
  const prepare = connection.prepare.bind(connection);
  const statements = new Map<string, Database.Statement>();
  (connection as { prepare: (sql: string) => Database.Statement }).prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = prepare(sql);
      if (statements.size < KEPT_STATEMENTS) statements.set(sql, statement);
    }
    return withArguments(statement);
  };
}

/** A kept statement as the adapter uses it; `bind` would fix its arguments for good, so they are passed per call instead. */
function withArguments(statement: Database.Statement): Database.Statement {
  const bound = (args: unknown[]) => ({
    reader: statement.reader,
    columns: () => statement.columns(),
    run: () => statement.run(...args),
    raw: () => ({ all: () => statement.raw(true).all(...args) }),
  });
  return { reader: statement.reader, run: (...args: unknown[]) => statement.run(...args), bind: (args: unknown[]) => bound(args) } as unknown as Database.Statement;
}
