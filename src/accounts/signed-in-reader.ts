import { findAuthor } from '../authors/author.service.js';
import { isValidEmail } from '../authors/email.js';
import type { Account } from '../db/models.js';
import type { DbClient } from '../db/client.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { keyedHash } from '../shared/crypto.js';
import { accountErasedAt, findAccountBySubject, upsertAccount } from './account.repository.js';
import { badgesOf, identityFromClaims } from './claims.js';
import type { TokenVerifier, VerifiedToken } from './token-verifier.js';

/** A reader who proved who they are with a token: a verified identity, unlike a typed name and email. */
export interface SignedInReader {
  accountId: number;
  /** The author key their comments, trust and bans live under; never an address, so no guest can type it. */
  authorKey: string;
  displayName: string;
  /** Never shown; null when the claims carry no valid address. */
  email: string | null;
  badges: string[];
  /** The verified token, so signing out can revoke it. */
  token: VerifiedToken;
}

/** What resolving a reader needs. */
export interface ReaderDeps {
  db: DbClient;
  /** SECRET keys the hash erased accounts are remembered by. */
  config: { SECRET: string };
  clock: Clock;
  tokens: TokenVerifier;
}

/** The author key of an account's comments. */
export function accountAuthorKey(accountId: number): string {
  return `~account:${accountId}`;
}

/** True when moderators banned this signed-in account: a ban takes its say in threads (its flags, its reactions). */
export async function isBannedAccount(db: DbClient, accountId: number): Promise<boolean> {
  return (await findAuthor(db, accountAuthorKey(accountId)))?.status === 'banned';
}

function readerOf(account: Account, token: VerifiedToken): SignedInReader {
  return {
    accountId: account.id,
    authorKey: accountAuthorKey(account.id),
    displayName: account.displayName,
    email: account.email,
    badges: badgesOf(account.badges),
    token,
  };
}

/** How an erased account's issuer and subject are remembered: keyed, so the table names nobody. */
export function erasedSubjectHash(secret: string, issuer: string, subject: string): string {
  return keyedHash(secret, 'erased-account', `${issuer}\u0000${subject}`);
}

/** The bearer token of an Authorization header; null without one (other schemes are not ours to judge). */
function bearerOf(authorization: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1] ?? null;
}

/** Verifies a token and returns the account it proves, creating or refreshing it from the claims. */
async function readerFromToken(deps: ReaderDeps, raw: string): Promise<SignedInReader> {
  const token = await deps.tokens.verify(raw);
  if (token.majlisIssued) {
    // Majlis's own token after an OpenID Connect sign-in names the account the sign-in made; an
    // account erased since (privacy tools, the CMS's event) takes its tokens with it.
    const account = typeof token.claims.sub === 'string' ? await findAccountBySubject(deps.db, token.issuer, token.claims.sub) : null;
    if (!account) throw new AppError('sso_token_invalid', 'sso.revoked');
    return readerOf(account, token);
  }
  const identity = identityFromClaims(token.claims);
  if (!identity) throw new AppError('sso_token_invalid', 'sso.claims');
  // Signed before the account was erased (privacy tools, the site's user.deleted): it would bring the account back, ban lifted.
  const erasedAt = await accountErasedAt(deps.db, erasedSubjectHash(deps.config.SECRET, token.issuer, identity.subject));
  if (erasedAt !== null && (token.claims.iat ?? 0) * 1000 <= erasedAt.getTime()) throw new AppError('sso_token_invalid', 'sso.revoked');
  const email = identity.email !== null && isValidEmail(identity.email) ? identity.email : null;
  const account = await upsertAccount(deps.db, { ...identity, email, issuer: token.issuer }, deps.clock.now());
  return readerOf(account, token);
}

/**
 * The signed-in reader of a request, from `Authorization: Bearer <jwt>`: null for a guest (no bearer
 * token), a 401 problem for a token that fails any check. Every public write (comments, flags,
 * reactions) calls this one function, so a reader is identified the same way everywhere.
 */
export async function signedInReader(deps: ReaderDeps, req: { get(name: string): string | undefined }): Promise<SignedInReader | null> {
  const raw = bearerOf(req.get('authorization'));
  return raw === null ? null : readerFromToken(deps, raw);
}
