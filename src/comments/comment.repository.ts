import type { Db, DbClient } from '../db/client.js';
import { Prisma, type Comment, type CommentStatus, type Flag, type Thread } from '../db/models.js';
import { dateOf, idList, indexedBy, insertSql, isSqlite, isTrue, jsonValue, statusLiteral, readRows, updateSql } from '../db/hot-sql.js';
import { commentSearchText } from '../text/search-text.js';
import type { DecisionActor } from './comment.schemas.js';
import { STANDING_DECISION, STANDING_DECISION_FIELDS, type StandingDecision } from './standing-decision.js';
import type { PlacedLink } from '../threads/visibility.js';

/** Finds a comment by id. */
export function findComment(db: DbClient, id: number): Promise<Comment | null> {
  return db.comment.findUnique({ where: { id } });
}

/** Who posts what where: what the flood and duplicate rules ask about. */
export interface RecentPostsQuery {
  authorKey: string;
  ipHash: string | null;
  threadId: number | null;
  bodyHash: string;
}

/** What the flood and duplicate rules look at: when the same author or IP last posted, and whether this author already posted this text in this thread. */
export interface RecentPosts {
  lastPostAt: Date | null;
  duplicate: boolean;
}

/**
 * What the flood and duplicate rules look at, as one row (`at`, `duplicate`): the newest entry of the author's and
 * the IP's index, and whether this author already posted this text in this thread.
 */
function recentPostsSql(db: DbClient, post: RecentPostsQuery): Prisma.Sql {
  const byIp = post.ipHash
    ? Prisma.sql`UNION ALL SELECT MAX("createdAt") AS at FROM "Comment" ${indexedBy(db, 'Comment_ipHash_createdAt_idx')} WHERE "ipHash" = ${post.ipHash}`
    : Prisma.empty;
  // A new thread has no comments to repeat.
  const duplicate =
    post.threadId === null
      ? Prisma.sql`NULL`
      : Prisma.sql`EXISTS (SELECT 1 FROM "Comment" ${indexedBy(db, 'Comment_threadId_bodyHash_idx')}
          WHERE "threadId" = ${post.threadId} AND "bodyHash" = ${post.bodyHash} AND "authorKey" = ${post.authorKey} AND "deletedAt" IS NULL)`;
  return Prisma.sql`
    SELECT (SELECT MAX(at) FROM (
      SELECT MAX("createdAt") AS at FROM "Comment" ${indexedBy(db, 'Comment_authorKey_createdAt_idx')} WHERE "authorKey" = ${post.authorKey}
      ${byIp}
    ) latest) AS at, ${duplicate} AS duplicate`;
}

const recentPostsOf = (row: { at: unknown; duplicate: unknown } | undefined): RecentPosts => ({ lastPostAt: dateOf(row?.at), duplicate: isTrue(row?.duplicate) });

/** What the flood and duplicate rules look at, in one statement. */
export async function recentPosts(db: DbClient, post: RecentPostsQuery): Promise<RecentPosts> {
  const [row] = await readRows<Array<{ at: unknown; duplicate: unknown }>>(db, recentPostsSql(db, post));
  return recentPostsOf(row);
}

/**
 * On PostgreSQL, posts from one address are stored one at a time from here to their commit, so that the flood rule's
 * address part, checked again where a post is stored (insertLoggedComment), sees one stored a moment before by
 * another author: two transactions side by side cannot see each other's rows. One author's posts already wait for
 * each other on the author's row (ensureAuthor). SQLite has one writer, and a shared commit checks its posts in turn.
 */
