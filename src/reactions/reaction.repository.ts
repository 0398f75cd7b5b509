import type { DbClient } from '../db/client.js';
import { PUBLIC_STATUS } from '../threads/visibility.js';

/** A comment readers can react to (approved, not deleted), with its thread's key; null otherwise. */
export function findReactableComment(db: DbClient, id: number) {
  return db.comment.findFirst({
    where: { id, status: PUBLIC_STATUS, deletedAt: null },
    select: { id: true, threadId: true, reactionCount: true, thread: { select: { key: true } } },
  });
}

/** True when this reader already reacts to the comment. */
export async function hasReaction(db: DbClient, commentId: number, readerKey: string): Promise<boolean> {
  return (await db.reaction.findUnique({ where: { commentId_readerKey: { commentId, readerKey } }, select: { id: true } })) !== null;
}

/**
 * Stores a reaction (the caller checked there is none; a racing twin fails on the unique index) and
 * returns the comment's new count. A reader's first reaction in the thread widens every comment's exposure.
 */
export async function insertReaction(db: DbClient, row: { commentId: number; threadId: number; readerKey: string; createdAt: Date }): Promise<number> {
  const seenInThread = await db.reaction.findFirst({ where: { threadId: row.threadId, readerKey: row.readerKey }, select: { id: true } });
  await db.reaction.create({ data: row });
  if (!seenInThread) await db.thread.update({ where: { id: row.threadId }, data: { reactorCount: { increment: 1 } } });
  const comment = await db.comment.update({ where: { id: row.commentId }, data: { reactionCount: { increment: 1 } }, select: { reactionCount: true } });
  return comment.reactionCount;
}

/** Removes every reaction of one reader; returns each comment's count after it, with its thread's key. */
export async function deleteReactionsOf(db: DbClient, readerKey: string): Promise<Array<{ id: number; reactionCount: number; threadKey: string }>> {
  const rows = await db.reaction.findMany({ where: { readerKey }, select: { commentId: true } });
  const after = [];
  for (const { commentId } of rows) {
    await db.reaction.deleteMany({ where: { commentId, readerKey } });
    after.push(
      await db.comment.update({ where: { id: commentId }, data: { reactionCount: { decrement: 1 } }, select: { id: true, reactionCount: true, thread: { select: { key: true } } } }),
    );
  }
  return after.map((comment) => ({ id: comment.id, reactionCount: comment.reactionCount, threadKey: comment.thread.key }));
}

/** Removes a reader's reaction if there is one; returns the comment's count after it. */
export async function deleteReaction(db: DbClient, commentId: number, readerKey: string): Promise<number> {
  const { count } = await db.reaction.deleteMany({ where: { commentId, readerKey } });
  const comment = await db.comment.update({
    where: { id: commentId },
    data: count > 0 ? { reactionCount: { decrement: count } } : {},
    select: { reactionCount: true },
  });
  return comment.reactionCount;
}
