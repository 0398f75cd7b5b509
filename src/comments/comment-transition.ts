// The one way a stored comment changes status or visible content. Moderator decisions (one or in
// bulk), undo, reader flags, author edits and deletions, and privacy erasure all describe their
// change here; this module checks it against what the caller saw, writes the row, the decision log
// and the outbox events in the caller's transaction, and drops cached thread pages after the commit.
import type { Config } from '../config/config.js';
import type { Comment, CommentStatus, Prisma, Thread } from '../db/models.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import { publishCreated, publishDeleted, publishEdited, publishFeatured, publishHiddenReplies, publishShownReplies, publishStatusChange } from '../events/comment-events.js';
import { riskScoreOf, storedReasons, type Reason, type WordHit } from '../pipeline/pipeline.js';
import { withoutQuotedText } from '../pipeline/rules/classifier.js';
import { withoutWordsIn } from '../pipeline/rules/word-lists.js';
import { AppError } from '../shared/errors.js';
import { commentSearchText } from '../text/search-text.js';
import { redactJson, redactText } from '../shared/redact.js';
import { commentChangedForReaders, type ReaderUpdateDeps } from '../threads/thread-updates.service.js';
import type { AvatarUrlOf } from '../threads/public-comment.presenter.js';
import { liveEventOf } from './live-event-of.js';
import { hiddenByAncestorChanges, holdsReplies, isAwaitingReview, isPublic, isSeenByReaders, placeholdersShownWith, PUBLIC_STATUS, withoutEmptyPlaceholders } from '../threads/visibility.js';
import {
  deleteCommentInStatus,
  findCommentRecord,
  findCommentRecords,
  findConversationLinks,
  findLatestDecision,
  insertDecision,
  lockConversation,
  lockedStatus,
  setHiddenByAncestor,
  updateCommentInStatus,
  type CommentFields,
  type CommentRecord,
} from './comment.repository.js';
import type { DecisionActor } from './comment.schemas.js';
import { duplicateHash } from './duplicate-hash.js';
import { isModeratorsStatus } from './standing-decision.js';
import { recordSpamMark } from '../bots/bot-signals.service.js';
import { linkDomainsOf } from '../bots/link-domains.js';
import { turnsEvery } from '../shared/next-turn.js';

/** What a change does to a comment. */
export type CommentChange =
  /** A decision: by a moderator, an undo, or reader flags. */
  | { kind: 'status'; to: CommentStatus }
  /** The author's new text, with the status and reasons the pipeline gave it. */
  | { kind: 'edit'; body: string; status: CommentStatus; reasons: Reason[] }
  /** The author's identity goes (privacy "anonymise"); the text stays under `name`, without their address or website. */
  | { kind: 'anonymise'; name: string; authorKey: string }
  /** Text and identity go, the place in the conversation stays; `authorKey` moves it to another author. */
  | { kind: 'erase'; authorKey?: string }
  /** The row goes (a comment nobody answered). */
  | { kind: 'remove' }
  /** An editor features the comment among the thread's picks, or takes it out of them. */
  | { kind: 'feature'; featured: boolean };

/** One change, as its caller describes it. */
export interface TransitionRequest {
  commentId: number;
  change: CommentChange;
  actor: DecisionActor;
  moderatorId?: number | null;
  /** The status the caller saw; a comment that has moved on since is left alone (stale). */
  expectedStatus?: CommentStatus;
  note?: string | null;
  batchId?: string | null;
  /**
   * A moderator's decision on one comment: one that leaves it in the status the rules (or reader flags) gave it is
   * logged as confirming it, so the classifier learns from it and a batch undo leaves it alone.
   */
  confirms?: boolean;
  /** An undo's change, logged as one (action `undo`): it restores a status, it judges nothing, so it is no label. */
  undoes?: boolean;
  /**
   * Applies only while the comment's `updatedAt` is still this (the time of the batch an undo reverses): checked in the
   * write itself, so a change committed meanwhile by another transaction (PostgreSQL) makes it stale, not overwritten.
   */
  unchangedSince?: Date;
}

/** What happened: applied (with the row before and after; null after a removal), nothing to do, or refused. */
export type TransitionResult =
  | { outcome: 'applied'; before: CommentRecord; after: CommentRecord | null }
  | { outcome: 'unchanged'; before: CommentRecord }
  | { outcome: 'stale' }
  | { outcome: 'missing' };

/** What applying a change needs besides the transaction. */
export interface TransitionDeps extends ReaderUpdateDeps {
  config: Config;
  /** Live events carry the comment as readers see it, avatar included. */
  avatarUrlOf: AvatarUrlOf;
}

