import type { CommentStatus } from '../db/models.js';

/** The one status readers see; every other status stays with the moderators. */
export const PUBLIC_STATUS = 'approved' satisfies CommentStatus;

/**
 * What a reader sees: a comment is in its public thread exactly when it is approved (a deleted one
 * then shows as a placeholder while it holds replies). Thread reads, counts and every change that
 * decides whether cached pages must go use this rule.
 */
export function isPublic(comment: { status: CommentStatus }): boolean {
  return comment.status === PUBLIC_STATUS;
}

/**
 * A comment that waits for a moderator: held by the pipeline or an edit, or flagged by readers. Unlike a rejection, no
 * person has decided that its conversation should go.
 */
export function isAwaitingReview(comment: { status: CommentStatus }): boolean {
  return comment.status === 'pending' || comment.status === 'flagged';
}

/** A comment's place in its conversation as the visibility of the replies below it needs it. */
export interface ConversationLink {
  id: number;
  parentId: number | null;
  status: CommentStatus;
  /** Some comment above it is not public (stored, so counts and pages filter on it in their indexes). */
  hiddenByAncestor: boolean;
}

/**
 * Whether readers see a comment: it is public and so is every comment above it. A reply beneath a comment a
 * moderator hid (or an edit sent back to the queue) is hidden with it, and comes back when its parent does.
 */
export function isSeenByReaders(comment: Pick<ConversationLink, 'status' | 'hiddenByAncestor'>): boolean {
  return isPublic(comment) && !comment.hiddenByAncestor;
}

/** The `hiddenByAncestor` of a comment stored beneath `parent`: true when readers do not see the parent. */
export function hiddenBeneath(parent: Pick<ConversationLink, 'status' | 'hiddenByAncestor'>): boolean {
  return !isSeenByReaders(parent);
}

/**
 * The replies below `top` whose `hiddenByAncestor` no longer holds once `top` is as given (its status changed), and the
 * value each takes. `replies` are the other comments of the conversation, in any order.
 */
export function hiddenByAncestorChanges(top: ConversationLink, replies: readonly ConversationLink[]): { hide: number[]; show: number[] } {
  const children = childrenByParent(replies, top.id);
  const changes = { hide: [] as number[], show: [] as number[] };
  for (let level = [top]; level.length > 0; ) {
    const next: ConversationLink[] = [];
    for (const parent of level) {
      for (const child of children.get(parent.id) ?? []) {
        const hidden = hiddenBeneath(parent);
        if (child.hiddenByAncestor !== hidden) (hidden ? changes.hide : changes.show).push(child.id);
        next.push({ ...child, hiddenByAncestor: hidden });
      }
    }
    level = next;
  }
  return changes;
}

/** The comments of a conversation by the comment they answer (`except` and top-level comments left out). */
function childrenByParent<T extends { id: number; parentId: number | null }>(comments: readonly T[], except?: number): Map<number, T[]> {
  const children = new Map<number, T[]>();
  for (const comment of comments) {
    if (comment.parentId === null || comment.id === except) continue;
    const siblings = children.get(comment.parentId);
    if (siblings) siblings.push(comment);
    else children.set(comment.parentId, [comment]);
  }
  return children;
}

/** A link that also says whether its comment was deleted (a placeholder, shown only while a reply below it is). */
export interface PlacedLink extends ConversationLink {
  deletedAt: Date | null;
}

/**
 * Whether some comment below `topId` still has its text (is not deleted), whatever its status: a reply that readers see,
 * or one a moderator may yet approve (held, flagged, or rejected and overturned later). A placeholder above it is what
 * would let it show.
 */
export function holdsReplies(topId: number, conversation: readonly PlacedLink[]): boolean {
  const children = childrenByParent(conversation, topId);
  for (let level = children.get(topId) ?? []; level.length > 0; ) {
    if (level.some((link) => link.deletedAt === null)) return true;
    level = level.flatMap((link) => children.get(link.id) ?? []);
  }
  return false;
}

/**
 * The placeholders above a reply readers now see that held nothing readers saw until it came (pages left them out, so
 * open pages lack them), parents first: its deleted ancestors, up to the first one that already held a reply readers
 * see. `conversation` is every comment of its conversation, the top-level one included, as stored before this reply
 * showed (the reply's own subtree is not looked at).
 */
export function placeholdersShownWith(id: number, conversation: readonly PlacedLink[]): number[] {
  const byId = new Map(conversation.map((link) => [link.id, link]));
  const children = childrenByParent(conversation);
  const showsBelow = (link: PlacedLink, except: number): boolean =>
    (children.get(link.id) ?? []).some((child) => child.id !== except && isSeenByReaders(child) && (child.deletedAt === null || showsBelow(child, except)));
  const parentOf = (link: PlacedLink | undefined) => (link?.parentId == null ? undefined : byId.get(link.parentId));
  const shown: number[] = [];
  for (let child = byId.get(id), parent = parentOf(child); child && parent?.deletedAt && !showsBelow(parent, child.id); child = parent, parent = parentOf(parent)) {
    shown.unshift(parent.id);
  }
  return shown;
}

/**
 * Of comments readers see again (a conversation's part that came back), those a page shows: a deleted one only while a
 * comment below it among them is shown, as the page leaves out a placeholder that holds no visible reply.
 */
export function withoutEmptyPlaceholders<T extends { id: number; parentId: number | null; deletedAt: Date | null }>(comments: readonly T[]): T[] {
  const children = childrenByParent(comments);
  const shows = new Map<number, boolean>();
  const isShown = (comment: T): boolean => {
    const known = shows.get(comment.id);
    if (known !== undefined) return known;
    const shown = comment.deletedAt === null || (children.get(comment.id) ?? []).some(isShown);
    shows.set(comment.id, shown);
    return shown;
  };
  return comments.filter(isShown);
}
