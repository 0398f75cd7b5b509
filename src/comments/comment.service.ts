import { ensureAuthor, identityOf, isKeyWorthKeeping } from '../authors/author.service.js';
import type { DbClient } from '../db/client.js';
import type { Comment, Prisma } from '../db/models.js';
import { isUniqueViolation } from '../db/models.js';
import { AppError, type FieldError } from '../shared/errors.js';
import { shareTurn } from '../shared/next-turn.js';
import type { LocalisedMessage } from '../i18n/i18n.js';
import { riskScoreOf, type ModerationResult, type Reason } from '../pipeline/pipeline.js';
import { inTransaction } from '../db/unit-of-work.js';
import { queueConfirmationMail } from '../notifications/notify.js';
import { clientNetwork } from '../shared/client-network.js';
import { keyedHash, randomToken, sha256Hex } from '../shared/crypto.js';
import { commentSearchText } from '../text/search-text.js';
import { ensureThread, findThreadByKey, threadPagesChanged } from '../threads/thread-updates.service.js';
import { isSeenByReaders } from '../threads/visibility.js';
import { articleOrigins, siteDescription } from '../threads/article-address.js';
import type { PublicComment } from '../threads/thread.schemas.js';
import type { Policy } from '../settings/policy.js';
import type { CommentServiceDeps } from './comment.context.js';
import { publicStatusOf, rejectionWords, runPipeline, STAFF_REPLY_VERDICT } from './comment.moderation.js';
import { toPublicComment } from '../threads/public-comment.presenter.js';
import { recordNewComment } from './comment-transition.js';
import { findComment, insertLoggedComment, lockReplyParent, recentPosts, takeAddressTurn } from './comment.repository.js';

// What other features read of comments, as the repository does it.
export { hasReplies } from './comment.repository.js';
import { duplicateHash } from './duplicate-hash.js';
import { placeReply } from './reply-placement.js';
import { parentIdSchema, type CommentFieldsInput } from './comment.schemas.js';
import { issueCommenterKey } from '../authors/commenter-key.js';
import { identifyPoster, type Poster } from './poster.js';
import { botColumnsOf, gatherBotSignals } from '../bots/bot-signals.service.js';
import { issueChallenge } from '../bots/challenge.js';
import type { ChallengeState, PostChannel } from '../pipeline/bot-signals.js';
import type { MessageKey } from '../i18n/messages.js';

/** Who sent a request, as far as the service needs to know. */
export interface RequestMeta {
  ip: string | undefined;
  userAgent: string | undefined;
  /** The API (scripts, the widget) or the no-JavaScript form. */
  via: PostChannel;
  /** The origin of the page that sent the post (Origin, else Referer), which decides whether it may describe the thread. */
  requestOrigin: string | null;
}