/**
 * The reasons a comment keeps once `fields` are erased: a rule may quote the name, address, website or text it matched
 * (`erased`, replaced wherever it stands), a word list names the words it found there and where they stood (enough to
 * rebuild much of an address), and the classifier's features quote the comment's text: those go.
 */
function reasonsWithout(before: CommentRecord, fields: readonly WordHit['field'][], erased: readonly string[]): Prisma.InputJsonValue {
  const reasons = storedReasons(before.reasons).map((reason) => (fields.includes('body') ? withoutQuotedText(withoutWordsIn(reason, fields)) : withoutWordsIn(reason, fields)));
  return redactJson(reasons, erased) as unknown as Prisma.InputJsonValue;
}

/**
 * What an erasure of `fields` takes out of a comment's reasons and bot signals, wherever it stands: the erased texts,
 * and the domains their links named (a personal website's domain names its owner; the spam-domain rule quotes it).
 */
function erasedTraces(before: CommentRecord, fields: readonly WordHit['field'][]): Pick<CommentFields, 'reasons' | 'signals'> {
  const erased = fields.map((field) => before[field] ?? '');
  const domains = linkDomainsOf({ body: fields.includes('body') ? before.body : '', authorUrl: fields.includes('authorUrl') ? before.authorUrl : null });
  const traces = [...erased, ...domains];
  return {
    reasons: reasonsWithout(before, fields, traces),
    ...(before.signals !== null ? { signals: redactJson(before.signals, traces) as Prisma.InputJsonValue } : {}),
  };
}

function fieldsOf(change: CommentChange, before: CommentRecord, now: Date): CommentFields {
  switch (change.kind) {
    case 'status':
      return {
        status: change.to,
        updatedAt: now,
        // Exposure for sort=best counts the readers active since the comment became public.
        ...(isPublic({ status: change.to }) ? { reactorsBefore: before.thread.reactorCount } : {}),
        // Published again from the flagged queue, its reports were reviewed: new readers' flags count from zero, so one more
        // report cannot overturn the decision (the reports themselves stay, and a reader who flagged it cannot flag it again).
        ...(before.status === 'flagged' && isPublic({ status: change.to }) ? { flagCount: 0 } : {}),
      };
    case 'feature':
      return { featuredAt: change.featured ? now : null, updatedAt: now };
    case 'edit':
      return {
        body: change.body,
        bodyHash: duplicateHash(change.body),
        searchText: commentSearchText({ authorName: before.authorName, body: change.body }),
        status: change.status,
        reasons: change.reasons as unknown as Prisma.InputJsonValue,
        riskScore: riskScoreOf(change.reasons),
        editedAt: now,
        updatedAt: now,
      };
    case 'anonymise': {
      // The address or website the author typed into their own text names them as surely as the field did.
      const body = redactText(before.body, [before.authorEmail, before.authorUrl ?? '']);
      return {
        body,
        authorName: change.name,
        authorEmail: '',
        authorUrl: null,
        authorKey: change.authorKey,
        accountId: null,
        authorBadges: [],
        ipHash: null,
        userAgent: null,
        notify: false,
        searchText: commentSearchText({ authorName: change.name, body }),
        ...erasedTraces(before, ['authorName', 'authorEmail', 'authorUrl']),
        updatedAt: now,
      };
    }
    case 'erase':
      return {
        body: '',
        authorName: '',
        authorEmail: '',
        authorUrl: null,
        ...(change.authorKey ? { authorKey: change.authorKey } : {}),
        accountId: null,
        authorBadges: [],
        ipHash: null,
        userAgent: null,
        notify: false,
        searchText: '',
        ...erasedTraces(before, ['body', 'authorName', 'authorEmail', 'authorUrl']),
        deletedAt: now,
        updatedAt: now,
      };
    case 'remove':
      return {};
  }
}

/** Changes that judge or show a comment's content, which a deleted comment no longer has. */
const JUDGED_CONTENT = new Set<CommentChange['kind']>(['status', 'feature', 'edit']);

function isNoOp(change: CommentChange, before: CommentRecord): boolean {
  if (change.kind === 'feature') return change.featured === (before.featuredAt !== null);
  return change.kind === 'status' && change.to === before.status;
}

/**
 * An erasure of a comment awaiting review that replies sit beneath (an edit sent it back to the queue, readers flagged
 * it, then its author deleted it): nothing is left for a moderator to read, and a deleted comment cannot be decided, so
 * its placeholder is published. The replies readers saw come back under it, and those still awaiting a decision show
 * when a moderator approves them (kept pending, the placeholder would hide them for good). Readers see the placeholder
 * only while a reply below it shows. A rejected comment's replies stay hidden with it (a moderator hid that conversation).
 */
