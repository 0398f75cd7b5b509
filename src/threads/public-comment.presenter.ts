import type { Comment } from '../db/models.js';
import type { PublicComment } from './thread.schemas.js';
import { badgesOf } from '../accounts/claims.js';

/** Makes the avatar URL of an author without revealing anything about the email. */
export type AvatarUrlOf = (authorKey: string) => string;

/**
 * Whose identicon a comment wears: its author's only when the author proved who they are (signed in, a commenter
 * key a moderator vouched for, a confirmed address, staff). A typed address proves nothing: keyed on it, anyone
 * typing a columnist's address wore the columnist's avatar, and the avatar a held post answered with told its
 * sender whether that address wrote a given public comment. So a typed author's comment has an avatar of its own.
 */
function avatarKeyOf(row: Comment): string {
  if (row.deletedAt !== null) return 'deleted';
  return row.identifiedBy === 'typed' ? `comment:${row.id}` : row.authorKey;
}

/** The public shape of one comment (without replies): no email, IP or status. */
export function toPublicComment(row: Comment, avatarUrlOf: AvatarUrlOf): PublicComment {
  const deleted = row.deletedAt !== null;
  return {
    id: row.id,
    parentId: row.parentId,
    authorName: row.authorName,
    authorUrl: row.authorUrl,
    avatar: avatarUrlOf(avatarKeyOf(row)),
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    edited: row.editedAt !== null,
    deleted,
    reactions: row.reactionCount,
    featured: row.featuredAt !== null,
    badges: deleted ? [] : badgesOf(row.authorBadges),
    replies: [],
  };
}

/** Where a conversation the page shows only in part goes on: all its replies, and the cursor of the rest. */
export interface MoreReplies {
  replyCount: number;
  repliesCursor: string;
}

/**
 * Nests replies under their parents. A reply whose parent is not public is not shown, and a
 * deleted comment stays only while it holds visible replies; in a conversation shown in part
 * (`more`), a deleted reply stays as the query kept it, since its replies may be in the rest.
 */
export function nestReplies(topLevel: Comment[], replies: Comment[], avatarUrlOf: AvatarUrlOf, more: ReadonlyMap<number, MoreReplies> = new Map()): PublicComment[] {
  const nodes = new Map<number, PublicComment>();
  const roots = topLevel.map((row) => {
    const node = toPublicComment(row, avatarUrlOf);
    nodes.set(row.id, node);
    return node;
  });
  for (const row of replies) {
    const parent = row.parentId === null ? undefined : nodes.get(row.parentId);
    if (!parent) continue;
    const node = toPublicComment(row, avatarUrlOf);
    nodes.set(row.id, node);
    parent.replies.push(node);
  }
  return roots.flatMap((root) => {
    const rest = more.get(root.id);
    if (!rest) return prune([root]);
    return [{ ...root, replyCount: rest.replyCount, repliesCursor: rest.repliesCursor }];
  });
}

function prune(list: PublicComment[]): PublicComment[] {
  return list.flatMap((node) => {
    node.replies = prune(node.replies);
    return node.deleted && node.replies.length === 0 ? [] : [node];
  });
}
