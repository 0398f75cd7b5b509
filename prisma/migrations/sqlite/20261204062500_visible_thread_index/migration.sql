-- A thread's visible comments counted from an index alone (docs/decisions/0012, addendum of 2026-12-04). Written by
-- hand: Prisma's model cannot state a partial index, so it lives in SQL only (src/db/hot-sql.ts names it, the drift
-- check in tests/db/migrations.test.ts leaves it out by that name, tests/db/query-plans.test.ts checks the counts use it).
-- Without it each counted comment cost a row lookup for "deletedAt", and in a grown archive a thread's comments lie
-- all over the table. SQLite only: on PostgreSQL such an index drew the queue search's "deletedAt" IS NULL away
-- from its trigram indexes.
-- "deletedAt" is a column too, always NULL here: SQLite counts a query as covered only by the columns it names.
CREATE INDEX "Comment_visible_threadId_status_idx" ON "Comment"("threadId", "status", "deletedAt") WHERE "deletedAt" IS NULL;
