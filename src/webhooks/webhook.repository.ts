import type { DbClient } from '../db/client.js';
import type { Webhook, WebhookDelivery } from '../generated/sqlite/client.js';

/** Registers a hook. */
export function insertWebhook(db: DbClient, data: { url: string; events: string[]; secret: string; createdBy: number; createdAt: Date }): Promise<Webhook> {
  return db.webhook.create({ data });
}

/** Hooks that have not been deleted, oldest first. */
export function findActiveWebhooks(db: DbClient): Promise<Webhook[]> {
  return db.webhook.findMany({ where: { deletedAt: null }, orderBy: { id: 'asc' } });
}

/** A hook that has not been deleted. */
export function findActiveWebhook(db: DbClient, id: number): Promise<Webhook | null> {
  return db.webhook.findFirst({ where: { id, deletedAt: null } });
}

/** Soft-deletes a hook so its delivery log stays readable; false when there was none. */
export async function softDeleteWebhook(db: DbClient, id: number, now: Date): Promise<boolean> {
  const { count } = await db.webhook.updateMany({ where: { id, deletedAt: null }, data: { deletedAt: now } });
  return count === 1;
}

/** Queues one delivery per subscribed hook, in the caller's transaction. */
export async function insertDeliveries(
  db: DbClient,
  rows: Array<{ webhookId: number; eventId: string; event: string; payload: string; nextAttemptAt: Date; createdAt: Date }>,
): Promise<void> {
  if (rows.length > 0) await db.webhookDelivery.createMany({ data: rows });
}

/** A page of a hook's delivery log, newest first. */
export function findDeliveries(db: DbClient, webhookId: number, page: { limit: number; cursor?: number }): Promise<WebhookDelivery[]> {
  return db.webhookDelivery.findMany({
    where: { webhookId, ...(page.cursor ? { id: { lt: page.cursor } } : {}) },
    orderBy: { id: 'desc' },
    take: page.limit,
  });
}

/** Ids of deliveries due now whose lease (if any) has run out. */
export async function findDueDeliveryIds(db: DbClient, now: Date, limit: number): Promise<number[]> {
  const rows = await db.webhookDelivery.findMany({
    where: { status: 'pending', nextAttemptAt: { lte: now }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    orderBy: { id: 'asc' },
    take: limit,
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

/** UPDATE ... WHERE id AND unleased: exactly one worker gets a row. */
export async function claimDelivery(db: DbClient, id: number, now: Date, leaseUntil: Date): Promise<boolean> {
  const { count } = await db.webhookDelivery.updateMany({
    where: { id, status: 'pending', OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    data: { lockedUntil: leaseUntil },
  });
  return count === 1;
}

/** A leased delivery with its hook. */
export function findDeliveryWithHook(db: DbClient, id: number) {
  return db.webhookDelivery.findUnique({ where: { id }, include: { webhook: true } });
}

/** Records an attempt's outcome, only while this worker still holds the lease. */
export async function recordAttempt(
  db: DbClient,
  id: number,
  leaseUntil: Date,
  outcome: { status: 'pending' | 'delivered' | 'failed'; attempts: number; nextAttemptAt: Date; statusCode: number | null; error: string | null; deliveredAt: Date | null },
): Promise<void> {
  await db.webhookDelivery.updateMany({
    where: { id, lockedUntil: leaseUntil },
    data: {
      status: outcome.status,
      attempts: outcome.attempts,
      nextAttemptAt: outcome.nextAttemptAt,
      lastStatusCode: outcome.statusCode,
      lastError: outcome.error,
      deliveredAt: outcome.deliveredAt,
      lockedUntil: null,
    },
  });
}

/** A hook, deleted or not (deleted hooks keep their delivery log). */
export function findWebhook(db: DbClient, id: number): Promise<Webhook | null> {
  return db.webhook.findUnique({ where: { id } });
}
