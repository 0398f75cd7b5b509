import type { DbClient } from '../db/client.js';
import type { FlagReason } from '../db/models.js';
import { isUniqueViolation } from '../db/models.js';

/**
 * Takes the comment's row lock for the rest of the transaction (a no-op write), so two flags arriving
 * together are counted one after the other and the second sees the first.
 */
export async function lockFlagCount(db: DbClient, commentId: number): Promise<void> {
  await db.comment.update({ where: { id: commentId }, data: { flagCount: { increment: 0 } }, select: { id: true } });
}

/** When the newest counted flag of a comment came in, or null. */
export async function lastCountedFlagAt(db: DbClient, commentId: number): Promise<Date | null> {
  const row = await db.flag.findFirst({ where: { commentId, counted: true }, orderBy: { createdAt: 'desc' }, select: { createdAt: true } });
  return row?.createdAt ?? null;
}

/** Records a reader's flag; false when this reader had already flagged the comment. */
export async function insertFlag(
  db: DbClient,
  flag: { commentId: number; readerKey: string; reason: FlagReason; note: string | null; counted: boolean; createdAt: Date },
): Promise<boolean> {
  const existing = await db.flag.findUnique({ where: { commentId_readerKey: { commentId: flag.commentId, readerKey: flag.readerKey } } });
  if (existing) return false;
  try {
    await db.flag.create({ data: flag });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Adds one to a comment's flag count and returns the new count. */
export async function incrementFlagCount(db: DbClient, commentId: number): Promise<number> {
  const row = await db.comment.update({ where: { id: commentId }, data: { flagCount: { increment: 1 } }, select: { flagCount: true } });
  return row.flagCount;
}
