import type { CommentStatus, Prisma } from '../db/models.js';

/** Decision-log entries other than an undo's own, which judges nothing: it puts back the entry before the batch. */
export const NOT_AN_UNDO = { OR: [{ action: null }, { action: { not: 'undo' } }] } satisfies Prisma.DecisionWhereInput;

/**
 * The decision-log entries that say where a comment stands: none an undo took back, and not an undo's own entry,
 * which puts back the status of the entry before the batch, whoever gave it (a moderator's rejection stays theirs).
 */
export const STANDING_DECISION = { undoneAt: null, ...NOT_AN_UNDO } satisfies Prisma.DecisionWhereInput;

/** The newest standing entry of a comment's log: who decided, to what, and when. */
export type StandingDecision = { actor: string; action: string | null; toStatus: CommentStatus; createdAt: Date };

/** The columns of a StandingDecision, as a Prisma select. */
export const STANDING_DECISION_FIELDS = { actor: true, action: true, toStatus: true, createdAt: true } as const satisfies Prisma.DecisionSelect;

/** Who gives a person's word on a comment: a moderator, or an import of decisions people made elsewhere. The rules and readers do not. */
export const PEOPLES_ACTORS: readonly string[] = ['moderator', 'import'];

/**
 * Whether the comment's status is a moderator's (or an import's) word, by its newest standing entry: nothing to confirm.
 * A moderator's word given before the author's last edit (a comment kept in spam through it) is on text they never read.
 * An import's is on the text as it came, edits made elsewhere included (its entry is dated at the comment's creation).
 */
export function isModeratorsStatus(latest: StandingDecision | null, comment: { status: CommentStatus; editedAt: Date | null }): boolean {
  if (latest === null || !PEOPLES_ACTORS.includes(latest.actor) || latest.toStatus !== comment.status) return false;
  return latest.actor === 'import' || comment.editedAt === null || comment.editedAt <= latest.createdAt;
}
