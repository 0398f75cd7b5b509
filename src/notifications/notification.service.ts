import { issueCommenterKey } from '../authors/commenter-key.js';
import type { Db } from '../db/client.js';
import { sha256Hex } from '../shared/crypto.js';
import { confirmAuthorByToken, stopNotifyingAuthorOf } from './notification.repository.js';
import { verifyUnsubscribeToken } from './tokens.js';

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