async function publishedPlaceholderFields(tx: UnitOfWork['tx'], change: CommentChange, before: CommentRecord, now: Date): Promise<CommentFields> {
  if (change.kind !== 'erase' || !isAwaitingReview(before)) return {};
  if (!holdsReplies(before.id, await findConversationLinks(tx, before.rootId ?? before.id))) return {};
  return fieldsOf({ kind: 'status', to: PUBLIC_STATUS }, before, now);
}

/**
 * Applies one change to a stored comment inside `unit`'s transaction. The comment is read once and
 * written only if it is still in the status read (or `expectedStatus`); a status change is logged
 * and announced, and so is a content change that carries a note; the thread's cached pages are
 * dropped after the commit whenever readers saw the comment before or see it after.
 */
export async function applyTransition(unit: UnitOfWork, deps: TransitionDeps, request: TransitionRequest, now: Date): Promise<TransitionResult> {
  return changeReadAgainIfMoved(unit, deps, request, await findCommentRecord(unit.tx, request.commentId), now);
}

/** Comments read in one statement by a bulk change: about 4 ms of a turn's 5 (WORK_MS_PER_TURN) here, for 100. */
const RECORDS_PER_READ = 100;

/**
 * Applies many changes in `unit`'s transaction, in order, as `applyTransition` applies one, with the
 * comments read a hundred at a time. Between reads and changes it gives the event loop a turn now and then
 * (on SQLite its statements are synchronous), so a cached read does not wait for the whole batch.
 */
export async function applyTransitions(unit: UnitOfWork, deps: TransitionDeps, requests: TransitionRequest[], now: Date): Promise<TransitionResult[]> {
  const ids = [...new Set(requests.map((request) => request.commentId))];
  const records = new Map<number, CommentRecord>();
  const pause = turnsEvery();
  for (let start = 0; start < ids.length; start += RECORDS_PER_READ) {
    await pause();
    for (const record of await findCommentRecords(unit.tx, ids.slice(start, start + RECORDS_PER_READ))) records.set(record.id, record);
  }
  const results: TransitionResult[] = [];
  // Rows are changed in one order, by id, whatever order the caller gave (changes to one comment keep theirs): two
  // bulk decisions over the same comments on PostgreSQL then wait for each other instead of locking them crosswise.
  const byId = requests.map((request, index) => ({ request, index })).sort((a, b) => a.request.commentId - b.request.commentId);
  for (const { request, index } of byId) {
    await pause();
    const result = await changeReadAgainIfMoved(unit, deps, request, records.get(request.commentId) ?? null, now);
    // A later change to the same comment starts from this one's row.
    if (result.outcome === 'applied') {
      if (result.after) records.set(request.commentId, result.after);
      else records.delete(request.commentId);
    }
    results[index] = result;
  }
  return results;
}

/** How often a decision reads a comment again that others keep changing under it, before it reports a conflict. */
const REREADS_OF_A_MOVED_COMMENT = 3;

/** A moderator's decision that named no status it saw, or a pick. An author's edit, an undo or flags stay refused when the comment moved on. */
const takesTheCommentAsItIs = (request: TransitionRequest) =>
  request.actor === 'moderator' && ((request.expectedStatus === undefined && request.change.kind === 'status') || request.change.kind === 'feature');

/**
 * `changeRecord`, and when the comment changed between this transaction's read and its write (on PostgreSQL another
 * transaction committed meanwhile), a moderator's decision that named no status it saw reads the row again and applies
 * to that: it is meant for the comment as it is now, so the later of two decisions stands, as one after the other would.
 */
async function changeReadAgainIfMoved(unit: UnitOfWork, deps: TransitionDeps, request: TransitionRequest, before: CommentRecord | null, now: Date): Promise<TransitionResult> {
  let result = await changeRecord(unit, deps, request, before, now);
  for (let again = 1; result.outcome === 'stale' && takesTheCommentAsItIs(request) && again <= REREADS_OF_A_MOVED_COMMENT; again += 1) {
    result = await changeRecord(unit, deps, request, await findCommentRecord(unit.tx, request.commentId), now);
  }
  return result;
}

