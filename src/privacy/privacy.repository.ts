import type { DbClient } from '../db/client.js';
import type { Prisma } from '../generated/sqlite/client.js';

/** Everything stored under one normalised address: the author record and their comments with decisions. */
export async function findSubjectData(db: DbClient, authorKey: string) {
  const [author, comments] = await Promise.all([
    db.author.findUnique({ where: { emailKey: authorKey } }),
    db.comment.findMany({
      where: { authorKey },
      orderBy: { id: 'asc' },
      include: { thread: { select: { key: true, title: true, url: true } }, decisions: { orderBy: { id: 'asc' } } },
    }),
  ]);
  return { author, comments };
}

/** Past privacy requests about a subject (by keyed hash). */
export function findPrivacyActions(db: DbClient, subjectHash: string) {
  return db.privacyAction.findMany({ where: { subjectHash }, orderBy: { id: 'asc' } });
}

/** Appends to the privacy audit log. */
export async function recordPrivacyAction(db: DbClient, entry: { subjectHash: string; action: string; moderatorId: number | null; commentIds: number[]; createdAt: Date }): Promise<void> {
  await db.privacyAction.create({ data: { ...entry, commentIds: entry.commentIds as Prisma.InputJsonArray } });
}

/** Removes the author record and any queued mail to the address, once their comments are dealt with. */
export async function forgetAuthor(db: DbClient, authorKey: string, addresses: string[]): Promise<void> {
  await db.author.deleteMany({ where: { emailKey: authorKey } });
  if (addresses.length > 0) await db.outgoingMail.deleteMany({ where: { to: { in: addresses } } });
}

