import type { DbClient } from '../db/client.js';
import type { Author, AuthorStatus } from '../db/models.js';

/** The statuses a moderator set on this address or on any other spelling of the same identity. */
export async function statusesOfIdentity(db: DbClient, emailKey: string, identityKey: string): Promise<AuthorStatus[]> {
  const rows = await db.author.findMany({
    where: { OR: [{ emailKey }, { identityKey }], NOT: { status: 'normal' } },
    select: { status: true },
    take: 10,
  });
  return rows.map((row) => row.status);
}

/** Creates the author record on a first comment (and gives an older record its identity key). */
export function ensureAuthor(db: DbClient, emailKey: string, identityKey: string, now: Date): Promise<Author> {
  return db.author.upsert({ where: { emailKey }, create: { emailKey, identityKey, createdAt: now }, update: { identityKey } });
}

/** How many of an author's comments are approved and visible. */
export function countApprovedOf(db: DbClient, emailKey: string): Promise<number> {
  return db.comment.count({ where: { authorKey: emailKey, status: 'approved', deletedAt: null } });
}

/** Whether this author's comment is approved now and a moderator approved it (not only the pipeline). */
export async function isModeratorApproved(db: DbClient, commentId: number, emailKey: string): Promise<boolean> {
  const found = await db.comment.findFirst({
    where: { id: commentId, authorKey: emailKey, status: 'approved', deletedAt: null, decisions: { some: { toStatus: 'approved', moderatorId: { not: null }, undoneAt: null } } },
    select: { id: true },
  });
  return found !== null;
}

/** Whether this author's comment still waits for a moderator (so a key issued with it may yet prove the address). */
export async function isAwaitingModerator(db: DbClient, commentId: number, emailKey: string): Promise<boolean> {
  return (await db.comment.findFirst({ where: { id: commentId, authorKey: emailKey, status: 'pending', deletedAt: null }, select: { id: true } })) !== null;
}

/** Sets the trust level of every author sharing an identity, creating this address's record if needed. */
export async function upsertIdentityStatus(db: DbClient, emailKey: string, identityKey: string, status: AuthorStatus, now: Date): Promise<Author> {
  const author = await db.author.upsert({ where: { emailKey }, create: { emailKey, identityKey, status, createdAt: now }, update: { status, identityKey } });
  await db.author.updateMany({ where: { identityKey }, data: { status } });
  return author;
}
