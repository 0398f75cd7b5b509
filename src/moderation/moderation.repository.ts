import type { DbClient } from '../db/client.js';
import { emailKey } from '../authors/email.js';
import { identityStandingSql, standingOf } from '../authors/identity-standing.js';
import { idList, isSqlite, readRows, statusLiteral } from '../db/hot-sql.js';
import { Prisma, type AuthorStatus, type Comment, type CommentStatus } from '../db/models.js';
import { MIN_INDEXED_TERM, SQLITE_SEARCH_TABLE } from '../db/search-index.js';
import { foldForSearch } from '../text/search-text.js';
import { STANDING_DECISION, STANDING_DECISION_FIELDS } from '../comments/standing-decision.js';

const itemInclude = {
  thread: { select: { key: true, title: true, url: true } },
  flags: { select: { reason: true, note: true, createdAt: true }, orderBy: { id: 'asc' } },
  // The newest standing entry: whether a moderator decided the status (isModeratorsStatus).
  decisions: { where: STANDING_DECISION, orderBy: { id: 'desc' }, take: 1, select: STANDING_DECISION_FIELDS },
} satisfies Prisma.CommentInclude;

/** A comment as moderators see it, with its thread and flags. */
export type QueueRow = Prisma.CommentGetPayload<{ include: typeof itemInclude }>;

/** How the queue can be ordered. */
export type QueueOrder = 'newest' | 'riskiest' | 'safest';

const ORDER_BY: Record<QueueOrder, Prisma.CommentOrderByWithRelationInput[]> = {
  newest: [{ id: 'desc' }],
  riskiest: [{ riskScore: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }],
  safest: [{ riskScore: { sort: 'asc', nulls: 'last' } }, { id: 'desc' }],
};

/** Where the next page starts: the last row's id, and for the risk orders its score too (keyset pagination, stable while the queue changes). */
function cursorOf(sort: QueueOrder, row: { id: number; riskScore: number | null }): string {
  return sort === 'newest' ? String(row.id) : `${row.riskScore ?? 'none'}:${row.id}`;
}

/** The rows after a cursor in the given order; unscored comments come last in both risk orders. */
function after(sort: QueueOrder, cursor: string): Prisma.CommentWhereInput {
  const [scoreText, idText] = cursor.includes(':') ? cursor.split(':') : [undefined, cursor];
  const id = Number(idText);
  if (sort === 'newest' || scoreText === undefined) return { id: { lt: id } };
  if (scoreText === 'none') return { riskScore: null, id: { lt: id } };
  const score = Number(scoreText);
  const beyond = sort === 'riskiest' ? { lt: score } : { gt: score };
  return { OR: [{ riskScore: beyond }, { riskScore: score, id: { lt: id } }, { riskScore: null }] };
}

/** What a query is matched against: its folded form in the search text, its normalised form in the address. */
function searchTerms(q: string): { text: string; address: string } {
  return { text: foldForSearch(q), address: emailKey(q.trim()) };
}

/**
 * Matches a query in the folded name and body (case, diacritics and Arabic letter variants do not
 * matter) or in the normalised address, the same way on SQLite and PostgreSQL. This is the scan the
 * indexed search falls back to for terms too short for trigrams.
 */
function searchFilter(q: string): Prisma.CommentWhereInput {
  const { text, address } = searchTerms(q);
  return { OR: [...(text ? [{ searchText: { contains: text } }] : []), { authorKey: { contains: address } }] };
}

/** Whether both terms are long enough for the trigram indexes (an empty folded text is simply not searched). */
function indexable(terms: { text: string; address: string }): boolean {
  const long = (term: string) => [...term].length >= MIN_INDEXED_TERM;
  return long(terms.address) && (terms.text === '' || long(terms.text));
}

