import type { PublicComment } from '../threads/thread.schemas.js';

/** How many replies a comment shows on the thread page, and on each page of its own conversation. */
export const REPLIES_INLINE = 10;
export const REPLIES_PER_PAGE = 100;

function countReplies(replies: readonly PublicComment[]): number {
  return replies.reduce((sum, reply) => sum + 1 + countReplies(reply.replies), 0);
}

/**
 * The first `limit` replies of a conversation in reading order (depth first), nested as they were,
 * and how many it holds in all. Keeps a no-JavaScript thread page bounded however long a conversation is.
 */
export function firstReplies(replies: readonly PublicComment[], limit: number): { replies: PublicComment[]; total: number } {
  let position = 0;
  const keep = (level: readonly PublicComment[]): PublicComment[] =>
    level.flatMap((reply) => {
      if (position >= limit) return [];
      position += 1;
      return [{ ...reply, replies: keep(reply.replies) }];
    });
  return { replies: keep(replies), total: countReplies(replies) };
}

/**
 * A conversation's opening comment with one page of its replies, given flat in the order they were
 * written: each reply under its parent where the parent is on the page, else at the top of the page.
 */
export function nestReplyPage(root: PublicComment, replies: readonly PublicComment[]): PublicComment {
  const opening: PublicComment = { ...root, replies: [] };
  const nodes = new Map<number, PublicComment>([[opening.id, opening]]);
  for (const reply of replies) {
    const node: PublicComment = { ...reply, replies: [] };
    nodes.set(node.id, node);
    ((reply.parentId !== null && nodes.get(reply.parentId)) || opening).replies.push(node);
  }
  return opening;
}
