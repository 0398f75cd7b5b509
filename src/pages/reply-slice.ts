import type { PublicComment } from '../threads/thread.schemas.js';

/** How many replies a comment shows on the thread page, and on each page of its own conversation. */
export const REPLIES_INLINE = 10;
export const REPLIES_PER_PAGE = 100;

function countReplies(replies: readonly PublicComment[]): number {
  return replies.reduce((sum, reply) => sum + 1 + countReplies(reply.replies), 0);
}

/**
 * The replies of one conversation at positions [from, from + limit) in reading order (depth first),
 * nested as they were; a reply whose parent falls outside the slice moves up to the nearest shown
 * ancestor (or the top of the slice). Keeps a no-JavaScript page bounded however long a conversation is.
 */
export function sliceReplies(replies: readonly PublicComment[], from: number, limit: number): { replies: PublicComment[]; total: number } {
  let position = 0;
  const keep = (level: readonly PublicComment[]): PublicComment[] =>
    level.flatMap((reply) => {
      const shown = position >= from && position < from + limit;
      position += 1;
      if (position > from + limit && !shown) return [];
      const below = keep(reply.replies);
      return shown ? [{ ...reply, replies: below }] : below;
    });
  return { replies: keep(replies), total: countReplies(replies) };
}