/** An FTS5 phrase: a quoted string, which the trigram tokenizer turns into a plain substring test. */
function phrase(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

/** A LIKE pattern matching `term` anywhere, with LIKE's own characters taken literally (escaped with a backslash, named in `ESCAPE`). */
function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Whether a term holds LIKE's own characters, which Prisma's `contains` would take as wildcards (`%` matched every comment). */
function hasLikeCharacters(terms: { text: string; address: string }): boolean {
  return /[\\%_]/.test(terms.text + terms.address);
}

/** The FTS5 query for both terms, each limited to its column. */
function searchMatch(terms: { text: string; address: string }): string {
  return [...(terms.text ? [`searchText : ${phrase(terms.text)}`] : []), `authorKey : ${phrase(terms.address)}`].join(' OR ');
}

/** The SQL form of {@link after}: the rows after a cursor in the given order. */
function afterSql(sort: QueueOrder, cursor: string, id: Prisma.Sql): Prisma.Sql {
  const [scoreText, idText] = cursor.includes(':') ? cursor.split(':') : [undefined, cursor];
  const lastId = Number(idText);
  if (sort === 'newest' || scoreText === undefined) return Prisma.sql`${id} < ${lastId}`;
  if (scoreText === 'none') return Prisma.sql`c."riskScore" IS NULL AND ${id} < ${lastId}`;
  const score = Number(scoreText);
  const beyond = sort === 'riskiest' ? Prisma.sql`c."riskScore" < ${score}` : Prisma.sql`c."riskScore" > ${score}`;
  return Prisma.sql`(${beyond} OR (c."riskScore" = ${score} AND ${id} < ${lastId}) OR c."riskScore" IS NULL)`;
}

/**
 * The ids of one page of a queue search, through the search index: on SQLite the FTS5 trigram table
 * (read newest first when the page is, so a common term stops at the page's end), on PostgreSQL the
 * pg_trgm GIN indexes (for a term most comments contain, its planner may rather walk the primary key
 * newest first and stop at the page's end, which is cheap for just that reason). Same filters, order
 * and cursor as the Prisma query.
 */
async function searchPageIds(
  db: DbClient,
  filter: { status: CommentStatus; threadKey?: string; limit: number; cursor?: string; sort: QueueOrder },
  terms: { text: string; address: string },
  through: 'index' | 'like' = 'index',
): Promise<number[]> {
  // `like`: a term too short for the index but with LIKE's own characters, matched literally by a scan on either database.
  const sqlite = isSqlite(db);
  const fts = sqlite && through === 'index';
  const table = Prisma.raw(`"${SQLITE_SEARCH_TABLE}"`);
  // Newest first on SQLite orders and bounds by the FTS table's rowid (the comment id), which FTS5 serves in order.
  const id = fts && filter.sort === 'newest' ? Prisma.sql`${table}.rowid` : Prisma.sql`c."id"`;
  // PostgreSQL has no INDEXED BY: the status is compared as text so that its index is out of the planner's reach,
  // which otherwise prices a filtered walk of a whole tab below the GIN indexes (their estimates are pessimistic).
  const status = sqlite ? Prisma.sql`c."status"` : Prisma.sql`c."status"::text`;
  const conditions: Prisma.Sql[] = [Prisma.sql`${status} = ${statusLiteral(filter.status)}`, Prisma.sql`c."deletedAt" IS NULL`];
  if (filter.threadKey) conditions.push(Prisma.sql`c."threadId" = (SELECT t."id" FROM "Thread" t WHERE t."key" = ${filter.threadKey})`);
  if (filter.cursor) conditions.push(afterSql(filter.sort, filter.cursor, id));
  const order = filter.sort === 'newest'
    ? Prisma.sql`${id} DESC`
    : Prisma.sql`c."riskScore" ${Prisma.raw(filter.sort === 'riskiest' ? 'DESC' : 'ASC')} NULLS LAST, c."id" DESC`;
  const where = Prisma.join(conditions, ' AND ');
  let rows: Array<{ id: unknown }>;
  if (fts) {
    const match = searchMatch(terms);
    // CROSS JOIN keeps the FTS table the outer loop: SQLite never reorders it.
    rows = await db.$queryRaw<Array<{ id: unknown }>>`
      SELECT c."id" AS "id" FROM ${table} CROSS JOIN "Comment" c ON c."id" = ${table}.rowid
      WHERE ${table} MATCH ${match} AND ${where}
      ORDER BY ${order} LIMIT ${filter.limit + 1}`;
  } else {
    const text = terms.text ? Prisma.sql`c."searchText" LIKE ${containsPattern(terms.text)} ESCAPE '\\' OR ` : Prisma.empty;
    rows = await db.$queryRaw<Array<{ id: unknown }>>`
      SELECT c."id" AS "id" FROM "Comment" c
      WHERE (${text}c."authorKey" LIKE ${containsPattern(terms.address)} ESCAPE '\\') AND ${where}
      ORDER BY ${order} LIMIT ${filter.limit + 1}`;
  }
  return rows.map((row) => Number(row.id));
}

/**
 * A risk-ordered search can take the index only by sorting every match. Up to this many matches that is
 * cheap; beyond it, walking the tab's risk index and testing each comment (the scan path, which stops at
 * the page's end) finds a page of a common term sooner. Newest-first pages need no such switch (SQLite's
 * FTS table serves its matches newest first; PostgreSQL's planner may walk the primary key newest first).
 */
export const DENSE_MATCHES = 2000;

/** Whether a search matches at least {@link DENSE_MATCHES} comments (reading at most that many matches). */
async function isDense(db: DbClient, terms: { text: string; address: string }): Promise<boolean> {
  let rows: Array<{ n: unknown }>;
  if (isSqlite(db)) {
    const table = Prisma.raw(`"${SQLITE_SEARCH_TABLE}"`);
    rows = await db.$queryRaw<Array<{ n: unknown }>>`
      SELECT count(*) AS "n" FROM (SELECT rowid FROM ${table} WHERE ${table} MATCH ${searchMatch(terms)} LIMIT ${DENSE_MATCHES}) m`;
  } else {
    const text = terms.text ? Prisma.sql`c."searchText" LIKE ${containsPattern(terms.text)} OR ` : Prisma.empty;
    rows = await db.$queryRaw<Array<{ n: unknown }>>`
      SELECT count(*) AS "n" FROM (SELECT 1 FROM "Comment" c WHERE ${text}c."authorKey" LIKE ${containsPattern(terms.address)} LIMIT ${DENSE_MATCHES}) m`;
  }
  return Number(rows[0]?.n ?? 0) >= DENSE_MATCHES;
}

/** One page of the queue, newest first. */
export async function findQueuePage(
  db: DbClient,
  filter: { status: CommentStatus; threadKey?: string; q?: string; limit: number; cursor?: string; sort: QueueOrder },
): Promise<{ rows: QueueRow[]; nextCursor: string | null }> {
  const terms = filter.q ? searchTerms(filter.q) : undefined;
  let rows: QueueRow[];
  const useIndex = terms !== undefined && indexable(terms)
    && !(filter.sort !== 'newest' && (await isDense(db, terms)));
  if (terms && (useIndex || hasLikeCharacters(terms))) {
    const ids = await searchPageIds(db, filter, terms, useIndex ? 'index' : 'like');
    const found = ids.length === 0 ? [] : await db.comment.findMany({ where: { id: { in: ids } }, include: itemInclude });
    const byId = new Map(found.map((row) => [row.id, row]));
    rows = ids.flatMap((id) => byId.get(id) ?? []);
  } else {
    rows = await db.comment.findMany({
      where: {
        status: filter.status,
        deletedAt: null,
        ...(filter.threadKey ? { thread: { key: filter.threadKey } } : {}),
        ...(filter.q ? searchFilter(filter.q) : {}),
        ...(filter.cursor ? after(filter.sort, filter.cursor) : {}),
      },
      include: itemInclude,
      orderBy: ORDER_BY[filter.sort],
      take: filter.limit + 1,
    });
  }
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > filter.limit && last ? cursorOf(filter.sort, last) : null };
}