/** One change to a comment read in this transaction (`before`; null when there is none). */
async function changeRecord(unit: UnitOfWork, deps: TransitionDeps, request: TransitionRequest, before: CommentRecord | null, now: Date): Promise<TransitionResult> {
  const { tx } = unit;
  if (!before) return { outcome: 'missing' };
  // A comment its author deleted (or an erasure emptied) is a placeholder for its replies: nothing is left to judge,
  // feature or edit, and moving it out of `approved` would hide the replies readers still see beneath it.
  if (before.deletedAt !== null && JUDGED_CONTENT.has(request.change.kind)) return { outcome: 'missing' };
  if (request.expectedStatus !== undefined && before.status !== request.expectedStatus) return { outcome: 'stale' };
  const { change } = request;
  if (isNoOp(change, before)) {
    if (!(change.kind === 'status' && request.confirms)) return { outcome: 'unchanged', before };
    if ((await lockedStatus(tx, before.id)) !== before.status) return { outcome: 'stale' };
    if (!(await confirmsOthersDecision(tx, request, before))) return { outcome: 'unchanged', before };
    // The row takes the confirmation's time: an undo of an earlier batch (unchangedSince) then leaves it alone.
    await updateCommentInStatus(tx, before.id, before.status, { updatedAt: now });
    // Before the log entry, as below.
    await recordSpamMark(tx, before, before, { from: before.status, to: before.status, by: 'moderator' }, now);
    await insertDecision(tx, { ...decisionEntry(request, before, before, now), action: 'confirm' });
    return { outcome: 'applied', before, after: { ...before, updatedAt: now } };
  }

  let after: CommentRecord | null;
  // Replies whose hiddenByAncestor this change cleared and that readers see again, parents first.
  let shownAgain: CommentRecord[] = [];
  // Placeholders above the comment that held nothing readers saw until it came back, parents first.
  let shownAbove: CommentRecord[] = [];
  if (change.kind === 'remove') {
    if (!(await deleteCommentInStatus(tx, before.id, before.status))) return { outcome: 'stale' };
    after = null;
  } else {
    const fields = { ...fieldsOf(change, before, now), ...(await publishedPlaceholderFields(tx, change, before, now)) };
    // A comment that leaves the thread takes its replies with it; one that comes back brings them back.
    const movesReplies = fields.status !== undefined && isPublic(before) !== isPublic({ status: fields.status });
    if (movesReplies) await lockConversation(tx, before.rootId ?? before.id);
    // A pick applies to the row as read: one made at the same moment (PostgreSQL) leaves this one stale, to be read again.
    const unchangedSince = request.unchangedSince ?? (change.kind === 'feature' ? before.updatedAt : undefined);
    if (!(await updateCommentInStatus(tx, before.id, before.status, fields, unchangedSince))) return { outcome: 'stale' };
    after = { ...before, ...fields } as CommentRecord;
    if (movesReplies) {
      // Its own flag as stored now: a bulk read it before its earlier changes moved the comments above it.
      const { hiddenByAncestor, shown, hidden, placeholdersAbove } = await showOrHideRepliesBelow(tx, after);
      await publishHiddenReplies(tx, hidden);
      before = { ...before, hiddenByAncestor };
      after = { ...after, hiddenByAncestor };
      shownAgain = shown.length > 0 ? withoutEmptyPlaceholders((await findCommentRecords(tx, shown)).filter(isSeenByReaders).sort((a, b) => a.id - b.id)) : [];
      await publishShownReplies(tx, deps.config, shownAgain, now);
      // Only when something beneath them now shows: this comment's text, or a reply that came back with it.
      const showsSomething = after.deletedAt === null || shownAgain.length > 0;
      shownAbove = showsSomething && placeholdersAbove.length > 0 ? (await findCommentRecords(tx, placeholdersAbove)).sort((a, b) => a.id - b.id) : [];
    }
  }

  const statusChanged = after !== null && after.status !== before.status;
  // Before the log entry: whether the comment's last move into spam was a moderator's is read from it.
  if (after && (statusChanged || change.kind === 'edit')) await recordSpamMark(tx, before, after, { from: before.status, to: after.status, by: spamMarkerOf(request) }, now);
  if (after && (statusChanged || request.note != null || change.kind === 'feature')) await insertDecision(tx, decisionEntry(request, before, after, now));
  // A placeholder's anonymising changes nothing anyone sees: hooks heard it was deleted.
  if (after && after.deletedAt === null && (change.kind === 'edit' || change.kind === 'anonymise')) await publishEdited(tx, deps.config, after, before.status, now);
  if (after && statusChanged) await publishStatusChange(tx, deps.config, after, before.status, now);
  if ((change.kind === 'erase' || change.kind === 'remove') && before.deletedAt === null) await publishDeleted(tx, deps.config, before, now);
  if (after && change.kind === 'feature') await publishFeatured(tx, deps.config, after, now);
  if (isSeenByReaders(before) || (after && isSeenByReaders(after))) {
    // A placeholder published with no reply to show is left out of pages, so open pages hear nothing of it either.
    const emptyPlaceholder = after?.deletedAt != null && !isSeenByReaders(before) && shownAgain.length === 0;
    const event = emptyPlaceholder ? null : liveEventOf(before, after, deps.avatarUrlOf);
    // Open pages show the replies that came back with it, as new comments beneath it; those hidden with it go with its
    // element. A placeholder it now hangs from comes first, so the page has a place to put it.
    const aboveEvents = shownAbove.flatMap((placeholder) => liveEventOf(null, placeholder, deps.avatarUrlOf) ?? []);
    const replyEvents = shownAgain.flatMap((reply) => liveEventOf(null, reply, deps.avatarUrlOf) ?? []);
    unit.afterCommit(() => commentChangedForReaders(deps, before.thread.key, [...aboveEvents, event, ...replyEvents]));
  }
  return { outcome: 'applied', before, after };
}

