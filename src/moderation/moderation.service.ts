import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { AvatarUrlOf } from '../threads/public-comment.presenter.js';
import type { Config } from '../config/config.js';
import type { Db, DbClient } from '../db/client.js';
import { applyTransition, applyTransitions, changedOrConflict, type CommentChange, type TransitionDeps, type TransitionRequest } from '../comments/comment-transition.js';
import { inTransaction, type UnitOfWork } from '../db/unit-of-work.js';
import type { CommentStatus } from '../db/models.js';
import { AppError } from '../shared/errors.js';
import type { Clock } from '../shared/clock.js';
import type { ThreadReadCache } from '../threads/thread-cache.js';
import { toQueueItem } from './moderation.presenter.js';
import type { DecisionActor } from '../comments/comment.schemas.js';
import { ACTION_STATUS, type decisionLogSchema, type QueueItem, type queuePageSchema } from './moderation.schemas.js';
import {
  countByStatus,
  findBatchDecisions,
  findDecisionLog,
  findQueuePage,
  findQueueRow,
  isKnownBatch,
  markUndone,
} from './moderation.repository.js';

/** What the moderation use cases need. */
export interface ModerationDeps {
  db: Db;
  /** Events go to the webhook and mail outboxes, which need the configuration. */
  config: Config;
  clock: Clock;
  threadCache: ThreadReadCache;
  avatarUrlOf: AvatarUrlOf;
  live: TransitionDeps['live'];
}

type Action = keyof typeof ACTION_STATUS;
type Moderator = { id: number };

/** A bulk action (up to 500 comments) may outlast Prisma's 5 s default on a slow PostgreSQL link. */
const BULK_TRANSACTION = { timeoutMs: 60_000 };

/** One page of the queue. */
export async function listQueue(deps: ModerationDeps, filter: Parameters<typeof findQueuePage>[1]): Promise<z.infer<typeof queuePageSchema>> {
  const page = await findQueuePage(deps.db, filter);
  return { items: page.rows.map((row) => toQueueItem(row, deps.avatarUrlOf)), nextCursor: page.nextCursor };
}

/** One queue item by id, as it is now (the dashboard reloads an item after a 409). */
export async function getQueueItem(deps: ModerationDeps, id: number): Promise<QueueItem> {
  const row = await findQueueRow(deps.db, id);
  if (!row) throw new AppError('not_found', 'comment.notFound');
  return toQueueItem(row, deps.avatarUrlOf);
}

/** Comment counts by status, for the queue tabs. */
export function queueCounts(deps: { db: DbClient }) {
  return countByStatus(deps.db);
}

/** One moderator decision; with `expectedStatus`, a comment changed meanwhile is a 409, never a silent overwrite. */
export async function decideComment(
  deps: ModerationDeps,
  id: number,
  input: { action: Action; note?: string; expectedStatus?: CommentStatus },
  moderator: Moderator,
): Promise<QueueItem> {
  const now = deps.clock.now();
  return answeredItem(deps, await inTransaction(deps.db, (unit) =>
    transitionAndRow(
      unit,
      deps,
      {
        commentId: id,
        change: { kind: 'status', to: ACTION_STATUS[input.action] },
        actor: 'moderator',
        moderatorId: moderator.id,
        expectedStatus: input.expectedStatus,
        note: input.note,
        confirms: true,
      },
      now,
    ),
  ));
}

/**
 * Applies one action to many comments in one transaction; the batch can be undone by its id. With `expectedStatus`
 * (the queue tab they were chosen in), a comment another moderator decided meanwhile is left alone and reported; so is
 * one that is gone (its author deleted it, an erasure removed it, or no comment has the id).
 */
export async function decideInBulk(
  deps: ModerationDeps,
  input: { ids: number[]; action: Action; note?: string; expectedStatus?: CommentStatus },
  moderator: Moderator,
): Promise<{ updated: number; batchId: string; skipped: number[]; missing: number[] }> {
  const now = deps.clock.now();
  const batchId = randomUUID();
  const change = { kind: 'status', to: ACTION_STATUS[input.action] } as const;
  const requests = [...new Set(input.ids)].map(
    (commentId) => ({ commentId, change, actor: 'moderator', moderatorId: moderator.id, note: input.note, batchId, expectedStatus: input.expectedStatus }) as const,
  );
  const results = await inTransaction(deps.db, (unit) => applyTransitions(unit, deps, requests, now), BULK_TRANSACTION);
  return {
    updated: results.filter((result) => result.outcome === 'applied').length,
    batchId,
    skipped: requests.flatMap((request, i) => (results[i]?.outcome === 'stale' ? [request.commentId] : [])),
    missing: requests.flatMap((request, i) => (results[i]?.outcome === 'missing' ? [request.commentId] : [])),
  };
}

/**
 * Features a comment among the thread's picks (only an approved one: else 409) or takes it out.
 * Logged like a decision, under a batch id of its own so the existing undo reverses it.
 */
