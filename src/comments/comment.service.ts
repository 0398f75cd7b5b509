import { ensureAuthor } from '../authors/author.service.js';
import type { DbClient } from '../db/client.js';
import type { Comment, Prisma } from '../db/models.js';
import { isUniqueViolation } from '../db/models.js';
import { AppError } from '../shared/errors.js';
import type { LocalisedMessage } from '../i18n/i18n.js';
import { riskScoreOf, type ModerationResult, type Reason } from '../pipeline/pipeline.js';
import { inTransaction } from '../db/unit-of-work.js';
import { queueConfirmationMail } from '../notifications/notify.js';
import { keyedHash, randomToken, sha256Hex } from '../shared/crypto.js';
import { commentSearchText } from '../text/search-text.js';
import { ensureThread, findThreadByKey } from '../threads/thread-updates.service.js';
import { isPublic } from '../threads/visibility.js';
import type { PublicComment } from '../threads/thread.schemas.js';
import type { CommentServiceDeps } from './comment.context.js';
import { publicStatusOf, rejectionWords, runPipeline } from './comment.moderation.js';
import { toPublicComment } from '../threads/public-comment.presenter.js';
import { recordNewComment } from './comment-transition.js';
import { duplicateExists, findComment, insertComment, lastPostAt } from './comment.repository.js';

// What other features read of comments, as the repository does it.
export { hasReplies } from './comment.repository.js';
import { duplicateHash } from './duplicate-hash.js';
import { placeReply } from './reply-placement.js';
import type { CreateCommentInput } from './comment.schemas.js';
import { issueCommenterKey, verifyCommenterKey } from '../authors/commenter-key.js';
import { emailKey } from '../authors/email.js';

/** Who sent a request, as far as the service needs to know. */
export interface RequestMeta {
  ip: string | undefined;
  userAgent: string | undefined;
}

/** The outcome of a post, before translation. */
export interface CreatedComment {
  comment: PublicComment;
  status: 'approved' | 'pending' | 'rejected';
  message: LocalisedMessage;
  editToken: string;
  commenterKey: string;
  threadUrl: string | null;
}

/** The reader-facing message for a moderation outcome. */
export function outcomeMessage(status: Comment['status'], reasons: readonly Reason[]): LocalisedMessage {
  const shown = publicStatusOf(status);
  if (shown === 'approved') return { key: 'comment.approved' };
  if (shown === 'pending') return { key: 'comment.pending' };
  const words = rejectionWords(reasons);
  const reason: LocalisedMessage =
    words.length > 0 ? { key: 'reason.bannedWords', params: { words: words.join(', ') } } : { key: 'reason.generic' };
  return { key: 'comment.rejected', params: { reason } };
}

function refusalError(result: Extract<ModerationResult, { outcome: 'refused' }>): AppError {
  switch (result.code) {
    case 'thread_closed':
      return new AppError('thread_closed', 'thread.closed');
    case 'duplicate':
      return new AppError('duplicate_comment', 'comment.duplicate');
    case 'flood': {
      const seconds = result.retryAfterSeconds ?? 1;
      return new AppError('flood', 'comment.flood', { retryAfterSeconds: seconds, params: { seconds } });
    }
  }
}

async function findReplyTarget(deps: CommentServiceDeps, parentId: number | undefined, threadId: number | undefined) {
  if (parentId === undefined) return null;
  const parent = await findComment(deps.db, parentId);
  if (!parent || parent.threadId !== threadId || !isPublic(parent) || parent.deletedAt !== null) {
    throw new AppError('validation_failed', 'title.validation', {
      fieldErrors: [{ field: 'parentId', code: 'not_found', message: 'parentId.invalid' }],
    });
  }
  return parent;
}

/** A comment readers can see (approved and not deleted), or a 404. */
export async function findPublicComment(db: DbClient, id: number): Promise<Comment> {
  const comment = await findComment(db, id);
  if (!comment || !isPublic(comment) || comment.deletedAt !== null) throw new AppError('not_found', 'comment.notFound');
  return comment;
}

