import type { Config } from '../config/config.js';
import type { DbClient } from '../db/client.js';
import type { Comment, CommentStatus, Thread } from '../db/models.js';
import { randomToken, sha256Hex } from '../shared/crypto.js';
import { insertAlertsForAllModerators, insertMail } from './mail.repository.js';
import { findParentWithThread, setConfirmationToken } from './notification.repository.js';
import { approvedMail, confirmMail, featuredMail, mailLangOf, replyMail } from './mail.templates.js';
import { issueUnsubscribeToken, publicBaseUrl } from './tokens.js';

type CommentWithThread = Comment & { thread: Thread };

/** Mail is queued only when there is a way to send it. */
function mailEnabled(config: Config): boolean {
  return config.SMTP_URL !== undefined;
}

function unsubscribeLink(config: Config, commentId: number, lang: string): string {
  return `${publicBaseUrl(config)}/api/v1/unsubscribe?token=${issueUnsubscribeToken(config.SECRET, commentId)}&lang=${lang}`;
}

function readerContext(config: Config, recipient: CommentWithThread, body: string) {
  const lang = mailLangOf(recipient.lang, recipient.thread.lang);
  return {
    lang,
    to: recipient.authorEmail,
    name: recipient.authorName,
    title: recipient.thread.title,
    url: recipient.thread.url,
    body,
    unsubscribeLink: unsubscribeLink(config, recipient.id, lang),
  };
}

/** A comment entered the moderation queue: every moderator gets it in their next digest. */
export async function queueModeratorAlert(tx: DbClient, config: Config, commentId: number, event: 'held' | 'flagged', now: Date): Promise<void> {
  if (mailEnabled(config)) await insertAlertsForAllModerators(tx, commentId, event, now);
}

/**
 * A comment became approved: its author (if they asked, and not at posting time, when they already
 * saw it published) and the author of the comment it answers (if they asked) get a mail.
 */
export async function queueApprovalMail(tx: DbClient, config: Config, comment: CommentWithThread, from: CommentStatus | null, now: Date): Promise<void> {
  if (!mailEnabled(config) || comment.deletedAt !== null) return;
  if (from !== null && comment.notify) await insertMail(tx, approvedMail(readerContext(config, comment, comment.body)), now);
  if (comment.parentId === null) return;
  const parent = await findParentWithThread(tx, comment.parentId);
  if (!parent || !parent.notify || parent.deletedAt !== null || parent.authorKey === comment.authorKey) return;
  await insertMail(tx, replyMail({ ...readerContext(config, parent, comment.body), replier: comment.authorName }), now);
}

/** An editor featured the comment: its author hears of it if they asked to be notified. */
export async function queueFeaturedMail(tx: DbClient, config: Config, comment: CommentWithThread, now: Date): Promise<void> {
  if (!mailEnabled(config) || !comment.notify || comment.deletedAt !== null) return;
  await insertMail(tx, featuredMail(readerContext(config, comment, comment.body)), now);
}

/**
 * Gives a new author a one-time confirmation link (only its hash is stored). Clicking it confirms
 * the address and hands that browser the commenter key; see docs/decisions/0003.
 */
export async function queueConfirmationMail(
  tx: DbClient,
  config: Config,
  author: { emailKey: string; email: string; name: string; lang: string | null },
  now: Date,
): Promise<void> {
  if (!mailEnabled(config)) return;
  const token = randomToken(32);
  if (!(await setConfirmationToken(tx, author.emailKey, sha256Hex(token)))) return;
  const lang = mailLangOf(author.lang, null);
  const link = `${publicBaseUrl(config)}/api/v1/confirm?token=${token}&lang=${lang}`;
  await insertMail(tx, confirmMail({ lang, to: author.email, name: author.name, link }), now);
}
