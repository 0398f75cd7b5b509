import { randomUUID } from 'node:crypto';
import type { Config } from '../config/config.js';
import type { DbClient } from '../db/client.js';
import type { Comment, CommentStatus, Prisma, Thread } from '../db/models.js';
import { queueApprovalMail, queueFeaturedMail, queueMailForRepliesShownAgain, queueModeratorAlert, withdrawMailsQuoting } from '../notifications/notify.js';
import { storedReasons } from '../pipeline/pipeline.js';
import { withoutWordsIn } from '../pipeline/rules/word-lists.js';
import { redactJson } from '../shared/redact.js';
import { isPublic } from '../threads/visibility.js';
import { enqueueWebhookDeliveries } from '../webhooks/webhook.outbox.js';
import type { WebhookEvent } from '../webhooks/webhook.schemas.js';

/**
 * The payload hooks receive. It never carries the commenter's IP hash, user agent, email or edit
 * token: hooks often feed chat rooms and third-party tools (docs/decisions/0003).
 */
function commentEventPayload(id: string, event: WebhookEvent, comment: Comment & { thread: Thread }, from: CommentStatus | null, now: Date) {
  return {
    id,
    event,
    createdAt: now.toISOString(),
    data: {
      comment: {
        id: comment.id,
        parentId: comment.parentId,
        authorName: comment.authorName,
        authorUrl: comment.authorUrl,
        body: comment.body,
        status: comment.status,
        previousStatus: from,
        // A rule may quote the address it judged ("claims to be …, a trusted author"), or a listed word found in it.
        reasons: redactJson(storedReasons(comment.reasons).map((reason) => withoutWordsIn(reason, ['authorEmail'])), [comment.authorEmail]),
        flagCount: comment.flagCount,
        // An editors' pick now: a receiver tells `comment.featured` from `comment.unfeatured` by it too.
        featured: comment.featuredAt !== null,
        lang: comment.lang,
        createdAt: comment.createdAt.toISOString(),
      },
      thread: { key: comment.thread.key, title: comment.thread.title, url: comment.thread.url, lang: comment.thread.lang },
    },
  };
}

/** The event announcing that a comment entered a status. */
function statusEvent(to: CommentStatus): WebhookEvent {
  switch (to) {
    case 'approved':
      return 'comment.approved';
    case 'rejected':
    case 'spam':
      return 'comment.rejected';
    case 'flagged':
      return 'comment.flagged';
    case 'pending':
      // Back in the queue: a receiver that shows approved comments takes this one down until it is decided again.
      return 'comment.pending';
  }
}

type CommentWithThread = Comment & { thread: Thread };

/** Writes one event about a comment the caller holds to the webhook and mail outboxes, in its transaction. */
async function recordEvent(tx: DbClient, config: Config, event: WebhookEvent, comment: CommentWithThread, from: CommentStatus | null, now: Date): Promise<void> {
  const id = randomUUID();
  await enqueueWebhookDeliveries(tx, { name: event, id, payload: () => JSON.stringify(commentEventPayload(id, event, comment, from, now)) }, now);
  if (event === 'comment.created' && comment.status === 'pending') await queueModeratorAlert(tx, config, comment.id, 'held', now);
  if (event === 'comment.flagged') await queueModeratorAlert(tx, config, comment.id, 'flagged', now);
  if (event === 'comment.approved') await queueApprovalMail(tx, config, comment, from, now);
}

/**
 * Publishes `comment.created` and, unless the comment merely waits for review, the event of its status.
 * The poster's transaction passes the row it just wrote: the submit path reads nothing again.
 */
export async function publishCreated(tx: DbClient, config: Config, comment: CommentWithThread, now: Date): Promise<void> {
  await recordEvent(tx, config, 'comment.created', comment, null, now);
  if (comment.status !== 'pending') await recordEvent(tx, config, statusEvent(comment.status), comment, null, now);
}

/**
 * Records a status change in the outboxes (webhook deliveries, notification mail) inside the
 * transaction that made it, from the row the change already holds: nothing is read again.
 */
export async function publishStatusChange(tx: DbClient, config: Config, comment: CommentWithThread, from: CommentStatus, now: Date): Promise<void> {
  if (isPublic({ status: from }) && !isPublic(comment)) await withdrawMailsQuoting(tx, [comment.id]);
  // A placeholder published for its replies (an erased comment that awaited review) approves no text: hooks hear only
  // `comment.deleted` of it.
  const event = from === comment.status || comment.deletedAt !== null ? null : statusEvent(comment.status);
  if (event) await recordEvent(tx, config, event, comment, from, now);
}

/**
 * Its author edited the comment, or a moderator anonymised it: hooks hear `comment.edited` with the text and name as
 * they are now, so copies they keep say what readers see. A status the edit changed is announced besides, as any is.
 */
export async function publishEdited(tx: DbClient, config: Config, comment: CommentWithThread, from: CommentStatus, now: Date): Promise<void> {
  await recordEvent(tx, config, 'comment.edited', comment, from, now);
}

/**
 * Its author deleted the comment, or a privacy request erased it: hooks hear `comment.deleted`, so copies they keep
 * (a chat room, a CRM) can go too. The payload names the comment and its thread, and carries none of what it said.
 */
export async function publishDeleted(tx: DbClient, config: Config, comment: CommentWithThread, now: Date): Promise<void> {
  const emptied = { ...comment, body: '', authorName: '', authorUrl: null, reasons: [] as Prisma.JsonValue };
  await recordEvent(tx, config, 'comment.deleted', emptied, comment.status, now);
}

/**
 * An editor featured the comment: hooks hear `comment.featured`, and its author, if they asked for mail, is told. Taken
 * out of the picks, hooks hear `comment.unfeatured` (a receiver that shows the picks drops it); its author is not told.
 */
export async function publishFeatured(tx: DbClient, config: Config, comment: CommentWithThread, now: Date): Promise<void> {
  const featured = comment.featuredAt !== null;
  await recordEvent(tx, config, featured ? 'comment.featured' : 'comment.unfeatured', comment, comment.status, now);
  if (featured) await queueFeaturedMail(tx, config, comment, now);
}

/** Replies hidden with a comment above them (src/comments/comment-transition.ts): mail quoting them is withdrawn, as theirs would be. */
export async function publishHiddenReplies(tx: DbClient, replyIds: readonly number[]): Promise<void> {
  await withdrawMailsQuoting(tx, replyIds);
}

/** Public replies that came back with a comment above them: the mail their approval would have sent, if none went. */
export async function publishShownReplies(tx: DbClient, config: Config, replies: readonly CommentWithThread[], now: Date): Promise<void> {
  await queueMailForRepliesShownAgain(tx, config, replies, now);
}