/** The outcome of a post, before translation. */
export interface CreatedComment {
  comment: PublicComment;
  status: 'approved' | 'pending' | 'rejected';
  message: LocalisedMessage;
  editToken: string;
  commenterKey: string;
  /** The thread's URL when a trusted source (the site's page, a moderator) set it; null otherwise. */
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

const challengeMessage: Record<ChallengeState, MessageKey> = {
  missing: 'challenge.required',
  solved: 'challenge.required',
  invalid: 'challenge.invalid',
  expired: 'challenge.expired',
  replayed: 'challenge.replayed',
};

async function refusalError(
  deps: CommentServiceDeps,
  result: Extract<ModerationResult, { outcome: 'refused' }>,
  challengeState: ChallengeState,
  policy: Policy,
): Promise<AppError> {
  switch (result.code) {
    case 'challenge_required': {
      const challenge = await issueChallenge(deps.config.SECRET, policy.challengeDifficulty, deps.clock.now());
      return new AppError('challenge_required', challengeMessage[challengeState], { challenge });
    }
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

const PARENT_NOT_FOUND: FieldError = { field: 'parentId', code: 'not_found', message: 'parentId.invalid' };
const replyTargetGone = () => new AppError('validation_failed', 'title.validation', { fieldErrors: [PARENT_NOT_FOUND] });

/** A comment one may reply to in this thread: readers see it (approved beneath approved comments, not deleted). */
const isReplyTarget = <C extends Pick<Comment, 'threadId' | 'status' | 'deletedAt' | 'hiddenByAncestor'>>(parent: C | null, threadId: number | undefined): parent is C =>
  parent !== null && parent.threadId === threadId && isSeenByReaders(parent) && parent.deletedAt === null;

async function findReplyTarget(deps: CommentServiceDeps, parentId: number | undefined, threadId: number | undefined) {
  if (parentId === undefined) return null;
  const parent = await findComment(deps.db, parentId);
  if (!isReplyTarget(parent, threadId)) throw replyTargetGone();
  return parent;
}

/**
 * A post's failed validation, with its `parentId` checked too when the fields left it well formed: one answer lists
 * every failing field (SPEC section 3), not the reply target only once the rest is mended. Other errors pass as they are.
 */
export async function withReplyTargetChecked(deps: CommentServiceDeps, threadKey: string, body: unknown, error: unknown): Promise<unknown> {
  if (!(error instanceof AppError) || error.code !== 'validation_failed') return error;
  const fieldErrors = error.options.fieldErrors ?? [];
  const parentId = parentIdSchema.safeParse(typeof body === 'object' && body !== null ? (body as { parentId?: unknown }).parentId : undefined);
  if (!parentId.success || parentId.data === undefined || fieldErrors.some((fieldError) => fieldError.field === 'parentId')) return error;
  const thread = await findThreadByKey(deps.db, threadKey);
  if (isReplyTarget(await findComment(deps.db, parentId.data), thread?.id)) return error;
  return new AppError(error.code, error.messageKey, { ...error.options, fieldErrors: [...fieldErrors, PARENT_NOT_FOUND] });
}

/**
 * A guest's post the schema refused, where the policy lets only signed-in readers post: they are told to sign in (403),
 * not which field to fill in, since a complete form would be refused too. Read only on this failing path: a post
 * that parses meets the same rule in `identifyPoster`.
 */
export async function guestRefusal(deps: CommentServiceDeps, error: unknown): Promise<unknown> {
  if (!(error instanceof AppError) || error.code !== 'validation_failed') return error;
  return (await deps.policies.active()).policy.guestsMayPost ? error : new AppError('sign_in_required', 'sso.signInRequired');
}

/** A comment readers can see (approved beneath approved comments, and not deleted), or a 404. */
export async function findPublicComment(db: DbClient, id: number): Promise<Comment> {
  const comment = await findComment(db, id);
  if (!comment || !isSeenByReaders(comment) || comment.deletedAt !== null) throw new AppError('not_found', 'comment.notFound');
  return comment;
}

/** Posts a reader's comment (the route has counted it against the client's writes): moderation pipeline, then one transaction that stores it. */
export async function createComment(
  deps: CommentServiceDeps,
  threadKey: string,
  input: CommentFieldsInput,
  meta: RequestMeta,
  poster: Poster,
): Promise<CreatedComment> {
  // Posts that arrive together (breaking news) are checked a few per turn of the event loop, so reads are answered between them.
  await shareTurn();
  const now = deps.clock.now();
  // Counted by network, so rotating addresses inside one IPv6 /64 is still one poster (the write budget is src/http/write-limit.ts).
  const network = clientNetwork(meta.ip, deps.config.RATE_LIMIT_IPV6_PREFIX);
  const ipHash = network ? keyedHash(deps.config.SECRET, 'ip', network) : null;

  // The policy is read once per post: who may post, the bot defences and the rules all judge by it.
  const active = await deps.policies.active();
  const { policy } = active;
  const author = await identifyPoster(deps, poster, policy);
  const authorKey = author.key;
  const bodyHash = duplicateHash(input.body);
  const thread = await findThreadByKey(deps.db, threadKey);
  const parent = await findReplyTarget(deps, input.parentId, thread?.id);
  const recent = await recentPosts(deps.db, { authorKey, ipHash, threadId: thread?.id ?? null, bodyHash });
  const submission = {
    body: input.body,
    authorName: author.name,
    authorEmail: author.email,
    authorUrl: input.authorUrl ?? null,
    authorKey,
    knownAuthor: author.known,
  };
  const evidence = { via: meta.via, ip: meta.ip, challengeSolution: input.challengeSolution, formTicket: input.formTicket, honeypot: input.homepage };
  // A moderator's reply is neither a bot suspect (nor a campaign member) nor judged by the rules.
  const staff = 'staff' in poster;
  const gathered = staff ? null : await gatherBotSignals(deps, { ...submission, threadId: thread?.id ?? null, threadKey }, evidence, policy, now);
  try {
    const run = gathered ? await runPipeline(deps, submission, { thread, recent, isEdit: false, bot: gathered.signals, active }) : null;
    const result = run?.result ?? STAFF_REPLY_VERDICT;
    const refuse = (refused: Extract<ModerationResult, { outcome: 'refused' }>) => refusalError(deps, refused, gathered?.signals.challenge ?? 'missing', policy);
    if (result.outcome === 'refused') throw await refuse(result);

    // A comment that is refused as spam or rejected describes nothing, even from the site's own page.
    const description = ['spam', 'rejected'].includes(result.status)
      ? { ...(input.lang ? { lang: input.lang } : {}) }
      : siteDescription(input, { requestOrigin: meta.requestOrigin, origins: articleOrigins(deps.config) });
    const editToken = randomToken();
    const store = () =>
      inTransaction(deps.db, async (unit) => {
        const { tx } = unit;
        // Once committed it is in the database's counts: out of those in flight at once, not after the answer.
        unit.afterCommit(async () => gathered?.inFlight.leave());
        const stored = await ensureThread(tx, threadKey, description, now, thread);
        if (parent && !isReplyTarget(await lockReplyParent(tx, parent), stored.id)) throw replyTargetGone();
        // A page that described its thread changes what every page of it shows, comment or not.
        if (stored.title !== (thread?.title ?? null) || stored.url !== (thread?.url ?? null)) unit.afterCommit(() => threadPagesChanged(deps, threadKey));
        // On PostgreSQL this locks the author's row until the commit, so one author's posts are stored one at a time.
        await ensureAuthor(tx, authorKey, identityOf(authorKey, author.email), now);
        // Only where the flood rule looks at addresses: otherwise posts from one address (a newsroom's office) need not wait.
        if (run && ipHash && policy.floodIntervalSeconds > 0) await takeAddressTurn(tx, ipHash);
        const { row, recent: seen } = await insertLoggedComment(tx, {
          threadId: stored.id,
          ...placeReply(parent),
          body: input.body,
          authorName: author.name,
          authorEmail: author.email,
          authorKey,
          authorUrl: input.authorUrl ?? null,
          knownAuthor: author.known,
          accountId: author.accountId,
          authorBadges: author.badges,
          identifiedBy: author.identifiedBy,
          status: result.status,
          reasons: result.reasons as unknown as Prisma.InputJsonValue,
          riskScore: riskScoreOf(result.reasons),
          bodyHash,
          searchText: commentSearchText({ authorName: author.name, body: input.body }),
          ipHash,
          userAgent: meta.userAgent?.slice(0, 500) ?? null,
          lang: input.lang ?? null,
          editTokenHash: sha256Hex(editToken),
          notify: (input.notify ?? false) && author.email !== '',
          reactorsBefore: stored.reactorCount,
          createdAt: now,
          updatedAt: now,
          ...(gathered ? await botColumnsOf(tx, gathered, now) : {}),
        }, run ? { authorKey, ipHash, threadId: stored.id, bodyHash } : null);
        // A post checked before its transaction may meet one stored since (a double click, two posts at once, a neighbour
        // in a shared commit on SQLite): judged again as if it had come second. Unchanged, the rules would say what they said.
        const again = run && seen && (seen.duplicate !== recent.duplicate || seen.lastPostAt?.getTime() !== recent.lastPostAt?.getTime()) ? run.withRecent(seen) : null;
        if (again?.outcome === 'refused') throw await refuse(again);
        // Webhooks and mail go to outboxes in this transaction: stored together with the comment or not at all.
        await recordNewComment(unit, deps, { ...row, thread: stored }, now);
        // Only a guest's typed address needs confirming: the site vouched for a signed-in reader's, and a moderator's is their login.
        if (row.status !== 'spam' && 'guest' in poster) {
          const who = { emailKey: authorKey, email: author.email, lang: input.lang ?? stored.lang, client: ipHash ?? 'unknown' };
          await queueConfirmationMail(tx, deps, who, now);
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
      // A key that proves the author (or may yet) is handed back unchanged; otherwise the key of this
      // post, which proves nothing until a moderator approves the post (see authors/commenter-key.ts).
      commenterKey:
        'guest' in poster && poster.guest.commenterKey && (await isKeyWorthKeeping(deps.db, deps.config.SECRET, authorKey, poster.guest.commenterKey, author.known))
          ? poster.guest.commenterKey
          : issueCommenterKey(deps.config.SECRET, authorKey, { kind: 'comment', commentId: saved.row.id }),
      threadUrl: saved.thread.describedBy === null ? null : saved.thread.url,
    };
  } finally {
    // Refused, or failed to store: counted nowhere (a stored one has left at its commit).
    gathered?.inFlight.leave();
  }
}
