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
