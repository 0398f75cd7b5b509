import type { DbClient } from '../db/client.js';
import { Prisma } from '../db/models.js';
import { readRows } from '../db/hot-sql.js';
import type { Webhook, WebhookDelivery } from '../generated/sqlite/client.js';
import { dueAt, unleasedAt, type OutboxStore } from '../outbox/outbox-queue.js';

/** Registers a hook. */
export function insertWebhook(db: DbClient, data: { url: string; events: string[]; secret: string; createdBy: number; createdAt: Date }): Promise<Webhook> {
  return db.webhook.create({ data });
}

/** Hooks that have not been deleted, oldest first. */
export function findActiveWebhooks(db: DbClient): Promise<Webhook[]> {
  // Every post asks, in its transaction (src/db/prepared-reads.ts).
  return readRows<Webhook[]>(db, Prisma.sql`SELECT * FROM "Webhook" WHERE "deletedAt" IS NULL ORDER BY "id" ASC`);
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

/** The webhook delivery table, for the shared lease-and-retry queue; each row comes with its hook. */
export function deliveryStore(db: DbClient): OutboxStore<WebhookDelivery & { webhook: Webhook }> {
  return {
    async findDue(now, limit) {
      const rows = await db.webhookDelivery.findMany({ where: dueAt(now), orderBy: { id: 'asc' }, take: limit, select: { id: true } });
      return rows.map((row) => row.id);
    },
    async claim(id, now, leaseUntil) {
      const { count } = await db.webhookDelivery.updateMany({ where: { id, status: 'pending', ...unleasedAt(now) }, data: { lockedUntil: leaseUntil } });
      return count === 1;
    },
    load: (id) => db.webhookDelivery.findUnique({ where: { id }, include: { webhook: true } }),
    async record(id, leaseUntil, outcome) {
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
    },
  };
}

/** A hook, deleted or not (deleted hooks keep their delivery log). */
export function findWebhook(db: DbClient, id: number): Promise<Webhook | null> {
  return db.webhook.findUnique({ where: { id } });
}
