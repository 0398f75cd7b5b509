import type { DbClient } from '../db/client.js';
import { Prisma, type Author, type AuthorStatus } from '../db/models.js';
import { countOf, indexedBy, statusLiteral, readRows } from '../db/hot-sql.js';
import { identityStandingSql, standingOf } from './identity-standing.js';

/**
 * An author's history in one statement: its standing (identityStandingSql), and how many of its comments are
 * approved and visible, read from the author's own index (src/db/hot-sql.ts).
 */
export async function historyOfIdentity(db: DbClient, emailKey: string, identityKey: string): Promise<{ status: AuthorStatus; approvedCount: number }> {
  const [row] = await readRows<Array<{ standing: unknown; approved: unknown }>>(db, Prisma.sql`
    SELECT ${identityStandingSql(Prisma.sql`${emailKey}`, Prisma.sql`${identityKey}`)} AS standing,
           (SELECT COUNT(*) FROM "Comment" ${indexedBy(db, 'Comment_authorKey_createdAt_idx')}
              WHERE "authorKey" = ${emailKey} AND "status" = ${statusLiteral('approved')} AND "deletedAt" IS NULL) AS approved`);
  return { status: standingOf(row?.standing), approvedCount: countOf(row?.approved) };
}

/** Finds an author by normalised email (or an account's author key). */
export function findAuthor(db: DbClient, emailKey: string): Promise<Author | null> {
  return db.author.findUnique({ where: { emailKey } });
}

/**
 * Creates the author record on a first comment, or gives an older record its identity key (one statement;
 * Prisma's upsert takes three). A returning author's record, already keyed, is left unwritten.
 */
export async function ensureAuthor(db: DbClient, emailKey: string, identityKey: string, now: Date): Promise<void> {
  await db.$executeRaw`INSERT INTO "Author" ("emailKey", "identityKey", "createdAt") VALUES (${emailKey}, ${identityKey}, ${now})
    ON CONFLICT ("emailKey") DO UPDATE SET "identityKey" = excluded."identityKey" WHERE "Author"."identityKey" IS DISTINCT FROM excluded."identityKey"`;
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
