import type { Db } from '../db/client.js';
import { outboxQueue, type AttemptOutcome } from '../outbox/outbox-queue.js';
import type { OutboxQueue } from '../outbox/worker.js';
import { deliveryStore } from './webhook.repository.js';
import { signWebhook } from './webhook.signature.js';

/** What delivering webhooks needs. */
export interface WebhookQueueDeps {
  db: Db;
  maxAttempts: number;
  timeoutMs: number;
  random?: () => number;
}

async function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<AttemptOutcome> {
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
  return outboxQueue({
    name: 'webhooks',
    store: deliveryStore(deps.db),
    maxAttempts: deps.maxAttempts,
    random: deps.random,
    async deliver(delivery, now) {
      if (delivery.webhook.deletedAt !== null) return { ok: false, error: 'webhook deleted', abandon: true };
      const timestamp = Math.floor(now.getTime() / 1000);
      return post(
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
    },
  });
}
