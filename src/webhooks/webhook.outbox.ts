import type { DbClient } from '../db/client.js';
import { findActiveWebhooks, insertDeliveries } from './webhook.repository.js';
import type { WebhookEvent } from './webhook.schemas.js';

/** Queues a delivery of `payload` to every hook subscribed to `event`, inside the caller's transaction. */
export async function enqueueWebhookDeliveries(
  tx: DbClient,
  event: { name: WebhookEvent; id: string; payload: string },
  now: Date,
): Promise<number> {
  const hooks = (await findActiveWebhooks(tx)).filter((hook) => Array.isArray(hook.events) && hook.events.includes(event.name));
  await insertDeliveries(
    tx,
    hooks.map((hook) => ({ webhookId: hook.id, eventId: event.id, event: event.name, payload: event.payload, nextAttemptAt: now, createdAt: now })),
  );
  return hooks.length;
}
