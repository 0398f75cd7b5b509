import type { DbClient } from '../db/client.js';
import type { Author, AuthorStatus } from '../db/models.js';
import { AppError } from '../shared/errors.js';
import { addressIdentity } from './address-identity.js';
import { isAwaitingModerator, historyOfIdentity, isModeratorApproved, upsertIdentityStatus } from './author.repository.js';
import { readCommenterKey } from './commenter-key.js';
import { emailKey, isValidEmail } from './email.js';

// What other features read and write of an author, as the repository does it.
export { ensureAuthor, findAuthor } from './author.repository.js';

/** Trusts, bans or resets the author behind an address, and every other spelling of it (see address-identity.ts). */
export async function setAuthorStatus(deps: { db: DbClient }, email: string, status: AuthorStatus, now: Date): Promise<Author> {
  if (!isValidEmail(email)) {
    throw new AppError('validation_failed', 'title.invalidInput', { fieldErrors: [{ field: 'email', code: 'invalid', message: 'authorEmail.invalid' }] });
  }
  return upsertIdentityStatus(deps.db, emailKey(email), addressIdentity(email), status, now);
}

/**
 * The identity bans and trust attach to: a signed-in account's own key (`~account:…`, which no typed
 * address can produce), else the canonical form of the address (see address-identity.ts).
 */
export function identityOf(authorKey: string, address: string): string {
  return authorKey.startsWith('~') ? authorKey : addressIdentity(address);
}

/** Trusts, bans or resets the author record of a signed-in account (its key is its identity). */
export function setAccountAuthorStatus(deps: { db: DbClient }, authorKey: string, status: AuthorStatus, now: Date): Promise<Author> {
  return upsertIdentityStatus(deps.db, authorKey, authorKey, status, now);
}

/** The standing of an author (banned wins over trusted wins over normal, across every spelling of the identity) and its approved comments. */
export function historyOf(db: DbClient, authorKey: string, address: string): Promise<{ status: AuthorStatus; approvedCount: number }> {
  return historyOfIdentity(db, authorKey, identityOf(authorKey, address));
}

/**
 * Whether a comment's commenter key proves its author owns the address (SPEC section 3, "known"):
 * a key from the confirmation mail does; a key handed out with a post does once a moderator has
 * approved that post. A typed address alone never does.
 */
export async function isProvenAuthor(db: DbClient, secret: string, authorKey: string, key: string | undefined): Promise<boolean> {
  const issue = readCommenterKey(secret, authorKey, key);
  if (issue === null) return false;
  return issue.kind === 'mail' || isModeratorApproved(db, issue.commentId, authorKey);
}

/**
 * Whether a post that carried this key should hand the same key back rather than a new one: it
 * proves the address already, or the post it came with still waits for a moderator. So a reader who
 * comments twice before the first is approved keeps the key that approval will make count.
 */
export async function isKeyWorthKeeping(db: DbClient, secret: string, authorKey: string, key: string | undefined, proven: boolean): Promise<boolean> {
  if (proven) return true;
  const issue = readCommenterKey(secret, authorKey, key);
  return issue?.kind === 'comment' && isAwaitingModerator(db, issue.commentId, authorKey);
}
