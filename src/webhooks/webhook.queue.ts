import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Db } from '../db/client.js';
import { outboxQueue, type AttemptOutcome } from '../outbox/outbox-queue.js';
import type { OutboxQueue } from '../outbox/worker.js';
import { deliveryStore } from './webhook.repository.js';
import { checkedLookup, ipLiteralOf, mayConnectTo, RefusedDestinationError, type AllowedNetworks } from './webhook.destination.js';
import { signWebhook } from './webhook.signature.js';

/** What delivering webhooks needs. */
export interface WebhookQueueDeps {
  db: Db;
  maxAttempts: number;
  timeoutMs: number;
  /** Intranet networks hooks may reach besides public addresses (WEBHOOK_ALLOWED_NETWORKS). */
  allowedNetworks: AllowedNetworks;
  random?: () => number;
}

const REFUSED: AttemptOutcome = { ok: false, statusCode: null, error: new RefusedDestinationError().message, abandon: true };

/**
 * POSTs one delivery through a connection whose every address was checked (webhook.destination.ts).
 * Redirects are not followed: a hook must answer at the URL the admin registered. The log keeps the
 * status code and a short error code only, never the body of what answered.
 */
function post(url: URL, body: string, headers: Record<string, string>, deps: WebhookQueueDeps): Promise<AttemptOutcome> {
  const literal = ipLiteralOf(url);
  if (literal !== null && !mayConnectTo(literal, deps.allowedNetworks)) return Promise.resolve(REFUSED);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = send(url, { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, lookup: checkedLookup(deps.allowedNetworks), timeout: deps.timeoutMs }, (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      const ok = status >= 200 && status < 300;
      resolve({ ok, statusCode: status, error: ok ? null : status >= 300 && status < 400 ? `HTTP ${status} (redirects are not followed)` : `HTTP ${status}` });
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error instanceof RefusedDestinationError) return resolve(REFUSED);
      resolve({ ok: false, statusCode: null, error: (error.code ?? 'connection failed').slice(0, 100) });
    });
    req.end(body);
  });
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
        new URL(delivery.webhook.url),
        delivery.payload,
        {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Majlis-Webhooks/1',
          'x-majlis-event': delivery.event,
          'x-majlis-delivery': String(delivery.id),
          'x-majlis-signature': signWebhook(delivery.webhook.secret, timestamp, delivery.payload),
        },
        deps,
      );
    },
  });
}
