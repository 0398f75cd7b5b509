import type { Db } from '../db/client.js';
import { afterAttempt } from '../outbox/backoff.js';
import type { OutboxQueue } from '../outbox/worker.js';
import { claimDelivery, findDeliveryWithHook, findDueDeliveryIds, recordAttempt } from './webhook.repository.js';
import { signWebhook } from './webhook.signature.js';

/** What delivering webhooks needs. */
export interface WebhookQueueDeps {
  db: Db;
  maxAttempts: number;
  timeoutMs: number;
  random?: () => number;
}

type Attempt = { ok: boolean; statusCode: number | null; error: string | null };

async function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<Attempt> {
  try {
    // No redirects: a hook must answer at the URL the admin registered.
    const response = await fetch(url, { method: 'POST', body, headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    const ok = response.status >= 200 && response.status < 300;
    return { ok, statusCode: response.status, error: ok ? null : `HTTP ${response.status}` };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { ok: false, statusCode: null, error: (cause ?? (error instanceof Error ? error.message : String(error))).slice(0, 500) };
  }
}

/** The webhook outbox as a worker queue: signs each stored payload and POSTs it, retrying with backoff. */
export function webhookQueue(deps: WebhookQueueDeps): OutboxQueue {
  return {
    name: 'webhooks',
    findDue: (now, limit) => findDueDeliveryIds(deps.db, now, limit),
    claim: (id, now, leaseUntil) => claimDelivery(deps.db, id, now, leaseUntil),
    async process(id, now, leaseUntil) {
      const delivery = await findDeliveryWithHook(deps.db, id);
      if (!delivery) return;
      const attempts = delivery.attempts + 1;
      if (delivery.webhook.deletedAt !== null) {
        await recordAttempt(deps.db, id, leaseUntil, { status: 'failed', attempts: delivery.attempts, nextAttemptAt: now, statusCode: null, error: 'webhook deleted', deliveredAt: null });
        return;
      }
      const timestamp = Math.floor(now.getTime() / 1000);
      const result = await post(
        delivery.webhook.url,
        delivery.payload,
        {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Majlis-Webhooks/1',
          'x-majlis-event': delivery.event,
          'x-majlis-delivery': String(delivery.id),
          'x-majlis-signature': signWebhook(delivery.webhook.secret, timestamp, delivery.payload),
        },
        deps.timeoutMs,
      );
      await recordAttempt(deps.db, id, leaseUntil, {
        ...afterAttempt(result.ok, attempts, { maxAttempts: deps.maxAttempts, now, random: deps.random }),
        attempts,
        statusCode: result.statusCode,
        error: result.error,
        deliveredAt: result.ok ? now : null,
      });
    },
  };
}
