import type { DbClient } from '../db/client.js';
import type { Prisma } from '../generated/sqlite/client.js';
import { commentSearchText } from '../text/search-text.js';

/** The author key anonymised comments move to: not an address, so no reader can ever post as it. */
export const ANONYMOUS_AUTHOR_KEY = '~anonymous';

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
export async function recordPrivacyAction(db: DbClient, entry: { subjectHash: string; action: string; moderatorId: number; commentIds: number[]; createdAt: Date }): Promise<void> {
  await db.privacyAction.create({ data: { ...entry, commentIds: entry.commentIds as Prisma.InputJsonArray } });
}

/** Strips a comment of everything that identifies its author; the text stays (mode "anonymise"). */
export function anonymiseComment(db: DbClient, comment: { id: number; body: string }, name: string, now: Date) {
  return db.comment.update({
    where: { id: comment.id },
    data: {
      authorName: name,
      authorEmail: '',
      authorUrl: null,
      authorKey: ANONYMOUS_AUTHOR_KEY,
      ipHash: null,
      userAgent: null,
      notify: false,
      searchText: commentSearchText({ authorName: name, body: comment.body }),
      updatedAt: now,
    },
  });
}

/** Erases a comment that has replies, keeping its place as a tombstone (mode "delete"). */
export function tombstoneForErasure(db: DbClient, id: number, now: Date) {
  return db.comment.update({
    where: { id },
    data: {
      body: '',
      authorName: '',
      authorEmail: '',
      authorUrl: null,
      authorKey: ANONYMOUS_AUTHOR_KEY,
      ipHash: null,
      userAgent: null,
      notify: false,
      searchText: '',
      deletedAt: now,
      updatedAt: now,
    },
  });
}

/** Removes the author record and any queued mail to the address, once their comments are dealt with. */
export async function forgetAuthor(db: DbClient, authorKey: string, addresses: string[]): Promise<void> {
  await db.author.deleteMany({ where: { emailKey: authorKey } });
  if (addresses.length > 0) await db.outgoingMail.deleteMany({ where: { to: { in: addresses } } });
}

/** Writes a privacy entry into a comment's decision log (status unchanged). */
export async function recordPrivacyDecision(db: DbClient, comment: { id: number; status: Prisma.DecisionCreateManyInput['toStatus'] }, moderatorId: number, note: string, now: Date): Promise<void> {
  await db.decision.create({ data: { commentId: comment.id, actor: 'privacy', moderatorId, fromStatus: comment.status, toStatus: comment.status, note, createdAt: now } });
}
