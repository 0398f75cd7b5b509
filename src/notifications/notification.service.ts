import { issueCommenterKey } from '../authors/commenter-key.js';
import type { Db } from '../db/client.js';
import { sha256Hex } from '../shared/crypto.js';
import { verifyUnsubscribeToken } from './tokens.js';

/** Turns off notification mail for every comment of the author a valid token names; false for a bad token. */
export async function unsubscribe(db: Db, secret: string, token: string): Promise<boolean> {
  const commentId = verifyUnsubscribeToken(secret, token);
  if (commentId === null) return false;
  const comment = await db.comment.findUnique({ where: { id: commentId }, select: { authorKey: true } });
  if (!comment) return false;
  await db.comment.updateMany({ where: { authorKey: comment.authorKey, notify: true }, data: { notify: false } });
  return true;
}

/**
 * Uses a one-time confirmation token: marks the address confirmed and returns the commenter key for
 * the browser that opened the link, plus the article it came from. Null when unknown or used.
 */
export async function confirmEmail(db: Db, secret: string, token: string, now: Date): Promise<{ commenterKey: string; threadUrl: string | null } | null> {
  const hash = sha256Hex(token);
  const author = await db.author.findUnique({ where: { confirmTokenHash: hash } });
  if (!author) return null;
  // Conditional on the hash: of two concurrent clicks exactly one wins.
  const { count } = await db.author.updateMany({ where: { emailKey: author.emailKey, confirmTokenHash: hash }, data: { confirmTokenHash: null, emailConfirmedAt: now } });
  if (count === 0) return null;
  const latest = await db.comment.findFirst({ where: { authorKey: author.emailKey }, orderBy: { id: 'desc' }, select: { thread: { select: { url: true } } } });
  return { commenterKey: issueCommenterKey(secret, author.emailKey), threadUrl: latest?.thread.url ?? null };
}
