import type { DbClient } from '../db/client.js';
import { PUBLIC_STATUS } from './visibility.js';
import { Prisma, type Comment, type Thread } from '../db/models.js';
import { countOf, indexedBy, statusLiteral, readRows, SQLITE_VISIBLE_THREAD_INDEX } from '../db/hot-sql.js';

/** Finds a thread by the site's key. */
export async function findThreadByKey(db: DbClient, key: string): Promise<Thread | null> {
  const [thread] = await readRows<Thread[]>(db, Prisma.sql`SELECT * FROM "Thread" WHERE "key" = ${key}`);
  return thread ?? null;
}

/**
 * Creates the thread on first use; later posts only fill in a title, URL or language it lacks, and
 * never a title or URL a moderator set. The caller passes only what a trusted page said
 * (article-address.ts). A caller that has just read the thread passes it, so the submit path does not read it twice.
 */
export async function ensureThread(
  db: DbClient,
  key: string,
  describe: { title?: string; url?: string; lang?: string },
  now: Date,
  known?: Thread | null,
): Promise<Thread> {
  const existing = known ?? (await db.thread.findUnique({ where: { key } }));
  const bySite = describe.title !== undefined || describe.url !== undefined ? { describedBy: 'site' } : {};
  if (!existing) {
    return db.thread.upsert({
      where: { key },
      create: { key, title: describe.title ?? null, url: describe.url ?? null, lang: describe.lang ?? null, ...bySite, createdAt: now },
      update: {},
    });
  }
  const bySiteAllowed = existing.describedBy !== 'moderator';
  const described = {
    ...(bySiteAllowed && existing.title === null && describe.title ? { title: describe.title } : {}),
    ...(bySiteAllowed && existing.url === null && describe.url ? { url: describe.url } : {}),
  };
  const missing = {
    ...described,
    ...(Object.keys(described).length > 0 ? bySite : {}),
    ...(existing.lang === null && describe.lang ? { lang: describe.lang } : {}),
  };
  return Object.keys(missing).length > 0 ? db.thread.update({ where: { id: existing.id }, data: missing }) : existing;
}

// Readers see an approved comment only while every comment above it is approved too (src/threads/visibility.ts):
// replies beneath a hidden comment are neither shown nor counted.
const NOTHING_HIDES_IT = Prisma.sql`"hiddenByAncestor" = false`;

// The queries of a thread read name their indexes (src/db/hot-sql.ts): each reads only the rows it returns or counts.
const TOP_LEVEL_INDEX = 'Comment_threadId_status_parentId_id_idx';
const REPLIES_INDEX = 'Comment_rootId_status_hiddenByAncestor_id_idx';

/** Counts the visible comments of a thread (approved beneath approved comments, not deleted). */
export async function countApprovedComments(db: DbClient, threadId: number): Promise<number> {
  const [row] = await readRows<Array<{ n: unknown }>>(db, Prisma.sql`
    SELECT COUNT(*) AS n FROM "Comment" ${indexedBy(db, SQLITE_VISIBLE_THREAD_INDEX)}
    WHERE "threadId" = ${threadId} AND "status" = ${statusLiteral(PUBLIC_STATUS)} AND ${NOTHING_HIDES_IT} AND "deletedAt" IS NULL`);
  return countOf(row?.n);
}

/** Approved, visible comment counts for many thread keys at once (absent keys are left out). */
export async function countApprovedByKeys(db: DbClient, keys: readonly string[]): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const rows = await readRows<Array<{ key: string; n: unknown }>>(db, Prisma.sql`
    SELECT t."key" AS "key", COUNT(c."id") AS n
    FROM "Thread" t LEFT JOIN "Comment" c ${indexedBy(db, SQLITE_VISIBLE_THREAD_INDEX)}
      ON c."threadId" = t."id" AND c."status" = ${statusLiteral(PUBLIC_STATUS)} AND c."hiddenByAncestor" = false AND c."deletedAt" IS NULL
    WHERE t."key" IN (${Prisma.join([...keys])})
    GROUP BY t."key"`);
  return new Map(rows.map((row) => [row.key, countOf(row.n)]));
}

