// The hot queries (thread pages, counts, a post's checks and writes) are written in SQL. Reads outside a
// transaction run on statements prepared once (`readRows`, src/db/prepared-reads.ts); so do a unit of
// work's raw statements (src/db/unit-of-work.ts); the rest go through Prisma's raw path. On SQLite each query names its index,
// so its cost is bounded by its own rows whatever statistics the planner has (or lacks). PostgreSQL
// gathers statistics by itself (autovacuum) and is left to its planner.
// See docs/decisions/0012-flat-cost-hot-queries.md and 0020-prepared-hot-path.md.
import { Prisma } from '../generated/sqlite/client.js';
import type { CommentStatus } from '../generated/sqlite/enums.js';
import type { DbClient } from './client.js';
import { preparedReadsOf } from './prepared-reads.js';

const STATUSES: ReadonlySet<string> = new Set<CommentStatus>(['pending', 'approved', 'rejected', 'spam', 'flagged']);

/** Which database a client (root or transaction) talks to; Prisma keeps it on every client it makes. */
export function isSqlite(db: DbClient): boolean {
  return (db as unknown as { _activeProvider?: string })._activeProvider === 'sqlite';
}

/**
 * SQLite: the comments not deleted, by thread and status (a partial index written by hand in the migrations, which
 * Prisma's model cannot state; docs/decisions/0012): counts read it alone, never the rows.
 */
export const SQLITE_VISIBLE_THREAD_INDEX = 'Comment_visible_threadId_status_idx';

/** `INDEXED BY "<index>"` on SQLite (an error there if the index is gone, which the plan tests catch); nothing on PostgreSQL. */
export function indexedBy(db: DbClient, index: string): Prisma.Sql {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(index)) throw new Error(`not an index name: ${index}`);
  return isSqlite(db) ? Prisma.raw(`INDEXED BY "${index}"`) : Prisma.empty;
}

/**
 * A comment status as an SQL literal: PostgreSQL compares its enum column with a literal, not with
 * a text parameter, and the value is checked against the enum, so nothing outside it reaches the SQL.
 */
export function statusLiteral(status: CommentStatus): Prisma.Sql {
  if (!STATUSES.has(status)) throw new Error(`not a comment status: ${status}`);
  return Prisma.raw(`'${status}'`);
}

/** A count as the driver returns it (a bigint on PostgreSQL, a number on SQLite) as a number. */
export function countOf(value: unknown): number {
  return Number(value ?? 0);
}

/** A truth value an expression returned (0 or 1 on SQLite, a boolean on PostgreSQL); null is false. */
export function isTrue(value: unknown): boolean {
  return value === true || Number(value) === 1;
}

/** A date an aggregate returned (text on SQLite, where it loses its column type; a Date on PostgreSQL), or null. */
export function dateOf(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(String(value));
}

/** A JSON column's value: text on SQLite, cast to jsonb on PostgreSQL (a text parameter is not jsonb there). */
export function jsonValue(db: DbClient, value: unknown): Prisma.Sql {
  if (value === null || value === undefined) return Prisma.sql`NULL`;
  const text = JSON.stringify(value);
  return isSqlite(db) ? Prisma.sql`${text}` : Prisma.sql`${text}::jsonb`;
}

/**
 * `INSERT INTO "<table>" (…) VALUES (…)` for one row, its columns named by the row's keys (undefined
 * ones left to their defaults). A value that is already SQL (`jsonValue`, `statusLiteral`) goes in as it is.
 */
export function insertSql(table: string, row: Record<string, unknown>): Prisma.Sql {
  const columns = namedColumns(table, row);
  return Prisma.sql`INSERT INTO ${Prisma.raw(`"${table}"`)} (${Prisma.raw(columns.map((column) => `"${column}"`).join(', '))})
    VALUES (${Prisma.join(columns.map((column) => row[column]))})`;
}

/** `UPDATE "<table>" SET "<column>" = <value>, …` for the row's defined keys; the caller adds the WHERE. */
export function updateSql(table: string, row: Record<string, unknown>): Prisma.Sql {
  const columns = namedColumns(table, row);
  if (columns.length === 0) throw new Error(`nothing to update in ${table}`);
  return Prisma.sql`UPDATE ${Prisma.raw(`"${table}"`)} SET ${Prisma.join(
    columns.map((column) => Prisma.sql`${Prisma.raw(`"${column}"`)} = ${row[column]}`),
    ', ',
  )}`;
}

/**
 * Ids for `IN (…)`, padded to a power of two with the last one: a list of any size (a bulk decision's, up to 500)
 * is one of ten statements, so they stay among those prepared once (prepared-reads.ts keeps a bounded number).
 */
export function idList(ids: readonly number[]): Prisma.Sql {
  const padded = [...ids];
  while (padded.length & (padded.length - 1)) padded.push(ids.at(-1) as number);
  return Prisma.join(padded);
}

/** The row's columns that carry a value, each checked to be a plain name (they are spliced into the SQL). */
function namedColumns(table: string, row: Record<string, unknown>): string[] {
  const columns = Object.keys(row).filter((column) => row[column] !== undefined);
  for (const name of [table, ...columns]) if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not a column or table name: ${name}`);
  return columns;
}

/** Runs a read on the root client's prepared statements (src/db/prepared-reads.ts), or through the transaction's client inside one (prepared too, src/db/unit-of-work.ts). */
export function readRows<Rows extends unknown[]>(db: DbClient, query: Prisma.Sql): Promise<Rows> {
  const reads = preparedReadsOf(db);
  return reads ? (reads.rows(query) as Promise<Rows>) : db.$queryRaw<Rows>(query);
}
