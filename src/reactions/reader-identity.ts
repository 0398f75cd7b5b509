import { readCommenterKey } from '../authors/commenter-key.js';
import { emailKey } from '../authors/email.js';
import { keyedHash } from '../shared/crypto.js';

/** What a request says about who is reacting; only verified claims count. */
export interface ReaderClaims {
  /** The account of a reader signed in with a verified token (src/accounts/signed-in-reader.ts). */
  accountId?: number;
  /** The commenter key the author was given with an earlier comment, and the address it was issued for. */
  commenterKey?: string;
  authorEmail?: string;
  /** A random id the widget keeps in the browser (or the no-JS page's cookie). */
  readerId?: string;
  ip?: string;
}

/**
 * The one rule for who a reader is when reacting (the key a reaction is stored under):
 * - a signed-in reader (a verified token) counts once per account;
 * - a known author (a commenter key mailed to the address, so proving it) counts once wherever they read;
 * - anyone else is the browser's id together with a keyed hash of the address it comes from.
 * A household, an office or a carrier's NAT behind one address counts once per browser; so a fresh browser id from the
 * same address counts again, as a second reader there would. What one address can add that way is bounded by its
 * write budget (RATE_LIMIT_POSTS per window, shared with posts and flags), not by this key.
 * Neither part is stored readable: both go through the keyed hash. See docs/decisions/0016-reactions-best-order-and-live-updates.md.
 */
export function readerKeyOf(secret: string, claims: ReaderClaims): string {
  if (claims.accountId !== undefined) return `s.${keyedHash(secret, 'reader-account', String(claims.accountId))}`;
  if (claims.commenterKey && claims.authorEmail) {
    const author = emailKey(claims.authorEmail);
    // Only a key from the confirmation mail proves the address; one handed to whoever posted does not.
    if (readCommenterKey(secret, author, claims.commenterKey)?.kind === 'mail') return `a.${keyedHash(secret, 'reader-author', author)}`;
  }
  return `b.${keyedHash(secret, 'reader-browser', `${claims.readerId ?? ''}\u0000${claims.ip ?? 'unknown'}`)}`;
}
