-- Queue search through an index (docs/decisions/0018-indexed-queue-search.md). Written by hand: Prisma's
-- SQLite-first model cannot express these GIN indexes, so they live in SQL only (the drift check in
-- tests/db/migrations.test.ts leaves them out by name, and tests/db/search-index.test.ts checks they exist).
--
-- pg_trgm lets a GIN index answer LIKE '%…%' on the already folded search text and on the author key.
-- CREATE EXTENSION needs a role allowed to create it: a superuser, or on PostgreSQL 13+ any role with CREATE on
-- the database (pg_trgm is a trusted extension). With IF NOT EXISTS an administrator may create it beforehand.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Built in the migration's transaction: writes to "Comment" wait while it builds (seconds per 100k comments).
CREATE INDEX "Comment_searchText_trgm_idx" ON "Comment" USING GIN ("searchText" gin_trgm_ops);
CREATE INDEX "Comment_authorKey_trgm_idx" ON "Comment" USING GIN ("authorKey" gin_trgm_ops);
