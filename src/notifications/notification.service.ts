import { issueCommenterKey } from '../authors/commenter-key.js';
import type { Db } from '../db/client.js';
import { sha256Hex } from '../shared/crypto.js';
import { confirmAuthorByToken, confirmationTokenExists, stopNotifyingAuthorOf } from './notification.repository.js';
import { verifyUnsubscribeToken } from './tokens.js';

/** Whether an unsubscribe token is genuine (nothing changes: the page a GET shows asks for a POST). */
export function isUnsubscribeToken(secret: string, token: string): boolean {
  return verifyUnsubscribeToken(secret, token) !== null;
}

/** Whether a confirmation token is still unused (nothing changes: the page a GET shows asks for a POST). */
export function isPendingConfirmation(db: Db, token: string): Promise<boolean> {
  return confirmationTokenExists(db, sha256Hex(token));
}

/** Turns off notification mail for every comment of the author a valid token names; false for a bad token. */
export async function unsubscribe(db: Db, secret: string, token: string): Promise<boolean> {
  const commentId = verifyUnsubscribeToken(secret, token);
  return commentId !== null && stopNotifyingAuthorOf(db, commentId);
}

/**
 * Uses a one-time confirmation token: marks the address confirmed and returns the commenter key for
 * the browser that opened the link, plus the article it came from. Null when unknown or used.
 */
export async function confirmEmail(db: Db, secret: string, token: string, now: Date): Promise<{ commenterKey: string; threadUrl: string | null } | null> {
  const confirmed = await confirmAuthorByToken(db, sha256Hex(token), now);
  return confirmed && { commenterKey: issueCommenterKey(secret, confirmed.emailKey, { kind: 'mail' }), threadUrl: confirmed.latestThreadUrl };
}
