import { hiddenBeneath } from '../threads/visibility.js';
import type { CommentStatus } from '../db/models.js';

/** Replies nest at most this deep (0 is top level): five levels, as WordPress does by default. */
const MAX_DEPTH = 4;

/** Where a comment sits in its conversation. */
export interface Placement {
  parentId: number | null;
  /** The top-level comment of the conversation; null for a top-level comment itself. */
  rootId: number | null;
  depth: number;
  /** Some comment above it is not public (src/threads/visibility.ts). */
  hiddenByAncestor: boolean;
}

/** The parent a reply is placed under, as stored. */
export interface ReplyParent {
  id: number;
  parentId: number | null;
  rootId: number | null;
  depth: number;
  status: CommentStatus;
  hiddenByAncestor: boolean;
}

/**
 * Where a reply goes: under its parent, or beside it once the conversation is as deep as it may be (then it shares the
 * parent's own parent, and is hidden exactly when the parent is hidden by that); top level without a parent.
 */
export function placeReply(parent: ReplyParent | null): Placement {
  if (!parent) return { parentId: null, rootId: null, depth: 0, hiddenByAncestor: false };
  const rootId = parent.rootId ?? parent.id;
  return parent.depth >= MAX_DEPTH
    ? { parentId: parent.parentId, rootId, depth: parent.depth, hiddenByAncestor: parent.hiddenByAncestor }
    : { parentId: parent.id, rootId, depth: parent.depth + 1, hiddenByAncestor: hiddenBeneath(parent) };
}
