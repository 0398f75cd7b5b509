/** Replies nest at most this deep (0 is top level): five levels, as WordPress does by default. */
const MAX_DEPTH = 4;

/** Where a comment sits in its conversation. */
export interface Placement {
  parentId: number | null;
  /** The top-level comment of the conversation; null for a top-level comment itself. */
  rootId: number | null;
  depth: number;
}

/** Where a reply goes: under its parent, or beside it once the conversation is as deep as it may be; top level without a parent. */
export function placeReply(parent: { id: number; parentId: number | null; rootId: number | null; depth: number } | null): Placement {
  if (!parent) return { parentId: null, rootId: null, depth: 0 };
  const rootId = parent.rootId ?? parent.id;
  return parent.depth >= MAX_DEPTH ? { parentId: parent.parentId, rootId, depth: parent.depth } : { parentId: parent.id, rootId, depth: parent.depth + 1 };
}
