import { verifyCommenterKey } from '../authors/commenter-key.js';
import { emailKey } from '../authors/email.js';
import { keyedHash } from '../shared/crypto.js';

/** What a request says about who is reacting; only verified claims count. */
export interface ReaderClaims {
  /** The commenter key the author was given with an earlier comment, and the address it was issued for. */
  commenterKey?: string;
  authorEmail?: string;
  /** A random id the widget keeps in the browser (or the no-JS page's cookie). */
  readerId?: string;
  ip?: string;
}

/**
 * The one rule for who a reader is when reacting (the key a reaction is stored under):
 * - a known author (a commenter key verified against its address) counts once wherever they read;
 * - anyone else is the browser's id together with a keyed hash of the address it comes from.
 * A reader can react again only by clearing the browser's id and changing address at once, and the
 * per-IP rate limit bounds even that; a household behind one address still counts once per browser.
 * Neither part is stored readable: both go through the keyed hash. See docs/decisions/0010-reactions-best-order-and-live-updates.md.
 * Verified sign-in (issue 18) adds its identity here, before the browser rule.
 */
export function readerKeyOf(secret: string, claims: ReaderClaims): string {
  if (claims.commenterKey && claims.authorEmail) {
    const author = emailKey(claims.authorEmail);
    if (verifyCommenterKey(secret, author, claims.commenterKey)) return `a.${keyedHash(secret, 'reader-author', author)}`;
  }
  return `b.${keyedHash(secret, 'reader-browser', `${claims.readerId ?? ''}\u0000${claims.ip ?? 'unknown'}`)}`;
}
