import type { Db, DbClient } from '../db/client.js';
import type { Comment, CommentStatus, Prisma } from '../db/models.js';
import { commentSearchText } from '../text/search-text.js';
import type { DecisionActor } from './comment.schemas.js';

/** Finds a comment by id. */
export function findComment(db: DbClient, id: number): Promise<Comment | null> {
  return db.comment.findUnique({ where: { id } });
}

/** When the same author or IP last posted, for flood control. */
export async function lastPostAt(db: DbClient, who: { authorKey: string; ipHash: string | null }): Promise<Date | null> {
  const latest = await db.comment.findFirst({
    where: { OR: [{ authorKey: who.authorKey }, ...(who.ipHash ? [{ ipHash: who.ipHash }] : [])] },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true },
  });
  return latest?.createdAt ?? null;
}

/** True when this author already posted this text in this thread. */
export async function duplicateExists(db: DbClient, threadId: number, authorKey: string, bodyHash: string): Promise<boolean> {
  const found = await db.comment.findFirst({ where: { threadId, authorKey, bodyHash, deletedAt: null }, select: { id: true } });
  return found !== null;
}

/** Inserts a comment row. */
export function insertComment(db: DbClient, data: Prisma.CommentUncheckedCreateInput): Promise<Comment> {
  return db.comment.create({ data });
}

/** True when any comment replies to this one. */
export async function hasReplies(db: DbClient, id: number): Promise<boolean> {
  return (await db.comment.findFirst({ where: { parentId: id }, select: { id: true } })) !== null;
}

const withThreadAndFlags = {
  thread: true,
  flags: { select: { reason: true, note: true, createdAt: true }, orderBy: { id: 'asc' } },
} satisfies Prisma.CommentInclude;

/** A comment with its thread and reader flags: what a change reads once and hands to everyone after it. */
export type CommentRecord = Prisma.CommentGetPayload<{ include: typeof withThreadAndFlags }>;

/** A comment with its thread and flags. */
export function findCommentRecord(db: DbClient, id: number): Promise<CommentRecord | null> {
  return db.comment.findUnique({ where: { id }, include: withThreadAndFlags });
}

/** The columns a change may write, as plain values (so the caller knows the row after it without reading it again). */
export type CommentFields = Partial<Omit<Comment, 'id' | 'threadId' | 'reasons'>> & { reasons?: Prisma.InputJsonValue };

/** Writes a change only if the comment is still in `status`; false when someone changed it first. */
export async function updateCommentInStatus(db: DbClient, id: number, status: CommentStatus, fields: CommentFields): Promise<boolean> {
  const { count } = await db.comment.updateMany({ where: { id, status }, data: fields });
  return count === 1;
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
    /** Set for entries that record something besides a status (`feature`, `unfeature`). */
    action?: string | null;
    note: string | null;
    moderatorId: number | null;
    batchId: string | null;
    createdAt: Date;
  },
): Promise<void> {
  await db.decision.create({ data: entry });
}

/** Fills in the search text of up to `limit` comments stored before it existed; returns how many it filled. */
export async function fillMissingSearchText(db: Db, limit: number): Promise<number> {
  const rows = await db.comment.findMany({ where: { searchText: null }, select: { id: true, authorName: true, body: true }, take: limit });
  await db.$transaction(rows.map((row) => db.comment.update({ where: { id: row.id }, data: { searchText: commentSearchText(row) } })));
  return rows.length;
}