/** Posts a reader's comment: rate limit, moderation pipeline, then one transaction that stores it. */
export async function createComment(
  deps: CommentServiceDeps,
  threadKey: string,
  input: CreateCommentInput,
  meta: RequestMeta,
): Promise<CreatedComment> {
  const now = deps.clock.now();
  const ipHash = meta.ip ? keyedHash(deps.config.SECRET, 'ip', meta.ip) : null;
  const rate = await deps.rateLimiter.hit(`post:${ipHash ?? 'unknown'}`, deps.config.RATE_LIMIT_POSTS, deps.config.RATE_LIMIT_WINDOW_SECONDS, now);
  if (!rate.allowed) {
    const seconds = rate.retryAfterSeconds;
    throw new AppError('rate_limited', 'comment.rateLimited', { retryAfterSeconds: seconds, params: { seconds } });
  }

  const authorKey = emailKey(input.authorEmail);
  const bodyHash = duplicateHash(input.body);
  const thread = await findThreadByKey(deps.db, threadKey);
  const parent = await findReplyTarget(deps, input.parentId, thread?.id);
  const [lastPost, duplicate] = await Promise.all([
    lastPostAt(deps.db, { authorKey, ipHash }),
    thread ? duplicateExists(deps.db, thread.id, authorKey, bodyHash) : Promise.resolve(false),
  ]);
  const knownAuthor = verifyCommenterKey(deps.config.SECRET, authorKey, input.commenterKey);
  const submission = {
    body: input.body,
    authorName: input.authorName,
    authorEmail: input.authorEmail,
    authorUrl: input.authorUrl ?? null,
    authorKey,
    knownAuthor,
  };
  const result = await runPipeline(deps, submission, { thread, recent: { lastPostAt: lastPost, duplicate }, isEdit: false });
  if (result.outcome === 'refused') throw refusalError(result);

  const editToken = randomToken();
  const store = () =>
    inTransaction(deps.db, async (unit) => {
      const { tx } = unit;
      const stored = await ensureThread(tx, threadKey, { title: input.threadTitle, url: input.threadUrl, lang: input.lang }, now, thread);
      await ensureAuthor(tx, authorKey, now);
      const row = await insertComment(tx, {
        threadId: stored.id,
        ...placeReply(parent),
        body: input.body,
        authorName: input.authorName,
        authorEmail: input.authorEmail,
        authorKey,
        authorUrl: input.authorUrl ?? null,
        knownAuthor,
        status: result.status,
        reasons: result.reasons as unknown as Prisma.InputJsonValue,
        riskScore: riskScoreOf(result.reasons),
        bodyHash,
        searchText: commentSearchText(input),
        ipHash,
        userAgent: meta.userAgent?.slice(0, 500) ?? null,
        lang: input.lang ?? null,
        editTokenHash: sha256Hex(editToken),
        notify: input.notify ?? false,
        reactorsBefore: stored.reactorCount,
        createdAt: now,
        updatedAt: now,
      });
      // Webhooks and mail go to outboxes in this transaction: stored together with the comment or not at all.
      await recordNewComment(unit, deps, { ...row, thread: stored }, now);
      if (row.status !== 'spam') {
        const who = { emailKey: authorKey, email: input.authorEmail, name: input.authorName, lang: input.lang ?? stored.lang };
        await queueConfirmationMail(tx, deps.config, who, now);
      }
      return { row, thread: stored };
    });
  // Two first posts on a new thread may race to create it; the loser retries once and finds it.
  const saved = await store().catch((error: unknown) => (isUniqueViolation(error) ? store() : Promise.reject(error)));

  return {
    comment: toPublicComment(saved.row, deps.avatarUrlOf),
    status: publicStatusOf(saved.row.status),
    message: outcomeMessage(saved.row.status, result.reasons),
    editToken,
    commenterKey: issueCommenterKey(deps.config.SECRET, authorKey),
    threadUrl: saved.thread.url,
  };
}
