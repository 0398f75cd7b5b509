import type { Db, DbClient } from '../db/client.js';
import type { Comment, CommentStatus, Prisma } from '../db/models.js';
import { commentSearchText } from '../text/search-text.js';

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

/** Changes a comment's text and moderation outcome after an edit by its author. */
export function updateCommentBody(
  db: DbClient,
  comment: Pick<Comment, 'id' | 'authorName'>,
  change: { body: string; bodyHash: string; status: CommentStatus; reasons: Prisma.InputJsonValue; editedAt: Date },
): Promise<Comment> {
  const searchText = commentSearchText({ authorName: comment.authorName, body: change.body });
  return db.comment.update({ where: { id: comment.id }, data: { ...change, searchText, updatedAt: change.editedAt } });
}

/** True when any comment replies to this one. */
export async function hasReplies(db: DbClient, id: number): Promise<boolean> {
  return (await db.comment.findFirst({ where: { parentId: id }, select: { id: true } })) !== null;
}

/** Removes a comment without replies. */
export async function deleteComment(db: DbClient, id: number): Promise<void> {
  await db.comment.delete({ where: { id } });
}

/** Keeps a deleted comment's place in a conversation but erases what its author wrote. */
export function tombstoneComment(db: DbClient, id: number, now: Date): Promise<Comment> {
  return db.comment.update({
    where: { id },
    data: { body: '', authorName: '', authorEmail: '', authorUrl: null, userAgent: null, ipHash: null, searchText: '', deletedAt: now, updatedAt: now },
  });
}

/** Fills in the search text of up to `limit` comments stored before it existed; returns how many it filled. */
export async function fillMissingSearchText(db: Db, limit: number): Promise<number> {
  const rows = await db.comment.findMany({ where: { searchText: null }, select: { id: true, authorName: true, body: true }, take: limit });
  await db.$transaction(rows.map((row) => db.comment.update({ where: { id: row.id }, data: { searchText: commentSearchText(row) } })));
  return rows.length;
}
