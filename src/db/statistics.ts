// SQLite's planner chooses indexes from the statistics ANALYZE gathers, and it gathers none by itself.
// The hot queries name their indexes (hot-sql.ts), so they do not depend on them; every other query
// does, so statistics are refreshed after migrations and periodically. PostgreSQL's autovacuum keeps
// its own statistics. See docs/decisions/0012-flat-cost-hot-queries.md.
import { SQLITE_SEARCH_TABLE } from './search-index.js';

/**
 * The fewest rows the statistics may claim for a table of the search index. The planner prefers a rowid range from
 * 5 rows on; and PRAGMA optimize analyses a table again when its size is 10 times off, which for a table without
 * an index means counting every page: a larger floor would have it recount a large index at every refresh.
 */
const SEARCH_TABLE_ROWS_FLOOR = 100;

/**
 * FTS5 keeps the search index with statements of its own, which nothing can hint: it drops a merged segment with
 * `DELETE FROM "CommentSearch_data" WHERE id >= ? AND id <= ?`. Statistics gathered while the index was nearly empty
 * (the migrations of a new installation) said 2 rows, and with them the planner scanned the whole table instead of
 * the rowid range: every few posts, a stall of the process as long as the index is big (0.2 s at 100,000 comments,
 * 0.8 s at 300,000). The index's tables never claim fewer than SEARCH_TABLE_ROWS_FLOOR rows (the other numbers
 * of a row, rows per key, are kept); `ANALYZE sqlite_schema` makes the connection plan with that at once.
 */
const SEARCH_TABLE_STATISTICS = `UPDATE sqlite_stat1 SET stat = '${SEARCH_TABLE_ROWS_FLOOR}' || substr(stat, instr(stat || ' ', ' '))
  WHERE (tbl = '${SQLITE_SEARCH_TABLE}' OR tbl LIKE '${SQLITE_SEARCH_TABLE}\\_%' ESCAPE '\\') AND CAST(stat AS INTEGER) < ${SEARCH_TABLE_ROWS_FLOOR}`;

/**
 * Refreshes SQLite's statistics where they are missing or stale: `analysis_limit` bounds what ANALYZE
 * reads per index (a few milliseconds even on millions of rows, enough for the planner), and 0x10002
 * looks at every table, not only those the connection queried (SQLite's advice for long-lived connections).
 * Then the search index's tables are kept from claiming to be small (SEARCH_TABLE_STATISTICS).
 */
export const SQLITE_REFRESH_STATISTICS = [
  'PRAGMA analysis_limit = 1000',
  'PRAGMA optimize = 0x10002',
  // Creates the statistics tables if PRAGMA optimize did not (it may find nothing to analyse).
  'ANALYZE sqlite_schema',
  SEARCH_TABLE_STATISTICS,
  // Loads the statistics into this connection, which plans (and FTS5 prepares its statements again) with them.
  'ANALYZE sqlite_schema',
] as const;

/** How often a running instance refreshes SQLite's statistics. */
export const STATISTICS_REFRESH_MS = 60 * 60 * 1000;

/** Refreshes the planner's statistics where they are out of date (SQLite); PostgreSQL does it itself. */
export async function refreshPlannerStatistics(database: { provider: 'sqlite' | 'postgresql'; db: { $queryRawUnsafe(sql: string): Promise<unknown> } }): Promise<void> {
  if (database.provider !== 'sqlite') return;
  for (const statement of SQLITE_REFRESH_STATISTICS) await database.db.$queryRawUnsafe(statement);
}