export async function featureComment(deps: ModerationDeps, id: number, input: { featured: boolean; note?: string }, moderator: Moderator): Promise<QueueItem> {
  const now = deps.clock.now();
  const change = await inTransaction(deps.db, (unit) =>
    transitionAndRow(
      unit,
      deps,
      {
        commentId: id,
        change: { kind: 'feature', featured: input.featured },
        actor: 'moderator',
        moderatorId: moderator.id,
        expectedStatus: input.featured ? 'approved' : undefined,
        note: input.note,
        batchId: randomUUID(),
      },
      now,
    ),
  );
  // Only a published comment can be featured: say so, rather than that someone changed it meanwhile.
  if (change.result.outcome === 'stale' && input.featured) throw new AppError('conflict', 'feature.notPublished');
  return answeredItem(deps, change);
}

/** One comment's change, and the comment as moderators see it after it (read in the change's transaction). */
async function transitionAndRow(unit: UnitOfWork, deps: TransitionDeps, request: TransitionRequest, now: Date) {
  const result = await applyTransition(unit, deps, request, now);
  return { result, row: result.outcome === 'applied' || result.outcome === 'unchanged' ? await findQueueRow(unit.tx, request.commentId) : null };
}

/** The queue item a single decision or pick answers with: 404 or 409 when it changed nothing. */
function answeredItem(deps: ModerationDeps, change: Awaited<ReturnType<typeof transitionAndRow>>): QueueItem {
  changedOrConflict(change.result);
  if (!change.row) throw new AppError('not_found', 'comment.notFound');
  return toQueueItem(change.row, deps.avatarUrlOf);
}

/** What reverses one logged entry: the opposite pick, or the status before it (a first entry has none). */
function undoChangeOf(decision: { action: string | null; fromStatus: CommentStatus | null }): CommentChange | null {
  if (decision.action === 'feature' || decision.action === 'unfeature') return { kind: 'feature', featured: decision.action === 'unfeature' };
  return decision.fromStatus === null ? null : { kind: 'status', to: decision.fromStatus };
}

/**
 * Restores every comment of a bulk action to its status before it. A comment someone changed
 * since is left alone and reported, so an undo never overwrites a newer decision: one whose log has
 * a later entry (even one that brought it back to the batch's status), or whose status is no longer
 * the batch's.
 */
export async function undoBatch(deps: ModerationDeps, batchId: string, moderator: Moderator): Promise<{ restored: number; skipped: number[]; batchId: string }> {
  const now = deps.clock.now();
  const undoId = randomUUID();
  return inTransaction(
    deps.db,
    async (unit) => {
      const decisions = await findBatchDecisions(unit.tx, batchId);
      if (decisions.length === 0) {
        // A second undo of the same batch is told so, not that there never was one.
        if (await isKnownBatch(unit.tx, batchId)) throw new AppError('conflict', 'batch.alreadyUndone');
        throw new AppError('not_found', 'request.notFound');
      }
      const undoable = decisions.flatMap((decision) => {
        const change = undoChangeOf(decision);
        return change === null || Number(decision.latestId) > decision.id ? [] : [{ decision, change }];
      });
      const results = await applyTransitions(
        unit,
        deps,
        undoable.map(({ decision, change }) => ({
          commentId: decision.commentId,
          change,
          expectedStatus: decision.toStatus,
          actor: 'moderator',
          moderatorId: moderator.id,
          note: `undo of batch ${batchId}`,
          batchId: undoId,
          undoes: true,
          unchangedSince: decision.createdAt,
        })),
        now,
      );
      const undone = undoable.filter((_, index) => results[index]?.outcome === 'applied').map(({ decision }) => decision);
      // What an earlier undo of this batch left behind, it left for good (decided since), and one at the same moment
      // (PostgreSQL) left nothing: undoing again is told so.
      if (undone.length === 0 && (await isKnownBatch(unit.tx, batchId, { undone: true }))) throw new AppError('conflict', 'batch.alreadyUndone');
      await markUndone(unit.tx, undone.map((decision) => decision.id), now);
      const restoredIds = new Set(undone.map((decision) => decision.id));
      const skipped = decisions.filter((decision) => !restoredIds.has(decision.id)).map((decision) => decision.commentId);
      return { restored: undone.length, skipped, batchId: undoId };
    },
    BULK_TRANSACTION,
  );
}

/** The decision history, newest first. */
export async function decisionLog(deps: ModerationDeps, page: Parameters<typeof findDecisionLog>[1]): Promise<z.infer<typeof decisionLogSchema>> {
  const { rows, nextCursor } = await findDecisionLog(deps.db, page);
  return {
    items: rows.map((row) => ({
      id: row.id,
      commentId: row.commentId,
      threadKey: row.comment.thread.key,
      // A plain string column, written only by recordDecision and privacy erasures.
      actor: row.actor as DecisionActor,
      moderator: row.moderator,
      fromStatus: row.fromStatus,
      toStatus: row.toStatus,
      note: row.note,
      action: row.action === 'feature' || row.action === 'unfeature' || row.action === 'confirm' || row.action === 'undo' ? row.action : null,
      batchId: row.batchId,
      undoneAt: row.undoneAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
    })),
    nextCursor: nextCursor === null ? null : String(nextCursor),
  };
}
