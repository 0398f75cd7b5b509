import type { Comment, CommentStatus } from '../db/models.js';
import { inTransaction } from '../db/unit-of-work.js';
import { AppError } from '../shared/errors.js';
import type { LocalisedMessage } from '../i18n/i18n.js';
import { storedReasons } from '../pipeline/pipeline.js';
import { signalsOfEdit } from '../bots/bot-signals.service.js';
import { storedSignals } from '../pipeline/bot-signals.js';
import { safeEqual, sha256Hex } from '../shared/crypto.js';
import { findThreadById } from '../threads/thread-updates.service.js';
import { forgetDeletedComment } from '../privacy/privacy.service.js';
import type { PublicComment } from '../threads/thread.schemas.js';
import type { CommentServiceDeps } from './comment.context.js';
import { publicStatusOf, runPipeline } from './comment.moderation.js';
import { toPublicComment } from '../threads/public-comment.presenter.js';
import { applyTransition, changedOrConflict } from './comment-transition.js';
import { findComment, isModeratorDecided } from './comment.repository.js';
import { outcomeMessage } from './comment.service.js';

/** The author's view of their own comment. */
export interface OwnComment {
  comment: PublicComment;
  status: 'approved' | 'pending' | 'rejected';
  editableUntil: string;
  message: LocalisedMessage;
}

/** Finds a comment and checks the X-Edit-Token its author was given. */
async function authorise(deps: CommentServiceDeps, id: number, token: string | undefined): Promise<Comment> {
  const comment = await findComment(deps.db, id);
  if (!comment || comment.deletedAt !== null) throw new AppError('not_found', 'comment.notFound');
  if (!token) throw new AppError('edit_token_required', 'editToken.required');
  if (!safeEqual(sha256Hex(token), comment.editTokenHash)) throw new AppError('edit_token_invalid', 'editToken.invalid');
  return comment;
}

async function present(deps: CommentServiceDeps, comment: Comment): Promise<OwnComment> {
  const { policy } = await deps.policies.active();
  return {
    comment: toPublicComment(comment, deps.avatarUrlOf),
    status: publicStatusOf(comment.status),
    editableUntil: new Date(comment.createdAt.getTime() + policy.editWindowMinutes * 60_000).toISOString(),
    message: outcomeMessage(comment.status, storedReasons(comment.reasons)),
  };
}

/** Shows an author their comment, whatever its status. */
export async function getOwnComment(deps: CommentServiceDeps, id: number, token: string | undefined): Promise<OwnComment> {
  return present(deps, await authorise(deps, id, token));
}

/**
 * What an edit may make of a comment. A flagged or spam comment stays with the moderators; a comment
 * a moderator decided (approved, rejected, anything) goes back to the queue, whatever the re-run says:
 * the pipeline must not overturn a person's decision (it re-reads the post's stored bot signals, which the
 * moderator already ruled on, so an approved post that had looked scripted went straight to spam), and
 * new text needs their eyes again. Otherwise the re-run decides, as for a new post.
 */
async function statusAfterEdit(deps: CommentServiceDeps, comment: Comment, pipelineStatus: CommentStatus): Promise<CommentStatus> {
  if (comment.status === 'flagged' || comment.status === 'spam') return comment.status;
  if (await isModeratorDecided(deps.db, comment.id)) return 'pending';
  return pipelineStatus;
}

/** Replaces the text within the edit window; the new text is moderated again. */
export async function editOwnComment(
  deps: CommentServiceDeps,
  id: number,
  token: string | undefined,
  body: string,
): Promise<OwnComment> {
  const comment = await authorise(deps, id, token);
  const now = deps.clock.now();
  const active = await deps.policies.active();
  const { policy } = active;
  if (now.getTime() - comment.createdAt.getTime() > policy.editWindowMinutes * 60_000) {
    throw new AppError('edit_window_closed', 'edit.windowClosed', { params: { minutes: policy.editWindowMinutes } });
  }
  // The text as it stands (a second click on "Save", say) is no edit: a moderator's approval, and the replies shown under it, stay.
  if (body === comment.body) return present(deps, comment);
  const thread = await findThreadById(deps.db, comment.threadId);
  const { result } = await runPipeline(
    deps,
    { ...comment, body, knownAuthor: comment.knownAuthor },
    // The signals of the original post (an edit is the same visit, and is not asked for a challenge), its links read anew.
    { thread, recent: { lastPostAt: null, duplicate: false }, isEdit: true, bot: await signalsOfEdit(deps.db, storedSignals(comment.signals), { body, authorUrl: comment.authorUrl }), active },
  );
  if (result.outcome === 'refused') throw new AppError('thread_closed', 'thread.closed');
  const status = await statusAfterEdit(deps, comment, result.status);
  const edited = await inTransaction(deps.db, (unit) =>
    applyTransition(
      unit,
      deps,
      {
        commentId: id,
        change: { kind: 'edit', body, status, reasons: result.reasons },
        expectedStatus: comment.status,
        actor: 'pipeline',
        note: status === comment.status ? null : 'edited by author',
      },
      now,
    ),
  );
  return present(deps, changedOrConflict(edited));
}

/**
 * Deletes a comment: its text and the author's details are erased and it becomes a tombstone, so its
 * decision log (a moderator's reject, say) stays in the history and the deletion is logged beside it.
 * Readers see a placeholder only while it has replies. (Privacy erasure, by a moderator on request, is
 * what removes rows outright, and it is logged in the privacy audit log.)
 */
export async function deleteOwnComment(deps: CommentServiceDeps, id: number, token: string | undefined): Promise<void> {
  const comment = await authorise(deps, id, token);
  const deleted = await inTransaction(deps.db, async (unit) => {
    const result = await applyTransition(unit, deps, { commentId: id, change: { kind: 'erase' }, expectedStatus: comment.status, actor: 'author', note: 'deleted by author' }, deps.clock.now());
    if (result.outcome === 'applied') await forgetDeletedComment(unit.tx, result.before);
    return result;
  });
  changedOrConflict(deleted);
}