/** One comment as moderators see it. */
export function findQueueRow(db: DbClient, id: number): Promise<QueueRow | null> {
  return db.comment.findUnique({ where: { id }, include: itemInclude });
}

/**
 * How many comments (not deleted) are in each status, for the dashboard tabs and /metrics: a sum over a
 * few counter rows that database triggers keep in step with Comment, so the cost does not grow with the
 * archive (prisma/migrations/*_comment_status_counts).
 */
export async function countByStatus(db: DbClient): Promise<Record<CommentStatus, number>> {
  const groups = await db.commentStatusCount.groupBy({ by: ['status'], _sum: { n: true } });
  const counts: Record<CommentStatus, number> = { pending: 0, flagged: 0, approved: 0, rejected: 0, spam: 0 };
  for (const group of groups) if (group.status in counts) counts[group.status as CommentStatus] = group._sum.n ?? 0;
  return counts;
}

/** Whether any decision was made under this batch id (with `undone`, any that an undo restored). */
export async function isKnownBatch(db: DbClient, batchId: string, only: { undone?: true } = {}): Promise<boolean> {
  const where = only.undone ? { batchId, undoneAt: { not: null } } : { batchId };
  return (await db.decision.findFirst({ where, select: { id: true } })) !== null;
}

/** The decisions of one bulk action that have not been undone. */
export function findBatchDecisions(db: DbClient, batchId: string) {
  // SQL a unit runs prepared once: a batch is up to 500 rows, decoded on the event loop inside the undo's transaction.
  // `latestId`: the comment's newest log entry, read from its (commentId, id) index (a scalar subquery: PostgreSQL would
  // hash the whole log for an EXISTS); a later one than the batch's means someone changed the comment since.
  return readRows<Array<{ id: number; commentId: number; action: string | null; fromStatus: CommentStatus | null; toStatus: CommentStatus; createdAt: Date; latestId: number }>>(
    db,
    Prisma.sql`SELECT d."id", d."commentId", d."action", d."fromStatus", d."toStatus", d."createdAt",
      (SELECT MAX(later."id") FROM "Decision" later WHERE later."commentId" = d."commentId") AS "latestId"
      FROM "Decision" d WHERE d."batchId" = ${batchId} AND d."undoneAt" IS NULL ORDER BY d."id" ASC`,
  );
}

