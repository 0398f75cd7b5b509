import type { DbClient } from '../db/client.js';
import type { Author, AuthorStatus } from '../db/models.js';
import { countOf, indexedBy, statusLiteral } from '../db/hot-sql.js';

/** Finds an author by normalised email. */
export function findAuthor(db: DbClient, emailKey: string): Promise<Author | null> {
  return db.author.findUnique({ where: { emailKey } });
}

/** Creates the author record on a first comment (one statement; Prisma's upsert takes three). */
export async function ensureAuthor(db: DbClient, emailKey: string, now: Date): Promise<void> {
  await db.$executeRaw`INSERT INTO "Author" ("emailKey", "createdAt") VALUES (${emailKey}, ${now}) ON CONFLICT ("emailKey") DO NOTHING`;
}

/** How many of an author's comments are approved and visible, read from the author's own index (src/db/hot-sql.ts). */
export async function countApprovedOf(db: DbClient, emailKey: string): Promise<number> {
  const [row] = await db.$queryRaw<Array<{ n: unknown }>>`
    SELECT COUNT(*) AS n FROM "Comment" ${indexedBy(db, 'Comment_authorKey_createdAt_idx')}
    WHERE "authorKey" = ${emailKey} AND "status" = ${statusLiteral('approved')} AND "deletedAt" IS NULL`;
  return countOf(row?.n);
}

/** Sets an author's trust level, creating the author record if needed. */
export function upsertAuthorStatus(db: DbClient, emailKey: string, status: AuthorStatus, now: Date): Promise<Author> {
  return db.author.upsert({ where: { emailKey }, create: { emailKey, status, createdAt: now }, update: { status } });
}
