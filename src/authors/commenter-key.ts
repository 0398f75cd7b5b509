import { keyedHash, safeEqual } from '../shared/crypto.js';

const PREFIX = 'ck1.';

/**
 * Issues the token that proves a later comment comes from the same author: a keyed hash of the
 * normalised email, so it carries no readable address and cannot be forged without SECRET.
 */
export function issueCommenterKey(secret: string, emailKey: string): string {
  return PREFIX + keyedHash(secret, 'commenter-key', emailKey);
}

/** True when the key was issued for this normalised email. */
export function verifyCommenterKey(secret: string, emailKey: string, key: string | undefined): boolean {
  return key !== undefined && key.startsWith(PREFIX) && safeEqual(key, issueCommenterKey(secret, emailKey));
}
