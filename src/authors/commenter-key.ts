import { keyedHash, safeEqual } from '../shared/crypto.js';

const PREFIX = 'ck2';

/**
 * How a commenter key was handed out, which decides when it proves anything:
 * - `mail`: through the confirmation link mailed to the address, so only its owner could open it;
 * - `comment`: with the answer to a post, to whoever typed the address; it proves the address only
 *   once a moderator has approved that very comment (the moderator vouched for the person who holds it).
 */
export type KeyIssue = { kind: 'mail' } | { kind: 'comment'; commentId: number };

function issueTag(issue: KeyIssue): string {
  return issue.kind === 'mail' ? 'm' : `c${issue.commentId}`;
}

/**
 * Issues the token a later comment carries to show it comes from the same author: a keyed hash of
 * the normalised email and of how it was issued, so it carries no readable address and cannot be
 * forged without SECRET.
 */
export function issueCommenterKey(secret: string, emailKey: string, issue: KeyIssue): string {
  const tag = issueTag(issue);
  return `${PREFIX}.${tag}.${keyedHash(secret, 'commenter-key', `${tag}:${emailKey}`)}`;
}

/** How a key for this normalised email was issued, or null when it is forged, malformed or for another address. */
export function readCommenterKey(secret: string, emailKey: string, key: string | undefined): KeyIssue | null {
  const match = key === undefined ? null : /^ck2\.(m|c(\d{1,15}))\.[A-Za-z0-9_-]{10,100}$/.exec(key);
  if (!match || key === undefined) return null;
  const issue: KeyIssue = match[2] === undefined ? { kind: 'mail' } : { kind: 'comment', commentId: Number(match[2]) };
  return safeEqual(key, issueCommenterKey(secret, emailKey, issue)) ? issue : null;
}