export async function takeAddressTurn(db: DbClient, ipHash: string): Promise<void> {
  if (isSqlite(db)) return;
  await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${ipHash}, 0))`;
}

/** What a reply's transaction reads of its parent. */
export type StoredReplyParent = Pick<Comment, 'threadId' | 'status' | 'deletedAt' | 'hiddenByAncestor'>;

/**
 * A reply's parent as it is where the reply is stored (it was read before the transaction; a moderator may have hidden it,
 * or a comment above it, since). On PostgreSQL the parent and the conversation's top-level comment are share-locked until
 * the commit: a decision on the parent, and any decision that hides or shows replies in the conversation (it locks the
 * top-level comment first, lockConversation), either comes first, and the reply is refused, or waits for the reply, and
 * then sees it among the replies it hides or shows. Read by primary key alone: no planner may take a status index for it
 * (tests/db/query-plans.test.ts).
 */
export async function lockReplyParent(db: DbClient, parent: { id: number; rootId: number | null }): Promise<StoredReplyParent | null> {
  const ids = [...new Set([parent.id, parent.rootId ?? parent.id])];
  const rows = await db.$queryRaw<Array<StoredReplyParent & { id: number; hiddenByAncestor: unknown }>>`
    SELECT "id", "threadId", "status", "deletedAt", "hiddenByAncestor" FROM "Comment" WHERE "id" IN (${Prisma.join(ids)}) ${isSqlite(db) ? Prisma.empty : Prisma.sql`FOR SHARE`}`;
  const row = rows.find((candidate) => candidate.id === parent.id);
  return row ? { ...row, hiddenByAncestor: isTrue(row.hiddenByAncestor) } : null;
}

/**
 * On PostgreSQL, waits for the replies being stored in a conversation (lockReplyParent) and keeps new ones waiting until
 * the commit, before a change that hides or shows the replies below one of its comments reads them. SQLite has one writer.
 */
export async function lockConversation(db: DbClient, rootId: number): Promise<void> {
  if (isSqlite(db)) return;
  await db.$queryRaw`SELECT "id" FROM "Comment" WHERE "id" = ${rootId} FOR NO KEY UPDATE`;
}

/**
 * The comment's status now, and on PostgreSQL its row locked until the commit: a change that writes nothing to the row
 * (a confirmation) then waits for another one at once, instead of both finding nothing confirmed yet. SQLite has one writer.
 */
export async function lockedStatus(db: DbClient, id: number): Promise<string | null> {
  const rows = isSqlite(db)
    ? await db.$queryRaw<Array<{ status: string }>>`SELECT "status" FROM "Comment" WHERE "id" = ${id}`
    : await db.$queryRaw<Array<{ status: string }>>`SELECT "status"::text AS "status" FROM "Comment" WHERE "id" = ${id} FOR NO KEY UPDATE`;
  return rows[0]?.status ?? null;
}

/** A conversation as links (id, parent, status, hidden, deleted): its top-level comment, and its replies by the replies index. */
export async function findConversationLinks(db: DbClient, rootId: number): Promise<PlacedLink[]> {
  const rows = await db.$queryRaw<Array<PlacedLink & { hiddenByAncestor: unknown }>>`
    SELECT "id", "parentId", "status", "hiddenByAncestor", "deletedAt" FROM "Comment" WHERE "rootId" = ${rootId}
    UNION ALL SELECT "id", "parentId", "status", "hiddenByAncestor", "deletedAt" FROM "Comment" WHERE "id" = ${rootId}`;
  return rows.map((row) => ({ ...row, hiddenByAncestor: isTrue(row.hiddenByAncestor) }));
}

/** Sets `hiddenByAncestor` of some comments (replies whose ancestors changed; see hiddenByAncestorChanges). */
export async function setHiddenByAncestor(db: DbClient, ids: readonly number[], hidden: boolean): Promise<void> {
  if (ids.length === 0) return;
  await db.$executeRaw`UPDATE "Comment" SET "hiddenByAncestor" = ${Prisma.raw(hidden ? 'true' : 'false')} WHERE "id" IN (${idList(ids)})`;
}

/** The columns of a new comment as plain values (the ones left out take their defaults). */
export type NewComment = Omit<Prisma.CommentUncheckedCreateInput, 'status' | 'reasons' | 'signals' | 'authorBadges'> & {
  status: CommentStatus;
  reasons: unknown;
  signals?: unknown;
  authorBadges?: unknown;
};

/** A new comment's row as PostgreSQL returns it, with the recheck's two columns when asked. */
type RecheckedRow = Comment & { recentAt?: unknown; recentDuplicate?: unknown };

/**
 * Inserts a comment row with the first entry of its decision log (the pipeline's: from nothing to the comment's
 * status, at its moment) and returns the row, with what `recheck` finds of the comments others stored before this
 * one (not this one itself): a post is checked before its transaction, and another post may have been stored since.
 * Written as SQL: every post runs it, and Prisma's query builder compiled it anew each time (docs/decisions/0020).
 * PostgreSQL writes both and reads the recheck in one statement (a data-modifying WITH, whose own insert its main
 * query does not see), one round trip per post; SQLite, where a statement costs no round trip, runs them one by one.
 */
export async function insertLoggedComment(
  db: DbClient,
  data: NewComment,
  recheck: RecentPostsQuery | null,
): Promise<{ row: Comment; recent: RecentPosts | null }> {
  const insert = insertSql('Comment', commentValues(db, data));
  const actor: DecisionActor = 'pipeline';
  if (!isSqlite(db)) {
    const [recentColumns, recentFrom] = recheck
      ? [Prisma.sql`, recent.at AS "recentAt", recent.duplicate AS "recentDuplicate"`, Prisma.sql`, (${recentPostsSql(db, recheck)}) AS recent`]
      : [Prisma.empty, Prisma.empty];
    const [found] = await db.$queryRaw<RecheckedRow[]>`WITH inserted AS (${insert} RETURNING *),
        logged AS (INSERT INTO "Decision" ("commentId", "actor", "toStatus", "createdAt") SELECT "id", ${actor}::text, "status", "createdAt" FROM inserted)
        SELECT inserted.* ${recentColumns} FROM inserted ${recentFrom}`;
    if (!found) throw new Error('the comment insert returned no row');
    const { recentAt, recentDuplicate, ...row } = found;
    return { row, recent: recheck ? recentPostsOf({ at: recentAt, duplicate: recentDuplicate }) : null };
  }
  const recent = recheck ? await recentPosts(db, recheck) : null;
  const [inserted] = await db.$queryRaw<Comment[]>`${insert} RETURNING *`;
  if (!inserted) throw new Error('the comment insert returned no row');
  await insertDecision(db, { commentId: inserted.id, actor, moderatorId: null, fromStatus: null, toStatus: inserted.status, note: null, batchId: null, createdAt: inserted.createdAt });
  return { row: inserted, recent };
}

/** True when any comment replies to this one (read within its conversation, by the replies index). */
export async function hasReplies(db: DbClient, comment: Pick<Comment, 'id' | 'rootId'>): Promise<boolean> {
  return (await db.comment.findFirst({ where: { rootId: comment.rootId ?? comment.id, parentId: comment.id }, select: { id: true } })) !== null;
}

/** A comment with its thread and reader flags (oldest first): what a change reads once and hands to everyone after it. */
export type CommentRecord = Comment & { thread: Thread; flags: Array<Pick<Flag, 'reason' | 'note' | 'createdAt'>> };

/** A comment with its thread and flags. */
export async function findCommentRecord(db: DbClient, id: number): Promise<CommentRecord | null> {
  return (await findCommentRecords(db, [id]))[0] ?? null;
}

/**
 * Many comments with their threads and flags: three statements whatever their number, as SQL a unit of work runs
 * prepared once (docs/decisions/0021). Prisma's builder decoded the 500 rows of a bulk decision in about a fifth of
 * its time, on the event loop, inside the transaction.
 */
export async function findCommentRecords(db: DbClient, ids: readonly number[]): Promise<CommentRecord[]> {
  if (ids.length === 0) return [];
  const comments = await readRows<Comment[]>(db, Prisma.sql`SELECT * FROM "Comment" WHERE "id" IN (${idList(ids)})`);
  if (comments.length === 0) return [];
  const threadIds = [...new Set(comments.map((comment) => comment.threadId))];
  const threads = new Map((await readRows<Thread[]>(db, Prisma.sql`SELECT * FROM "Thread" WHERE "id" IN (${idList(threadIds)})`)).map((thread) => [thread.id, thread]));
  const flags = await readRows<Array<CommentRecord['flags'][number] & { commentId: number }>>(db, Prisma.sql`
    SELECT "commentId", "reason", "note", "createdAt" FROM "Flag" WHERE "commentId" IN (${idList(comments.map((comment) => comment.id))}) ORDER BY "id" ASC`);
  const flagsOf = new Map<number, CommentRecord['flags']>();
  for (const { commentId, ...flag } of flags) {
    const list = flagsOf.get(commentId);
    if (list) list.push(flag);
    else flagsOf.set(commentId, [flag]);
  }
  return comments.map((comment) => ({ ...comment, thread: threads.get(comment.threadId) as Thread, flags: flagsOf.get(comment.id) ?? [] }));
}

/** The columns a change may write, as plain values (so the caller knows the row after it without reading it again). */
export type CommentFields = Partial<Omit<Comment, 'id' | 'threadId' | 'reasons' | 'signals' | 'authorBadges'>> & { reasons?: Prisma.InputJsonValue; signals?: Prisma.InputJsonValue; authorBadges?: Prisma.InputJsonValue };

/** Whether a moderator's decision (not undone) is in the comment's history. */
export async function isModeratorDecided(db: DbClient, commentId: number): Promise<boolean> {
  const found = await db.decision.findFirst({ where: { commentId, moderatorId: { not: null }, undoneAt: null }, select: { id: true } });
  return found !== null;
}

/** The newest standing entry of a comment's decision log (STANDING_DECISION): who decided, and to what. */
export function findLatestDecision(db: DbClient, commentId: number): Promise<StandingDecision | null> {
  return db.decision.findFirst({ where: { commentId, ...STANDING_DECISION }, orderBy: { id: 'desc' }, select: STANDING_DECISION_FIELDS });
}

/**
 * Writes a change only if the comment is still in `status`; false when someone changed it first.
 * Written as SQL: a bulk decision runs it for every comment (docs/decisions/0020).
 */
export async function updateCommentInStatus(db: DbClient, id: number, status: CommentStatus, fields: CommentFields, unchangedSince?: Date): Promise<boolean> {
  const since = unchangedSince ? Prisma.sql` AND "updatedAt" = ${unchangedSince}` : Prisma.empty;
  const count = await db.$executeRaw`${updateSql('Comment', commentValues(db, fields))} WHERE "id" = ${id} AND "status" = ${statusLiteral(status)}${since}`;
  return count === 1;
}

const JSON_COLUMNS = ['reasons', 'signals', 'authorBadges'] as const;

/** A comment's given values as SQL takes them: the status as an enum literal, the JSON columns as JSON. */
function commentValues(db: DbClient, values: { status?: CommentStatus } & Partial<Record<(typeof JSON_COLUMNS)[number], unknown>>): Record<string, unknown> {
  const row: Record<string, unknown> = { ...values };
  if (values.status !== undefined) row.status = statusLiteral(values.status);
  for (const column of JSON_COLUMNS) if (values[column] !== undefined) row[column] = jsonValue(db, values[column]);
  return row;
}

/** Deletes a comment only if it is still in `status`; false when someone changed it first. */
export async function deleteCommentInStatus(db: DbClient, id: number, status: CommentStatus): Promise<boolean> {
  const { count } = await db.comment.deleteMany({ where: { id, status } });
  return count === 1;
}

/** Appends one entry to a comment's decision log. */
export async function insertDecision(
  db: DbClient,
  entry: {
    commentId: number;
    actor: DecisionActor;
    fromStatus: CommentStatus | null;
    toStatus: CommentStatus;
    /** Set for entries that record something besides a status change (`feature`, `unfeature`, a moderator's `confirm`), or an `undo`'s. */
    action?: string | null;
    note: string | null;
    moderatorId: number | null;
    batchId: string | null;
    createdAt: Date;
  },
): Promise<void> {
  const statuses = { fromStatus: entry.fromStatus === null ? null : statusLiteral(entry.fromStatus), toStatus: statusLiteral(entry.toStatus) };
  await db.$executeRaw`${insertSql('Decision', { ...entry, ...statuses })}`;
}

/** Fills in the search text of up to `limit` comments stored before it existed; returns how many it filled. */
export async function fillMissingSearchText(db: Db, limit: number): Promise<number> {
  const rows = await db.comment.findMany({ where: { searchText: null }, select: { id: true, authorName: true, body: true }, take: limit });
  await db.$transaction(rows.map((row) => db.comment.update({ where: { id: row.id }, data: { searchText: commentSearchText(row) } })));
  return rows.length;
}