// A deleted comment stays in the database as a tombstone (its decision log with it); readers see the placeholder only
// where it holds a conversation together, i.e. while a reply readers see sits right below it (the page leaves out one
// whose replies below are all placeholders too). Its replies are found in its conversation by the replies index:
// correlated on "parentId" alone, the check read every comment of the archive. A scalar subquery, not EXISTS, which
// PostgreSQL turns into one hash of every approved comment.
const SHOWN = Prisma.sql`("deletedAt" IS NULL OR (SELECT 1 FROM "Comment" AS reply
  WHERE reply."rootId" = COALESCE("Comment"."rootId", "Comment"."id") AND reply."status" = ${statusLiteral(PUBLIC_STATUS)}
    AND reply."hiddenByAncestor" = false AND reply."parentId" = "Comment"."id" LIMIT 1) IS NOT NULL)`;

/** Approved top-level comments of a thread for one page, after the cursor; their replies come from findFirstReplies. */
export async function findApprovedPage(
  db: DbClient,
  threadId: number,
  page: { sort: 'oldest' | 'newest'; limit: number; afterId: number | null },
): Promise<{ topLevel: Comment[]; hasMore: boolean }> {
  const ascending = page.sort === 'oldest';
  const cursor = page.afterId === null ? Prisma.empty : ascending ? Prisma.sql`AND "id" > ${page.afterId}` : Prisma.sql`AND "id" < ${page.afterId}`;
  const topLevel = await readRows<Comment[]>(db, Prisma.sql`
    SELECT * FROM "Comment" ${indexedBy(db, TOP_LEVEL_INDEX)}
    WHERE "threadId" = ${threadId} AND "status" = ${statusLiteral(PUBLIC_STATUS)} AND "parentId" IS NULL AND ${SHOWN} ${cursor}
    ORDER BY "id" ${Prisma.raw(ascending ? 'ASC' : 'DESC')} LIMIT ${page.limit + 1}`);
  return { topLevel: topLevel.slice(0, page.limit), hasMore: topLevel.length > page.limit };
}

/**
 * The first `limit` shown replies of each conversation (by id, i.e. in the order they were written),
 * and one more where more follow: a LIMIT per conversation, so a page reads at most limit + 1 replies
 * of each of its conversations however long they are.
 */
export async function findFirstReplies(db: DbClient, rootIds: readonly number[], limit: number): Promise<Comment[]> {
  if (rootIds.length === 0) return [];
  const parts = rootIds.map(
    (rootId) => Prisma.sql`SELECT * FROM (SELECT * FROM "Comment" ${indexedBy(db, REPLIES_INDEX)}
      WHERE "rootId" = ${rootId} AND "status" = ${statusLiteral(PUBLIC_STATUS)} AND ${NOTHING_HIDES_IT} AND "id" > ${rootId} AND ${SHOWN}
      ORDER BY "id" ASC LIMIT ${limit + 1}) AS conversation`,
  );
  const rows = await readRows<Comment[]>(db, Prisma.sql`${Prisma.join(parts, ' UNION ALL ')}`);
  return rows.sort((a, b) => a.id - b.id);
}

/** The shown replies of one conversation after a reply id (or from its start), in order, at most `limit`. */
export function findRepliesAfter(db: DbClient, rootId: number, afterId: number, limit: number): Promise<Comment[]> {
  return readRows<Comment[]>(db, Prisma.sql`
    SELECT * FROM "Comment" ${indexedBy(db, REPLIES_INDEX)}
    WHERE "rootId" = ${rootId} AND "status" = ${statusLiteral(PUBLIC_STATUS)} AND ${NOTHING_HIDES_IT} AND "id" > ${Math.max(rootId, afterId)} AND ${SHOWN}
    ORDER BY "id" ASC LIMIT ${limit}`);
}

/** Shown replies per conversation (approved beneath approved comments; placeholders holding a shown reply included), counted by the replies index. */
export async function countRepliesByRoot(db: DbClient, rootIds: readonly number[]): Promise<Map<number, number>> {
  if (rootIds.length === 0) return new Map();
  const rows = await readRows<Array<{ rootId: number; n: unknown }>>(db, Prisma.sql`
    SELECT "rootId", COUNT(*) AS n FROM "Comment" ${indexedBy(db, REPLIES_INDEX)}
    WHERE "rootId" IN (${Prisma.join([...rootIds])}) AND "status" = ${statusLiteral(PUBLIC_STATUS)} AND ${NOTHING_HIDES_IT} AND "id" <> "rootId" AND ${SHOWN}
    GROUP BY "rootId"`);
  return new Map(rows.map((row) => [Number(row.rootId), countOf(row.n)]));
}

