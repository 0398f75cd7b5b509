import { findAuthor, setAccountAuthorStatus } from '../authors/author.service.js';
import { emailKey } from '../authors/email.js';
import type { DbClient } from '../db/client.js';
import type { Account, AuthorStatus } from '../db/models.js';
import { AppError } from '../shared/errors.js';
import { deleteAccount as deleteAccountRow, recordErasedSubject, findAccountAddresses, findAccountById, findAccountBySubject, findAccountComments, findAccountsByIds } from './account.repository.js';
import { badgesOf } from './claims.js';
import type { accountRecordSchema } from './account.schemas.js';
import type { z } from 'zod';
import { accountAuthorKey, erasedSubjectHash } from './signed-in-reader.js';

// What other features do with accounts, as the repository does it.
export { accountAuthorKey } from './signed-in-reader.js';

/**
 * Deletes an account for good (its comments are erased first by the privacy tools). Its subject is remembered as a
 * keyed hash, so a site token signed before now (valid for up to SSO_MAX_TOKEN_AGE_SECONDS) cannot bring it back.
 */
export function deleteAccount(db: DbClient, secret: string, id: number, now: Date): Promise<void> {
  return deleteAccountRow(db, id, (account) => erasedSubjectHash(secret, account.issuer, account.subject), now);
}

/** The site deleted a reader who never signed in here: their tokens signed before now stay refused all the same. */
export function forgetSiteSubject(db: DbClient, secret: string, issuer: string, subject: string, now: Date): Promise<void> {
  return recordErasedSubject(db, erasedSubjectHash(secret, issuer, subject), now);
}

/** The accounts whose identity provider gave this address (`key`, as emailKey normalises it): a privacy request about an address covers them. */
export async function accountIdsWithAddress(db: DbClient, key: string): Promise<number[]> {
  return (await findAccountAddresses(db)).filter((account) => account.email !== null && emailKey(account.email) === key).map((account) => account.id);
}

/** What is stored about an account (never a token or raw claims: none are kept). */
function recordOf(account: Account): z.infer<typeof accountRecordSchema> {
  return {
    issuer: account.issuer,
    subject: account.subject,
    displayName: account.displayName,
    email: account.email,
    badges: badgesOf(account.badges),
    role: account.role,
    createdAt: account.createdAt.toISOString(),
    lastSeenAt: account.lastSeenAt.toISOString(),
  };
}

/** What is stored about these accounts, as a privacy export hands it to the person. */
export async function accountRecords(db: DbClient, ids: readonly number[]): Promise<Array<z.infer<typeof accountRecordSchema>>> {
  return (await findAccountsByIds(db, ids)).map(recordOf);
}

async function accountOr404(db: DbClient, id: number): Promise<Account> {
  const account = await findAccountById(db, id);
  if (!account) throw new AppError('not_found', 'request.notFound');
  return account;
}

/** An account as moderators see it (never the token or raw claims), with its trust level. */
async function describe(db: DbClient, account: Account) {
  const author = await findAuthor(db, accountAuthorKey(account.id));
  return { id: account.id, ...recordOf(account), status: author?.status ?? 'normal' };
}

/** Trusts, bans or resets a signed-in account (its comments' author record). */
export async function setAccountStatus(deps: { db: DbClient }, id: number, status: AuthorStatus, now: Date) {
  const account = await accountOr404(deps.db, id);
  await setAccountAuthorStatus(deps, accountAuthorKey(id), status, now);
  return describe(deps.db, account);
}

/** The author view of an account: who it is and its comments across threads, newest first. */
export async function accountView(deps: { db: DbClient }, id: number, page: { limit: number; before?: number | undefined }) {
  const account = await accountOr404(deps.db, id);
  const rows = await findAccountComments(deps.db, id, { limit: page.limit + 1, before: page.before });
  const shown = rows.slice(0, page.limit);
  return {
    account: await describe(deps.db, account),
    comments: shown.map((row) => ({
      id: row.id,
      thread: row.thread,
      parentId: row.parentId,
      body: row.body,
      status: row.status,
      createdAt: row.createdAt.toISOString(),
      deleted: row.deletedAt !== null,
    })),
    nextCursor: rows.length > page.limit ? String(shown.at(-1)?.id) : null,
  };
}

/** The account a site knows by its subject, as its CMS names it in a deletion webhook. */
export async function accountIdBySubject(deps: { db: DbClient }, issuer: string, subject: string): Promise<number | null> {
  return (await findAccountBySubject(deps.db, issuer, subject))?.id ?? null;
}
