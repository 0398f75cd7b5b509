import type { DbClient } from '../db/client.js';
import type { Author, AuthorStatus } from '../db/models.js';

/** Finds an author by normalised email. */
export function findAuthor(db: DbClient, emailKey: string): Promise<Author | null> {
  return db.author.findUnique({ where: { emailKey } });
}

/** Creates the author record on a first comment. */
export function ensureAuthor(db: DbClient, emailKey: string, now: Date): Promise<Author> {
  return db.author.upsert({ where: { emailKey }, create: { emailKey, createdAt: now }, update: {} });
}

/** How many of an author's comments are approved and visible. */
export function countApprovedOf(db: DbClient, emailKey: string): Promise<number> {
  return db.comment.count({ where: { authorKey: emailKey, status: 'approved', deletedAt: null } });
}

/** Sets an author's trust level, creating the author record if needed. */
export function upsertAuthorStatus(db: DbClient, emailKey: string, status: AuthorStatus, now: Date): Promise<Author> {
  return db.author.upsert({ where: { emailKey }, create: { emailKey, status, createdAt: now }, update: { status } });
}