/** The decision-log entry of a change: who made it, from which status to which, and why. */
function decisionEntry(request: TransitionRequest, before: CommentRecord, after: CommentRecord, now: Date) {
  const { change } = request;
  return {
    commentId: before.id,
    actor: request.actor,
    moderatorId: request.moderatorId ?? null,
    fromStatus: before.status,
    toStatus: after.status,
    action: change.kind === 'feature' ? (change.featured ? 'feature' : 'unfeature') : request.undoes ? 'undo' : null,
    note: request.note ?? null,
    batchId: request.batchId ?? null,
    createdAt: now,
  };
}

/**
 * Whether a confirmation says something new: the comment is decided (a comment awaiting review has nothing to confirm),
 * and the last word on it was not already a moderator's (or an import's) to this status, or it comes with a note.
 */
async function confirmsOthersDecision(tx: UnitOfWork['tx'], request: TransitionRequest, before: CommentRecord): Promise<boolean> {
  if (isAwaitingReview(before)) return false;
  if (request.note != null) return true;
  return !isModeratorsStatus(await findLatestDecision(tx, before.id), before);
}

/** Who moves a comment in or out of spam, as the spam count of its link domains sees it. */
function spamMarkerOf(request: TransitionRequest): 'moderator' | 'undo' | 'other' {
  if (request.undoes) return 'undo';
  return request.actor === 'moderator' ? 'moderator' : 'other';
}


/**
 * A comment the pipeline just stored with its first decision-log entry (insertLoggedComment): its events in the
 * same transaction, and fresh thread pages after the commit when readers see it at once.
 */
export async function recordNewComment(unit: UnitOfWork, deps: TransitionDeps, comment: Comment & { thread: Thread }, now: Date): Promise<void> {
  await publishCreated(unit.tx, deps.config, comment, now);
  if (isSeenByReaders(comment)) unit.afterCommit(() => commentChangedForReaders(deps, comment.thread.key, [liveEventOf(null, comment, deps.avatarUrlOf)]));
}

/**
 * Sets `hiddenByAncestor` of the replies below a comment whose status just changed (stored, and in `after`) to what it
 * now implies. Returns the comment's own flag as stored (a top-level comment's is always false), the replies whose
 * flag it cleared and set, and, when readers now see it, the placeholders above it that held nothing readers saw.
 */
export async function showOrHideRepliesBelow(
  tx: UnitOfWork['tx'],
  after: Comment,
): Promise<{ hiddenByAncestor: boolean; shown: number[]; hidden: number[]; placeholdersAbove: number[] }> {
  const conversation = await findConversationLinks(tx, after.rootId ?? after.id);
  const hiddenByAncestor = conversation.find((link) => link.id === after.id)?.hiddenByAncestor ?? false;
  const { hide, show } = hiddenByAncestorChanges({ ...after, hiddenByAncestor }, conversation);
  await setHiddenByAncestor(tx, hide, true);
  await setHiddenByAncestor(tx, show, false);
  const placeholdersAbove = isSeenByReaders({ ...after, hiddenByAncestor }) ? placeholdersShownWith(after.id, conversation) : [];
  return { hiddenByAncestor, shown: show, hidden: hide, placeholdersAbove };
}

/** The row after an applied change, or the row as it was when there was nothing to do; 404 and 409 otherwise. */
export function changedOrConflict(result: TransitionResult): CommentRecord {
  if (result.outcome === 'missing') throw new AppError('not_found', 'comment.notFound');
  if (result.outcome === 'stale') throw new AppError('conflict', 'conflict');
  return (result.outcome === 'applied' ? result.after : null) ?? result.before;
}