/**
 * A conversation's opening comment when readers see it: approved, top-level, of this thread. Read by
 * its primary key alone and checked here, so no planner can take a status index for it. (A deleted
 * one without replies passes, and has no replies to show.)
 */
export async function findShownTopLevel(db: DbClient, threadId: number, id: number): Promise<Comment | null> {
  const [row] = await readRows<Comment[]>(db, Prisma.sql`SELECT * FROM "Comment" WHERE "id" = ${id}`);
  return row && row.threadId === threadId && row.status === PUBLIC_STATUS && row.parentId === null ? row : null;
}

/** Finds a thread by its internal id. */
export function findThreadById(db: DbClient, id: number): Promise<Thread | null> {
  return db.thread.findUnique({ where: { id } });
}

/** A moderator's change to a thread (creating it if it has no comment yet): open or closed, and its title and URL, which posts then leave alone. */
export function upsertThreadByModerator(
  db: DbClient,
  key: string,
  change: { closed?: boolean; title?: string | null; url?: string | null },
  now: Date,
): Promise<Thread> {
  const described = change.title !== undefined || change.url !== undefined ? { describedBy: 'moderator' } : {};
  const data = {
    ...(change.closed !== undefined ? { closed: change.closed } : {}),
    ...(change.title !== undefined ? { title: change.title } : {}),
    ...(change.url !== undefined ? { url: change.url } : {}),
    ...described,
  };
  return db.thread.upsert({ where: { key }, create: { key, ...data, createdAt: now }, update: data });
}

/** What ranking needs of every shown top-level comment of a thread (sort=best): three numbers per comment. */
export function findBestCandidates(db: DbClient, threadId: number): Promise<Array<{ id: number; reactionCount: number; reactorsBefore: number }>> {
  return readRows(db, Prisma.sql`
    SELECT "id", "reactionCount", "reactorsBefore" FROM "Comment" ${indexedBy(db, TOP_LEVEL_INDEX)}
    WHERE "threadId" = ${threadId} AND "status" = ${statusLiteral(PUBLIC_STATUS)} AND "parentId" IS NULL AND ${SHOWN}`);
}

/** Shown top-level comments by id, in the caller's order (their replies come from findFirstReplies). */
export async function findApprovedByIds(db: DbClient, threadId: number, ids: readonly number[]): Promise<Comment[]> {
  if (ids.length === 0) return [];
  const rows = await readRows<Comment[]>(db, Prisma.sql`
    SELECT * FROM "Comment" ${indexedBy(db, TOP_LEVEL_INDEX)}
    WHERE "threadId" = ${threadId} AND "status" = ${statusLiteral(PUBLIC_STATUS)} AND "parentId" IS NULL AND ${SHOWN} AND "id" IN (${Prisma.join([...ids])})`);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The thread's editors' picks that readers can see, newest pick first (prepared, as the rest of a page, so an uncached page never waits for a transaction). */
export function findPicks(db: DbClient, threadId: number, limit: number): Promise<Comment[]> {
  return readRows<Comment[]>(db, Prisma.sql`
    SELECT * FROM "Comment"
    WHERE "threadId" = ${threadId} AND "status" = ${statusLiteral(PUBLIC_STATUS)} AND ${NOTHING_HIDES_IT} AND "deletedAt" IS NULL AND "featuredAt" IS NOT NULL
    ORDER BY "featuredAt" DESC, "id" DESC LIMIT ${limit}`);
}

/** Records changes made outside the serving processes, and forgets those older than `forgetBefore` (every instance saw them long ago). */
export async function insertThreadChanges(db: DbClient, threadKeys: readonly string[], now: Date, forgetBefore: Date): Promise<void> {
  await db.threadChange.deleteMany({ where: { createdAt: { lt: forgetBefore } } });
  if (threadKeys.length > 0) await db.threadChange.createMany({ data: threadKeys.map((threadKey) => ({ threadKey, createdAt: now })) });
}

/** The newest recorded change's id (0 before any). */
export async function latestThreadChangeId(db: DbClient): Promise<number> {
  const row = await db.threadChange.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
  return row?.id ?? 0;
}

/** Changes recorded after `afterId`, oldest first, at most `limit`. */
export function findThreadChangesAfter(db: DbClient, afterId: number, limit: number): Promise<Array<{ id: number; threadKey: string }>> {
  return db.threadChange.findMany({ where: { id: { gt: afterId } }, orderBy: { id: 'asc' }, take: limit, select: { id: true, threadKey: true } });
}
