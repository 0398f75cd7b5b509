// The queue search's index lives in hand-written SQL only (migration 20261203194500_indexed_queue_search):
// Prisma's model cannot express an FTS5 table, triggers or pg_trgm GIN indexes. These names are the one list
// of those objects, for the search query, the drift check (which leaves them out) and the test that proves
// they exist after every migration. See docs/decisions/0018-indexed-queue-search.md.

/** SQLite: the external-content FTS5 table (trigram tokenizer) over "Comment"."searchText" and "authorKey". */
export const SQLITE_SEARCH_TABLE = 'CommentSearch';

/** SQLite: the triggers that keep {@link SQLITE_SEARCH_TABLE} in step with "Comment" (insert, delete, update). */
export const SQLITE_SEARCH_TRIGGERS = ['Comment_search_ai', 'Comment_search_ad', 'Comment_search_au'] as const;

/** PostgreSQL: the pg_trgm GIN indexes that answer LIKE '%…%' on the same two columns. */
export const POSTGRES_SEARCH_INDEXES = ['Comment_searchText_trgm_idx', 'Comment_authorKey_trgm_idx'] as const;

/** Whether a SQLite table belongs to the search index (the FTS5 table or one of its shadow tables). */
export function isSqliteSearchTable(name: string): boolean {
  return name === SQLITE_SEARCH_TABLE || name.startsWith(`${SQLITE_SEARCH_TABLE}_`);
}

/** Trigrams need three characters: shorter terms cannot use either index, and the queue falls back to a scan. */
export const MIN_INDEXED_TERM = 3;
