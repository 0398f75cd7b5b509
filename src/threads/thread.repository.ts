import type { DbClient } from '../db/client.js';
import { PUBLIC_STATUS } from './visibility.js';
import { Prisma, type Comment, type Thread } from '../db/models.js';
import { countOf, indexedBy, statusLiteral } from '../db/hot-sql.js';

/** Finds a thread by the site's key. */
export function findThreadByKey(db: DbClient, key: string): Promise<Thread | null> {
  return db.thread.findUnique({ where: { key } });
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

// The queries of a thread read name their indexes (src/db/hot-sql.ts): each reads only the rows it returns or counts.
const TOP_LEVEL_INDEX = 'Comment_threadId_status_parentId_id_idx';
const REPLIES_INDEX = 'Comment_rootId_status_id_idx';

/** Counts the visible comments of a thread. */
export async function countApprovedComments(db: DbClient, threadId: number): Promise<number> {
  const [row] = await db.$queryRaw<Array<{ n: unknown }>>`
    SELECT COUNT(*) AS n FROM "Comment" ${indexedBy(db, TOP_LEVEL_INDEX)}
    WHERE "threadId" = ${threadId} AND "status" = ${statusLiteral(PUBLIC_STATUS)} AND "deletedAt" IS NULL`;
  return countOf(row?.n);
}

/** Approved, visible comment counts for many thread keys at once (absent keys are left out). */
export async function countApprovedByKeys(db: DbClient, keys: readonly string[]): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const rows = await db.$queryRaw<Array<{ key: string; n: unknown }>>`
    SELECT t."key" AS "key", COUNT(c."id") AS n
    FROM "Thread" t LEFT JOIN "Comment" c ${indexedBy(db, TOP_LEVEL_INDEX)}
      ON c."threadId" = t."id" AND c."status" = ${statusLiteral(PUBLIC_STATUS)} AND c."deletedAt" IS NULL
    WHERE t."key" IN (${Prisma.join([...keys])})
    GROUP BY t."key"`;
  return new Map(rows.map((row) => [row.key, countOf(row.n)]));
}

// A deleted comment stays in the database as a tombstone (its decision log with it); readers see the
// placeholder only where it holds a conversation together, i.e. while it has replies.
const SHOWN = Prisma.sql`("deletedAt" IS NULL OR EXISTS (SELECT 1 FROM "Comment" AS reply WHERE reply."parentId" = "Comment"."id"))`;

/** Approved comments of a thread for one page: top-level ones after the cursor, then all their replies. */
export async function findApprovedPage(
  db: DbClient,
  threadId: number,
  page: { sort: 'oldest' | 'newest'; limit: number; afterId: number | null },
): Promise<{ topLevel: Comment[]; replies: Comment[]; hasMore: boolean }> {
  const ascending = page.sort === 'oldest';
  const cursor = page.afterId === null ? Prisma.empty : ascending ? Prisma.sql`AND "id" > ${page.afterId}` : Prisma.sql`AND "id" < ${page.afterId}`;
  const topLevel = await db.$queryRaw<Comment[]>`
    SELECT * FROM "Comment" ${indexedBy(db, TOP_LEVEL_INDEX)}
    WHERE "threadId" = ${threadId} AND "status" = ${statusLiteral(PUBLIC_STATUS)} AND "parentId" IS NULL AND ${SHOWN} ${cursor}
    ORDER BY "id" ${Prisma.raw(ascending ? 'ASC' : 'DESC')} LIMIT ${page.limit + 1}`;
  const hasMore = topLevel.length > page.limit;
  const shown = topLevel.slice(0, page.limit);
  const replies =
    shown.length === 0
      ? []
      : await db.$queryRaw<Comment[]>`
          SELECT * FROM "Comment" ${indexedBy(db, REPLIES_INDEX)}
          WHERE "rootId" IN (${Prisma.join(shown.map((c) => c.id))}) AND "status" = ${statusLiteral(PUBLIC_STATUS)} AND ${SHOWN}
          ORDER BY "id" ASC`;
  return { topLevel: shown, replies, hasMore };
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
  return db.$queryRaw`
    SELECT "id", "reactionCount", "reactorsBefore" FROM "Comment" ${indexedBy(db, TOP_LEVEL_INDEX)}
    WHERE "threadId" = ${threadId} AND "status" = ${statusLiteral(PUBLIC_STATUS)} AND "parentId" IS NULL AND ${SHOWN}`;
}

/** Shown top-level comments by id (in the caller's order) with all their shown replies. */
export async function findApprovedByIds(db: DbClient, threadId: number, ids: readonly number[]): Promise<{ topLevel: Comment[]; replies: Comment[] }> {
  if (ids.length === 0) return { topLevel: [], replies: [] };
  const [rows, replies] = await Promise.all([
    db.$queryRaw<Comment[]>`
      SELECT * FROM "Comment" ${indexedBy(db, TOP_LEVEL_INDEX)}
      WHERE "threadId" = ${threadId} AND "status" = ${statusLiteral(PUBLIC_STATUS)} AND "parentId" IS NULL AND ${SHOWN} AND "id" IN (${Prisma.join([...ids])})`,
    db.$queryRaw<Comment[]>`
      SELECT * FROM "Comment" ${indexedBy(db, REPLIES_INDEX)}
      WHERE "rootId" IN (${Prisma.join([...ids])}) AND "status" = ${statusLiteral(PUBLIC_STATUS)} AND ${SHOWN}
      ORDER BY "id" ASC`,
  ]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return { topLevel: ids.flatMap((id) => byId.get(id) ?? []), replies };
}

/** The thread's editors' picks that readers can see, newest pick first. */
export function findPicks(db: DbClient, threadId: number, limit: number) {
  return db.comment.findMany({
    where: { threadId, status: PUBLIC_STATUS, deletedAt: null, featuredAt: { not: null } },
    orderBy: [{ featuredAt: 'desc' }, { id: 'desc' }],
    take: limit,
  });
}
