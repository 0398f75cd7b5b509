import type { DbClient } from '../db/client.js';
import { isSqlite } from '../db/hot-sql.js';
import { PUBLIC_STATUS } from '../threads/visibility.js';

/** A comment readers can react to (they see it: approved beneath approved comments; not deleted), with its thread's key; null otherwise. */
export function findReactableComment(db: DbClient, id: number) {
  return db.comment.findFirst({
    where: { id, status: PUBLIC_STATUS, hiddenByAncestor: false, deletedAt: null },
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
  // One reader's first reactions in a thread at once (PostgreSQL) would each find none and count them twice: the second
  // waits for the first's commit, then finds it. SQLite has one writer.
  if (!isSqlite(db)) await db.$executeRaw`SELECT pg_advisory_xact_lock(${row.threadId}::int, hashtext(${row.readerKey}))`;
  const seenInThread = await db.reaction.findFirst({ where: { threadId: row.threadId, readerKey: row.readerKey }, select: { id: true } });
  await db.reaction.create({ data: row });
  if (!seenInThread) await db.thread.update({ where: { id: row.threadId }, data: { reactorCount: { increment: 1 } } });
  const comment = await db.comment.update({ where: { id: row.commentId }, data: { reactionCount: { increment: 1 } }, select: { reactionCount: true } });
  return comment.reactionCount;
}

/**
 * Removes every reaction of one reader (one per comment, by the unique index) and returns each comment's count after
 * it, with its thread's key: three statements however many comments it reacted to (no list of ids to outgrow a
 * statement's parameters).
 */
export async function deleteReactionsOf(db: DbClient, readerKey: string): Promise<Array<{ id: number; reactionCount: number; threadKey: string }>> {
  const reactedTo = { reactions: { some: { readerKey } } };
  await db.comment.updateMany({ where: reactedTo, data: { reactionCount: { decrement: 1 } } });
  const after = await db.comment.findMany({ where: reactedTo, select: { id: true, reactionCount: true, thread: { select: { key: true } } } });
  await db.reaction.deleteMany({ where: { readerKey } });
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
