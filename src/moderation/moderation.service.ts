import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { AvatarUrlOf } from '../comments/comment.presenter.js';
import type { Config } from '../config/config.js';
import type { Db } from '../db/client.js';
import { publishStatusChange } from '../events/comment-events.js';
import type { CommentStatus } from '../db/models.js';
import { AppError } from '../http/errors.js';
import type { Clock } from '../shared/clock.js';
import type { ThreadReadCache } from '../threads/thread-cache.js';
import { recordDecision } from './decision.repository.js';
import { toQueueItem } from './moderation.presenter.js';
import { ACTION_STATUS, type DECISION_ACTORS, type decisionLogSchema, type QueueItem, type queuePageSchema } from './moderation.schemas.js';
import {
  changeStatus,
  countByStatus,
  findBatchDecisions,
  findDecisionLog,
  findQueuePage,
  findQueueRow,
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
}

type Action = keyof typeof ACTION_STATUS;
type Moderator = { id: number };

/** A status change is public when it enters or leaves `approved`. */
function affectsPublicThread(from: CommentStatus, to: CommentStatus): boolean {
  return from !== to && (from === 'approved' || to === 'approved');
}

/** One page of the queue. */
export async function listQueue(deps: ModerationDeps, filter: Parameters<typeof findQueuePage>[1]): Promise<z.infer<typeof queuePageSchema>> {
  const page = await findQueuePage(deps.db, filter);
  return { items: page.rows.map((row) => toQueueItem(row, deps.avatarUrlOf)), nextCursor: page.nextCursor === null ? null : String(page.nextCursor) };
}

/** One queue item by id, as it is now (the dashboard reloads an item after a 409). */
export async function getQueueItem(deps: ModerationDeps, id: number): Promise<QueueItem> {
  const row = await findQueueRow(deps.db, id);
  if (!row) throw new AppError('not_found', 'comment.notFound');
  return toQueueItem(row, deps.avatarUrlOf);
}

/** Comment counts by status, for the queue tabs. */
export function queueCounts(deps: ModerationDeps) {
  return countByStatus(deps.db);
}

/** One moderator decision; with `expectedStatus`, a comment changed meanwhile is a 409, never a silent overwrite. */
export async function decideComment(
  deps: ModerationDeps,
  id: number,
  input: { action: Action; note?: string; expectedStatus?: CommentStatus },
  moderator: Moderator,
): Promise<QueueItem> {
  const to = ACTION_STATUS[input.action];
  const now = deps.clock.now();
  const outcome = await deps.db.$transaction(async (tx) => {
    const row = await findQueueRow(tx, id);
    if (!row) throw new AppError('not_found', 'comment.notFound');
    if (input.expectedStatus && row.status !== input.expectedStatus) throw new AppError('conflict', 'conflict');
    if (row.status === to) return { row, changed: false };
    if (!(await changeStatus(tx, id, row.status, to, now))) throw new AppError('conflict', 'conflict');
    await recordDecision(tx, { commentId: id, actor: 'moderator', moderatorId: moderator.id, fromStatus: row.status, toStatus: to, note: input.note, createdAt: now });
    await publishStatusChange(tx, deps.config, id, row.status, to, now);
    return { row: { ...row, status: to }, changed: affectsPublicThread(row.status, to) };
  });
  if (outcome.changed) await deps.threadCache.invalidate(outcome.row.thread.key);
  const fresh = await findQueueRow(deps.db, id);
  return toQueueItem(fresh ?? outcome.row, deps.avatarUrlOf);
}

/** Applies one action to many comments in one transaction; the batch can be undone by its id. */
export async function decideInBulk(
  deps: ModerationDeps,
  input: { ids: number[]; action: Action; note?: string },
  moderator: Moderator,
): Promise<{ updated: number; batchId: string }> {
  const to = ACTION_STATUS[input.action];
  const now = deps.clock.now();
  const batchId = randomUUID();
  const touched = await deps.db.$transaction(async (tx) => {
    const threads = new Set<string>();
    let updated = 0;
    for (const id of new Set(input.ids)) {
      const row = await findQueueRow(tx, id);
      if (!row || row.status === to || !(await changeStatus(tx, id, row.status, to, now))) continue;
      await recordDecision(tx, { commentId: id, actor: 'moderator', moderatorId: moderator.id, fromStatus: row.status, toStatus: to, note: input.note, batchId, createdAt: now });
      await publishStatusChange(tx, deps.config, id, row.status, to, now);
      if (affectsPublicThread(row.status, to)) threads.add(row.thread.key);
      updated += 1;
    }
    return { updated, threads };
  });
  await Promise.all([...touched.threads].map((key) => deps.threadCache.invalidate(key)));
  return { updated: touched.updated, batchId };
}

/**
 * Restores every comment of a bulk action to its status before it. A comment someone changed
 * since is left alone and reported, so an undo never overwrites a newer decision.
 */
export async function undoBatch(deps: ModerationDeps, batchId: string, moderator: Moderator): Promise<{ restored: number; skipped: number[]; batchId: string }> {
  const now = deps.clock.now();
  const undoId = randomUUID();
  const result = await deps.db.$transaction(async (tx) => {
    const decisions = await findBatchDecisions(tx, batchId);
    if (decisions.length === 0) throw new AppError('not_found', 'request.notFound');
    const threads = new Set<string>();
    const skipped: number[] = [];
    let restored = 0;
    for (const decision of decisions) {
      const from = decision.fromStatus;
      if (from === null || !(await changeStatus(tx, decision.commentId, decision.toStatus, from, now))) {
        skipped.push(decision.commentId);
        continue;
      }
      await markUndone(tx, decision.id, now);
      await recordDecision(tx, {
        commentId: decision.commentId,
        actor: 'moderator',
        moderatorId: moderator.id,
        fromStatus: decision.toStatus,
        toStatus: from,
        note: `undo of batch ${batchId}`,
        batchId: undoId,
        createdAt: now,
      });
      await publishStatusChange(tx, deps.config, decision.commentId, decision.toStatus, from, now);
      if (affectsPublicThread(decision.toStatus, from)) threads.add(decision.comment.thread.key);
      restored += 1;
    }
    return { restored, skipped, threads };
  });
  await Promise.all([...result.threads].map((key) => deps.threadCache.invalidate(key)));
  return { restored: result.restored, skipped: result.skipped, batchId: undoId };
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
      actor: row.actor as (typeof DECISION_ACTORS)[number],
      moderator: row.moderator,
      fromStatus: row.fromStatus,
      toStatus: row.toStatus,
      note: row.note,
      batchId: row.batchId,
      undoneAt: row.undoneAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
    })),
    nextCursor: nextCursor === null ? null : String(nextCursor),
  };
}
