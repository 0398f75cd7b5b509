import type { Config } from '../config/config.js';
import type { DbClient } from '../db/client.js';
import type { Comment, CommentStatus, Thread } from '../db/models.js';
import { randomToken, sha256Hex } from '../shared/crypto.js';
import { deleteUnsentMailsQuoting, findCommentsQuotedByMail, insertAlertsForAllModerators, insertMail } from './mail.repository.js';
import type { RateLimiter } from '../shared/rate-limiter.js';
import { awaitsConfirmationLink, findApprovals, findConfirmedAuthorKeys, findParentWithThread, setConfirmationToken } from './notification.repository.js';
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
    // A thread the site never gave an address (posted through the API, or before its URL was allowed) is read on our own page.
    url: recipient.thread.url ?? `${publicBaseUrl(config)}/threads/${encodeURIComponent(recipient.thread.key)}?lang=${lang}`,
    body,
    unsubscribeLink: unsubscribeLink(config, recipient.id, lang),
  };
}

/** A comment entered the moderation queue: every moderator gets it in their next digest. */
export async function queueModeratorAlert(tx: DbClient, config: Config, commentId: number, event: 'held' | 'flagged', now: Date): Promise<void> {
  if (mailEnabled(config)) await insertAlertsForAllModerators(tx, commentId, event, now);
}

/**
 * The authors of these comments who may be mailed: a signed-in reader whose site (or identity provider, having
 * verified it) gave the address, and a guest who confirmed theirs through the link.
 */
async function mailableAuthorKeys(tx: DbClient, comments: Array<Pick<Comment, 'authorKey' | 'authorEmail' | 'accountId'>>): Promise<Set<string>> {
  const mailable = await findConfirmedAuthorKeys(tx, comments.filter((comment) => comment.accountId === null).map((comment) => comment.authorKey));
  for (const comment of comments) if (comment.accountId !== null && comment.authorEmail !== '') mailable.add(comment.authorKey);
  return mailable;
}

/**
 * A comment became approved: its author (if they asked, and not at posting time, when they already
 * saw it published) and the author of the comment it answers (if they asked) get a mail. Only to
 * addresses their owners confirmed: anyone can type an address and tick "notify me", and these mails
 * quote commenters' text, so an unconfirmed address gets nothing but its one confirmation link.
 */
export async function queueApprovalMail(tx: DbClient, config: Config, comment: CommentWithThread, from: CommentStatus | null, now: Date): Promise<void> {
  // Nobody is told of a comment readers cannot see: one beneath a hidden comment is not published.
  if (!mailEnabled(config) || comment.deletedAt !== null || comment.hiddenByAncestor) return;
  const toAuthor = from !== null && comment.notify;
  const parent = comment.parentId === null ? null : await findParentWithThread(tx, comment.parentId);
  const toParent = parent !== null && parent.notify && parent.deletedAt === null && parent.authorKey !== comment.authorKey;
  if (!toAuthor && !toParent) return;
  const confirmed = await mailableAuthorKeys(tx, [comment, ...(parent ? [parent] : [])]);
  if (toAuthor && confirmed.has(comment.authorKey)) await insertMail(tx, { ...approvedMail(readerContext(config, comment, comment.body)), quotedCommentId: comment.id }, now);
  if (toParent && confirmed.has(parent.authorKey)) {
    await insertMail(tx, { ...replyMail({ ...readerContext(config, parent, comment.body), replier: comment.authorName }), quotedCommentId: comment.id }, now);
  }
}

/** How recent a reply's approval must be for its coming back to be news worth a mail. */
const SHOWN_AGAIN_NEWS_DAYS = 7;

/**
 * Replies readers see again because a comment above them came back. One approved while it was hidden was never mailed
 * about, and one whose mail was withdrawn when it was hidden lost it: each that no mail has ever quoted is announced
 * now, as its approval would have announced it (its author told only if it waited for a moderator). One whose mail
 * went out is not announced twice, and one approved over SHOWN_AGAIN_NEWS_DAYS ago is not news (nor, say, the years of
 * replies of an archive whose newsroom turned mail on since).
 */
export async function queueMailForRepliesShownAgain(tx: DbClient, config: Config, replies: readonly CommentWithThread[], now: Date): Promise<void> {
  if (!mailEnabled(config) || replies.length === 0) return;
  const quoted = await findCommentsQuotedByMail(tx, replies.map((reply) => reply.id));
  const unannounced = replies.filter((reply) => !quoted.has(reply.id));
  const approvals = await findApprovals(tx, unannounced.map((reply) => reply.id));
  const since = now.getTime() - SHOWN_AGAIN_NEWS_DAYS * 86_400_000;
  for (const reply of unannounced) {
    const approval = approvals.get(reply.id);
    if (approval && approval.createdAt.getTime() >= since) await queueApprovalMail(tx, config, reply, approval.fromStatus, now);
  }
}

/**
 * Comments readers no longer see (rejected after all, sent back to the queue by their author's edit, or hidden with a
 * comment above them): the mails quoting them that have not gone out (a reply notification, an author's "published")
 * never will.
 */
export async function withdrawMailsQuoting(tx: DbClient, commentIds: readonly number[]): Promise<void> {
  await deleteUnsentMailsQuoting(tx, commentIds);
}

/** An editor featured the comment: its author hears of it if they asked to be notified and confirmed the address. */
export async function queueFeaturedMail(tx: DbClient, config: Config, comment: CommentWithThread, now: Date): Promise<void> {
  if (!mailEnabled(config) || !comment.notify || comment.deletedAt !== null || comment.hiddenByAncestor) return;
  if (!(await mailableAuthorKeys(tx, [comment])).has(comment.authorKey)) return;
  await insertMail(tx, { ...featuredMail(readerContext(config, comment, comment.body)), quotedCommentId: comment.id }, now);
}

/** How many confirmation links one client may cause to be mailed, to any addresses, per window. */
const CONFIRMATION_MAILS_PER_CLIENT = { limit: 3, windowSeconds: 3600 } as const;

/**
 * Gives a new author a one-time confirmation link (only its hash is stored). Clicking it confirms
 * the address and hands that browser the commenter key; see docs/decisions/0003. An address gets
 * one link, ever, until it is used; a client (keyed IP hash) may cause CONFIRMATION_MAILS_PER_CLIENT,
 * so nobody can make Majlis mail a list of strangers. The mail carries nothing the poster typed.
 */
export async function queueConfirmationMail(
  tx: DbClient,
  deps: { config: Config; rateLimiter: RateLimiter },
  author: { emailKey: string; email: string; lang: string | null; client: string },
  now: Date,
): Promise<void> {
  if (!mailEnabled(deps.config) || !(await awaitsConfirmationLink(tx, author.emailKey))) return;
  const { limit, windowSeconds } = CONFIRMATION_MAILS_PER_CLIENT;
  if (!(await deps.rateLimiter.hit(`confirm-mail:${author.client}`, limit, windowSeconds, now)).allowed) return;
  const token = randomToken(32);
  if (!(await setConfirmationToken(tx, author.emailKey, sha256Hex(token)))) return;
  const lang = mailLangOf(author.lang, null);
  const link = `${publicBaseUrl(deps.config)}/api/v1/confirm?token=${token}&lang=${lang}`;
  await insertMail(tx, confirmMail({ lang, to: author.email, link }), now);
}
