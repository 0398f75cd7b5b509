// The hot queries (thread pages, counts, flood, duplicate and author-history checks) are written in SQL
// through Prisma's raw path: it skips Prisma's per-call query compilation, and on SQLite it lets each
// query name its index, so its cost is bounded by its own rows whatever statistics the planner has
// (or lacks). PostgreSQL gathers statistics by itself (autovacuum) and is left to its planner.
// See docs/decisions/0012-flat-cost-hot-queries.md.
import { Prisma } from '../generated/sqlite/client.js';
import type { CommentStatus } from '../generated/sqlite/enums.js';
import type { DbClient } from './client.js';

const STATUSES: ReadonlySet<string> = new Set<CommentStatus>(['pending', 'approved', 'rejected', 'spam', 'flagged']);

/** Which database a client (root or transaction) talks to; Prisma keeps it on every client it makes. */
export function isSqlite(db: DbClient): boolean {
  return (db as unknown as { _activeProvider?: string })._activeProvider === 'sqlite';
}

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

/** A date an aggregate returned (text on SQLite, where it loses its column type; a Date on PostgreSQL), or null. */
export function dateOf(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(String(value));
}
