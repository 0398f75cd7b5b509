import type { DbClient } from '../db/client.js';
import type { CommentStatus } from '../db/models.js';
import type { DECISION_ACTORS } from './moderation.schemas.js';

/** Who changed a status (privacy erasures record their own entries). */
export type DecisionActor = Exclude<(typeof DECISION_ACTORS)[number], 'privacy'>;

/** Appends one status change to the decision log. */
export async function recordDecision(
  db: DbClient,
  entry: {
    commentId: number;
    actor: DecisionActor;
    fromStatus: CommentStatus | null;
    toStatus: CommentStatus;
    note?: string | null;
    moderatorId?: number | null;
    batchId?: string | null;
    createdAt: Date;
  },
): Promise<void> {
  await db.decision.create({
    data: {
      commentId: entry.commentId,
      actor: entry.actor,
      fromStatus: entry.fromStatus,
      toStatus: entry.toStatus,
      note: entry.note ?? null,
      moderatorId: entry.moderatorId ?? null,
      batchId: entry.batchId ?? null,
      createdAt: entry.createdAt,
    },
  });
}