/** Marks decisions as undone. */
export async function markUndone(db: DbClient, ids: number[], at: Date): Promise<void> {
  if (ids.length > 0) await db.$executeRaw`UPDATE "Decision" SET "undoneAt" = ${at} WHERE "id" IN (${idList(ids)})`;
}

/** The decision log, newest first. */
export async function findDecisionLog(db: DbClient, page: { limit: number; cursor?: number; commentId?: number }) {
  const rows = await db.decision.findMany({
    where: { ...(page.cursor ? { id: { lt: page.cursor } } : {}), ...(page.commentId ? { commentId: page.commentId } : {}) },
    include: { moderator: { select: { id: true, email: true } }, comment: { select: { thread: { select: { key: true } } } } },
    orderBy: { id: 'desc' },
    take: page.limit + 1,
  });
  const shown = rows.slice(0, page.limit);
  return { rows: shown, nextCursor: rows.length > page.limit ? (shown.at(-1)?.id ?? null) : null };
}

/** What a policy preview replays of a comment. */
export type ReplayedComment = Pick<Comment, 'id' | 'status' | 'body' | 'authorName' | 'authorEmail' | 'authorUrl' | 'authorKey' | 'knownAuthor' | 'createdAt' | 'signals'> & {
  author: { status: AuthorStatus };
};

/** One range of the index on the comments' time, newest first: only the columns the replay reads, and each author's status. */
async function replayedPage(db: DbClient, range: Prisma.Sql, limit: number): Promise<ReplayedComment[]> {
  // The author's standing as a post's checks read it: a ban set on another spelling of the address counts too.
  const identity = Prisma.sql`(SELECT me."identityKey" FROM "Author" me WHERE me."emailKey" = c."authorKey")`;
  const rows = await readRows<Array<Omit<ReplayedComment, 'author'> & { standing: unknown }>>(db, Prisma.sql`
    SELECT c."id", c."status", c."body", c."authorName", c."authorEmail", c."authorUrl", c."authorKey", c."knownAuthor", c."createdAt", c."signals",
      ${identityStandingSql(Prisma.sql`c."authorKey"`, identity)} AS "standing"
    FROM "Comment" c WHERE ${range} AND c."deletedAt" IS NULL
    ORDER BY c."createdAt" DESC, c."id" DESC LIMIT ${limit}`);
  return rows.map(({ standing, ...comment }) => ({ ...comment, author: { status: standingOf(standing) } }));
}

/**
 * Up to `limit` comments (not deleted) posted since `since`, newest first, after the comment `after`
 * (the last of the page before), from the index on their time: a page costs its own rows. Read as SQL through
 * the prepared path: Prisma's builder decoding 20,000 whole rows was about a third of a preview's time, on the event loop.
 */
export async function findCommentsPostedSince(db: DbClient, since: Date, after: { createdAt: Date; id: number } | null, limit: number): Promise<ReplayedComment[]> {
  if (!after) return replayedPage(db, Prisma.sql`c."createdAt" >= ${since}`, limit);
  // The rest of the last page's instant, then older ones: two ranges of the index, no OR for the planner to scan.
  const sameInstant = await replayedPage(db, Prisma.sql`c."createdAt" = ${after.createdAt} AND c."id" < ${after.id}`, limit);
  if (sameInstant.length === limit) return sameInstant;
  const older = await replayedPage(db, Prisma.sql`c."createdAt" >= ${since} AND c."createdAt" < ${after.createdAt}`, limit - sameInstant.length);
  return [...sameInstant, ...older];
}
