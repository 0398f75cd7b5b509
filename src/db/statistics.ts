// SQLite's planner chooses indexes from the statistics ANALYZE gathers, and it gathers none by itself.
// The hot queries name their indexes (hot-sql.ts), so they do not depend on them; every other query
// does, so statistics are refreshed after migrations and periodically. PostgreSQL's autovacuum keeps
// its own statistics. See docs/decisions/0012-flat-cost-hot-queries.md.

/**
 * Refreshes SQLite's statistics where they are missing or stale: `analysis_limit` bounds what ANALYZE
 * reads per index (a few milliseconds even on millions of rows, enough for the planner), and 0x10002
 * looks at every table, not only those the connection queried (SQLite's advice for long-lived connections).
 */
export const SQLITE_REFRESH_STATISTICS = ['PRAGMA analysis_limit = 1000', 'PRAGMA optimize = 0x10002'] as const;

/** How often a running instance refreshes SQLite's statistics. */
export const STATISTICS_REFRESH_MS = 60 * 60 * 1000;

/** Refreshes the planner's statistics where they are out of date (SQLite); PostgreSQL does it itself. */
export async function refreshPlannerStatistics(database: { provider: 'sqlite' | 'postgresql'; db: { $queryRawUnsafe(sql: string): Promise<unknown> } }): Promise<void> {
  if (database.provider !== 'sqlite') return;
  for (const statement of SQLITE_REFRESH_STATISTICS) await database.db.$queryRawUnsafe(statement);
}
