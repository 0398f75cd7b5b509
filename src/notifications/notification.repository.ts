import type { DbClient } from '../db/client.js';
import type { CommentStatus } from '../db/models.js';

/** The mail an author gets about their comments (an approval, a reply, a pick), which unsubscribing stops. */
const MAIL_ABOUT_COMMENTS = ['comment_approved', 'comment_reply', 'comment_featured'];

/**
 * Turns off notification mail for every comment of the author who wrote this one, and drops such mail to them not sent
 * yet (an SMTP outage may hold it for hours: "no more emails" means none); false when there is no such comment.
 */
export async function stopNotifyingAuthorOf(db: DbClient, commentId: number): Promise<boolean> {
  const comment = await db.comment.findUnique({ where: { id: commentId }, select: { authorKey: true } });
  if (!comment) return false;
  await db.comment.updateMany({ where: { authorKey: comment.authorKey, notify: true }, data: { notify: false } });
  const addresses = await db.comment.findMany({ where: { authorKey: comment.authorKey }, select: { authorEmail: true }, distinct: ['authorEmail'] });
  const to = addresses.map((row) => row.authorEmail).filter((address) => address !== '');
  if (to.length > 0) await db.outgoingMail.deleteMany({ where: { status: 'pending', kind: { in: MAIL_ABOUT_COMMENTS }, to: { in: to } } });
  return true;
}

/** Uses a confirmation token: the author it was issued to, now confirmed; null when unknown or already used (of two concurrent clicks exactly one wins). */
export async function confirmAuthorByToken(db: DbClient, tokenHash: string, now: Date): Promise<{ emailKey: string; latestThreadUrl: string | null } | null> {
  const author = await db.author.findUnique({ where: { confirmTokenHash: tokenHash } });
  if (!author) return null;
  const { count } = await db.author.updateMany({ where: { emailKey: author.emailKey, confirmTokenHash: tokenHash }, data: { confirmTokenHash: null, emailConfirmedAt: now } });
  if (count === 0) return null;
  const latest = await db.comment.findFirst({ where: { authorKey: author.emailKey }, orderBy: { id: 'desc' }, select: { thread: { select: { url: true } } } });
  return { emailKey: author.emailKey, latestThreadUrl: latest?.thread.url ?? null };
}

/** Whether a confirmation token is still waiting to be used (nothing changes). */
export async function confirmationTokenExists(db: DbClient, tokenHash: string): Promise<boolean> {
  return (await db.author.findUnique({ where: { confirmTokenHash: tokenHash }, select: { emailKey: true } })) !== null;
}

/** Of these author keys, the ones whose address its owner confirmed. */
export async function findConfirmedAuthorKeys(db: DbClient, emailKeys: readonly string[]): Promise<Set<string>> {
  const rows = await db.author.findMany({ where: { emailKey: { in: [...emailKeys] }, emailConfirmedAt: { not: null } }, select: { emailKey: true } });
  return new Set(rows.map((row) => row.emailKey));
}

/** True while an author has neither confirmed their address nor been sent a link. */
export async function awaitsConfirmationLink(db: DbClient, emailKey: string): Promise<boolean> {
  return (await db.author.count({ where: { emailKey, emailConfirmedAt: null, confirmTokenHash: null } })) === 1;
}

/** Issues a confirmation token to an author who has neither confirmed nor been sent one; false otherwise. */
export async function setConfirmationToken(db: DbClient, emailKey: string, tokenHash: string): Promise<boolean> {
  const { count } = await db.author.updateMany({ where: { emailKey, emailConfirmedAt: null, confirmTokenHash: null }, data: { confirmTokenHash: tokenHash } });
  return count === 1;
}

/** Each of these comments' standing approval: when, and the status it came from (null: published as posted). */
export async function findApprovals(db: DbClient, commentIds: readonly number[]): Promise<Map<number, { fromStatus: CommentStatus | null; createdAt: Date }>> {
  if (commentIds.length === 0) return new Map();
  const decisions = await db.decision.findMany({
    where: { commentId: { in: [...commentIds] }, toStatus: 'approved', undoneAt: null },
    orderBy: { id: 'asc' },
    select: { commentId: true, fromStatus: true, createdAt: true },
  });
  // The last one of each comment wins.
  return new Map(decisions.map(({ commentId, ...approval }) => [commentId, approval]));
}

/** The comment a reply answers, with its thread. */
export function findParentWithThread(db: DbClient, parentId: number) {
  return db.comment.findUnique({ where: { id: parentId }, include: { thread: true } });
}
