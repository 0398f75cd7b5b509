import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { Db } from '../db/client.js';
import { AppError } from '../shared/errors.js';
import type { Clock } from '../shared/clock.js';
import { isAllowedDestination, type AllowedNetworks } from './webhook.destination.js';
import { findActiveWebhooks, findWebhook, findDeliveries, insertWebhook, softDeleteWebhook } from './webhook.repository.js';
import { isWebhookEvent, type createdWebhookSchema, type deliveryPageSchema, type WebhookEvent, type webhookListSchema } from './webhook.schemas.js';

/** What webhook administration needs. */
export interface WebhookDeps {
  db: Db;
  clock: Clock;
  /** Intranet networks hooks may reach besides public addresses (WEBHOOK_ALLOWED_NETWORKS). */
  allowedNetworks: AllowedNetworks;
}

function eventsOf(value: unknown): WebhookEvent[] {
  return Array.isArray(value) ? value.filter(isWebhookEvent) : [];
}

/** Registers a hook and returns its signing secret, the only time the secret is shown; a hook that would reach inside is refused. */
/**
 * A hook's URL as the dashboard shows it: a password in it (Basic auth for the receiver, sent with each delivery) is
 * masked, like the signing secret, which is shown once.
 */
function shownUrl(stored: string): string {
  const url = new URL(stored);
  if (url.password === '') return stored;
  url.password = '***';
  return url.toString();
}

export async function createWebhook(deps: WebhookDeps, input: { url: string; events: string[] }, moderatorId: number): Promise<z.infer<typeof createdWebhookSchema>> {
  if (!(await isAllowedDestination(new URL(input.url), deps.allowedNetworks))) {
    throw new AppError('validation_failed', 'title.invalidInput', { fieldErrors: [{ field: 'url', code: 'not_public', message: 'webhook.url.notPublic' }] });
  }
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  const hook = await insertWebhook(deps.db, { url: input.url, events: input.events, secret, createdBy: moderatorId, createdAt: deps.clock.now() });
  return { webhook: { id: hook.id, url: shownUrl(hook.url), events: eventsOf(hook.events), createdAt: hook.createdAt.toISOString() }, secret };
}

/** Every active hook, without secrets. */
export async function listWebhooks(deps: WebhookDeps): Promise<z.infer<typeof webhookListSchema>> {
  const hooks = await findActiveWebhooks(deps.db);
  return { items: hooks.map((hook) => ({ id: hook.id, url: shownUrl(hook.url), events: eventsOf(hook.events), createdAt: hook.createdAt.toISOString() })) };
}

/** Stops a hook; its pending deliveries are marked failed by the worker, its log is kept. */
export async function deleteWebhook(deps: WebhookDeps, id: number): Promise<void> {
  if (!(await softDeleteWebhook(deps.db, id, deps.clock.now()))) throw new AppError('not_found', 'request.notFound');
}

/** One page of a hook's delivery log, newest first. */
export async function listDeliveries(deps: WebhookDeps, id: number, page: { limit: number; cursor?: number }): Promise<z.infer<typeof deliveryPageSchema>> {
  if (!(await findWebhook(deps.db, id))) {
    throw new AppError('not_found', 'request.notFound');
  }
  const rows = await findDeliveries(deps.db, id, page);
  return {
    items: rows.map((row) => ({
      id: row.id,
      eventId: row.eventId,
      // A plain string column, written only from WEBHOOK_EVENTS by the outbox.
      event: row.event as WebhookEvent,
      status: row.status,
      attempts: row.attempts,
      lastStatusCode: row.lastStatusCode,
      lastError: row.lastError,
      nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt.toISOString() : null,
      deliveredAt: row.deliveredAt?.toISOString() ?? null,
      createdAt: row.createdAt.toISOString(),
      payload: JSON.parse(row.payload) as Record<string, unknown>,
    })),
    nextCursor: rows.length === page.limit ? String(rows[rows.length - 1]?.id) : null,
  };
}
