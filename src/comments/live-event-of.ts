import type { Comment } from '../db/models.js';
import type { LiveEvent } from '../live/live-event.js';
import { toPublicComment, type AvatarUrlOf } from '../threads/public-comment.presenter.js';
import { isSeenByReaders } from '../threads/visibility.js';

/**
 * What readers of an open thread learn from a change, rendered now from the rows the change already
 * holds (so no reader's stream ever reads the database): a comment that became public (seen by
 * readers: src/threads/visibility.ts) is new, one that stays public changed, one that left the thread
 * (or its row) is removed; else nothing. A public comment its author deleted (or an erasure emptied)
 * is removed too, carrying its emptied row: a page shows it only as the placeholder of replies it
 * holds, which the reader's own view knows best. Any other removal carries the comment as readers
 * last saw it: an edit that sent it back to the queue must not reach every open page before a
 * moderator has read it.
 */
export function liveEventOf(before: Comment | null, after: Comment | null, avatarUrlOf: AvatarUrlOf): LiveEvent | null {
  const wasPublic = before !== null && isSeenByReaders(before);
  const isNowPublic = after !== null && isSeenByReaders(after);
  const justDeleted = before?.deletedAt === null && after !== null && after.deletedAt !== null;
  if (isNowPublic && !wasPublic) return { type: 'comment.created', data: toPublicComment(after, avatarUrlOf) };
  if (isNowPublic && !justDeleted) return { type: 'comment.updated', data: toPublicComment(after, avatarUrlOf) };
  if (wasPublic) return { type: 'comment.removed', data: toPublicComment(after?.deletedAt ? after : before, avatarUrlOf) };
  return null;
}
