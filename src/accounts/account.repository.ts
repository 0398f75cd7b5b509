import type { DbClient } from '../db/client.js';
import type { Account, Prisma } from '../db/models.js';

/** What a verified token says about an account, written on every sign-in. */
export interface AccountFields {
  issuer: string;
  subject: string;
  displayName: string;
  email: string | null;
  badges: string[];
  role: string | null;
}

/** Creates the account on first sign-in, or refreshes what the claims say about it. */
export function upsertAccount(db: DbClient, fields: AccountFields, now: Date): Promise<Account> {
  const { issuer, subject, ...rest } = fields;
  const data = { ...rest, badges: rest.badges as Prisma.InputJsonArray, lastSeenAt: now };
  return db.account.upsert({
    where: { issuer_subject: { issuer, subject } },
    create: { issuer, subject, ...data, createdAt: now },
    update: data,
  });
}

/** An account by id. */
export function findAccountById(db: DbClient, id: number): Promise<Account | null> {
  return db.account.findUnique({ where: { id } });
}

/** An account by who issued it and its subject there. */
export function findAccountBySubject(db: DbClient, issuer: string, subject: string): Promise<Account | null> {
  return db.account.findUnique({ where: { issuer_subject: { issuer, subject } } });
}

/** Every account that has an address, with it (a privacy request by address looks through them: an admin's rare request). */
export function findAccountAddresses(db: DbClient): Promise<Array<{ id: number; email: string | null }>> {
  return db.account.findMany({ where: { email: { not: null } }, select: { id: true, email: true } });
}

/** Accounts by id. */
export function findAccountsByIds(db: DbClient, ids: readonly number[]): Promise<Account[]> {
  return db.account.findMany({ where: { id: { in: [...ids] } }, orderBy: { id: 'asc' } });
}

/**
 * Removes an account row (its comments are erased first by the privacy tools) and records its subject as erased, by
 * the keyed hash `subjectHashOf` gives.
 */
export async function deleteAccount(db: DbClient, id: number, subjectHashOf: (account: Account) => string, now: Date): Promise<void> {
  const account = await db.account.findUnique({ where: { id } });
  if (!account) return;
  await recordErasedSubject(db, subjectHashOf(account), now);
  await db.account.deleteMany({ where: { id } });
}

/** Records a subject (its keyed hash) as erased now. */
export async function recordErasedSubject(db: DbClient, subjectHash: string, now: Date): Promise<void> {
  await db.erasedAccount.upsert({ where: { subjectHash }, create: { subjectHash, erasedAt: now }, update: { erasedAt: now } });
}

/** When the account with this subject hash was erased; null when it never was. */
export async function accountErasedAt(db: DbClient, subjectHash: string): Promise<Date | null> {
  return (await db.erasedAccount.findUnique({ where: { subjectHash } }))?.erasedAt ?? null;
}

/** An account's comments across threads, newest first, with their threads. */
export function findAccountComments(db: DbClient, accountId: number, page: { limit: number; before?: number | undefined }) {
  return db.comment.findMany({
    where: { accountId, ...(page.before ? { id: { lt: page.before } } : {}) },
    orderBy: { id: 'desc' },
    take: page.limit,
    include: { thread: { select: { key: true, title: true, url: true } } },
  });
}
