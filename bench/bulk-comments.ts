// Large archives made fast: threads, authors and comments inserted by the database itself (one
// INSERT … SELECT each), for `npm run bench -- --scale` and the query-plan tests' realistic statistics.
import type { Db } from '../src/db/client.js';

/** The shape of an archive: how many threads, authors and comments, and a tag that keeps keys apart. */
export interface ArchiveShape {
  tag: string;
  threads: number;
  authors: number;
  comments: number;
  /** Every how-manyth comment is pending (the rest approved); every how-manyth approved one replies to the thread's first. */
  pendingEvery?: number;
  replyEvery?: number;
}

const SQLITE_NOW = "'2026-01-01T00:00:00.000+00:00'";

/** A numbers table 1..n in each dialect. */
function numbers(postgres: boolean, n: number): string {
  const count = Math.trunc(n);
  return postgres ? `generate_series(1, ${count}) AS g(n)` : `(WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < ${count}) SELECT n FROM s) AS g`;
}

/** Inserts an archive of the given shape; comments are spread evenly over threads and authors. */
export async function insertArchive(db: Db, postgres: boolean, shape: ArchiveShape): Promise<void> {
  const tag = shape.tag.replace(/[^a-z0-9-]/g, '');
  const now = postgres ? 'now()' : SQLITE_NOW;
  const pendingEvery = Math.trunc(shape.pendingEvery ?? 10);
  const replyEvery = Math.trunc(shape.replyEvery ?? 3);
  const status = (value: string) => (postgres ? `'${value}'::"CommentStatus"` : `'${value}'`);
  const text = (expr: string) => (postgres ? `(${expr})::text` : `(${expr})`);
  await db.$executeRawUnsafe(`INSERT INTO "Thread" ("key", "title", "createdAt") SELECT '${tag}-' || ${text('g.n')}, 'Article ' || ${text('g.n')}, ${now} FROM ${numbers(postgres, shape.threads)}`);
  await db.$executeRawUnsafe(`INSERT INTO "Author" ("emailKey", "createdAt") SELECT '${tag}-' || ${text('g.n')} || '@example.org', ${now} FROM ${numbers(postgres, shape.authors)}`);
  const threadNo = `(g.n % ${Math.trunc(shape.threads)}) + 1`;
  const authorKey = `'${tag}-' || ${text(`(g.n % ${Math.trunc(shape.authors)}) + 1`)} || '@example.org'`;
  await db.$executeRawUnsafe(`
    INSERT INTO "Comment" ("threadId", "body", "authorName", "authorEmail", "authorKey", "status", "reasons", "bodyHash", "searchText",
                           "ipHash", "editTokenHash", "createdAt", "updatedAt")
    SELECT t."id", 'A reader''s view number ' || ${text('g.n')} || ' on the article, with some detail.', 'Reader ' || ${text('g.n')},
           ${authorKey}, ${authorKey},
           CASE WHEN g.n % ${pendingEvery} = 0 THEN ${status('pending')} ELSE ${status('approved')} END,
           '[]', 'h' || ${text('g.n')}, 'reader ' || ${text('g.n')} || ' a readers view on the article',
           'ip' || ${text(`g.n % ${Math.trunc(shape.authors * 2)}`)}, 'e', ${now}, ${now}
    FROM ${numbers(postgres, shape.comments)} JOIN "Thread" t ON t."key" = '${tag}-' || ${text(threadNo)}`);
  // Some approved comments become replies to their thread's first comment, so conversations exist at every size.
  await db.$executeRawUnsafe(`
    UPDATE "Comment" SET "parentId" = f.first, "rootId" = f.first, "depth" = 1
    FROM (SELECT "threadId", MIN("id") AS first FROM "Comment" WHERE "authorKey" LIKE '${tag}-%' GROUP BY "threadId") f
    WHERE "Comment"."threadId" = f."threadId" AND "Comment"."id" <> f.first AND "Comment"."id" % ${replyEvery} = 0
      AND "Comment"."status" = ${status('approved')} AND "Comment"."authorKey" LIKE '${tag}-%'`);
}
