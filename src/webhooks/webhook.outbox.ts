import type { DbClient } from '../db/client.js';
import { isTransactionClient } from '../db/unit-of-work.js';
import { findActiveWebhooks, insertDeliveries } from './webhook.repository.js';
import type { WebhookEvent } from './webhook.schemas.js';

// The hooks one transaction has read: a post announces two events (created, then approved) and reads them once.
const hooksOfTransaction = new WeakMap<DbClient, ReturnType<typeof findActiveWebhooks>>();

/** The active hooks, read once per transaction (no transaction adds hooks while it announces events). */
function activeHooks(tx: DbClient): ReturnType<typeof findActiveWebhooks> {
  // The root client lives for the process: only a transaction's own client may remember what it read.
  if (!isTransactionClient(tx)) return findActiveWebhooks(tx);
  let hooks = hooksOfTransaction.get(tx);
  if (!hooks) {
    hooks = findActiveWebhooks(tx);
    hooksOfTransaction.set(tx, hooks);
  }
  return hooks;
}

/** Queues a delivery of `payload()` to every hook subscribed to `event`, inside the caller's transaction. */
export async function enqueueWebhookDeliveries(
  tx: DbClient,
  event: { name: WebhookEvent; id: string; payload: () => string },
  now: Date,
): Promise<number> {
  const hooks = (await activeHooks(tx)).filter((hook) => Array.isArray(hook.events) && hook.events.includes(event.name));
  if (hooks.length === 0) return 0;
  // Written only for hooks that will receive it: most posts of most sites have none.
  const payload = event.payload();
  await insertDeliveries(
    tx,
    hooks.map((hook) => ({ webhookId: hook.id, eventId: event.id, event: event.name, payload, nextAttemptAt: now, createdAt: now })),
  );
  return hooks.length;
}
