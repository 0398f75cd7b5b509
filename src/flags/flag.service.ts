import type { z } from 'zod';
import type { CommentServiceDeps } from '../comments/comment.context.js';
import { findComment } from '../comments/comment.repository.js';
import type { flagCommentSchema } from '../comments/comment.schemas.js';
import { AppError } from '../http/errors.js';
import { recordDecision } from '../moderation/decision.repository.js';
import { publishCommentEvent } from '../events/comment-events.js';
import { keyedHash } from '../shared/crypto.js';
import { findThreadById } from '../threads/thread.repository.js';
import { incrementFlagCount, insertFlag, markFlagged } from './flag.repository.js';

/**
 * Records a reader's report. Only the first flag of each reader (by keyed IP hash) counts; at the
 * policy's threshold the comment leaves the public thread for the moderation queue.
 */
export async function flagComment(
  deps: CommentServiceDeps,
  id: number,
  input: z.infer<typeof flagCommentSchema>,
  ip: string | undefined,
): Promise<void> {
  const comment = await findComment(deps.db, id);
  if (!comment || comment.status !== 'approved' || comment.deletedAt !== null) throw new AppError('not_found', 'comment.notFound');
  const now = deps.clock.now();
  const { policy } = await deps.policies.active();
  const readerKey = keyedHash(deps.config.SECRET, 'flag', ip ?? 'unknown');
  // ReadCommitted is enough: the unique (comment, reader) index settles races between two flags.
  const movedToQueue = await deps.db.$transaction(async (tx) => {
    const counted = await insertFlag(tx, { commentId: id, readerKey, reason: input.reason, note: input.note ?? null, createdAt: now });
    if (!counted) return false;
    const flags = await incrementFlagCount(tx, id);
    if (flags < policy.flagThreshold || !(await markFlagged(tx, id, now))) return false;
    await recordDecision(tx, {
      commentId: id,
      actor: 'flags',
      fromStatus: 'approved',
      toStatus: 'flagged',
      note: `${flags} reader flags`,
      createdAt: now,
    });
    await publishCommentEvent(tx, deps.config, 'comment.flagged', { commentId: id, from: 'approved' }, now);
    return true;
  });
  if (movedToQueue) {
    const thread = await findThreadById(deps.db, comment.threadId);
    if (thread) await deps.threadCache.invalidate(thread.key);
  }
}
