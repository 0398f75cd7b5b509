import { z } from 'zod';
import { countSchema, idSchema, pageOf, pathIdSchema, queryIdSchema, timestampSchema } from '../shared/json-schemas.js';

/** Every event a webhook may subscribe to. */
export const WEBHOOK_EVENTS = [
  'comment.created',
  'comment.approved',
  'comment.rejected',
  'comment.flagged',
  'comment.pending',
  'comment.edited',
  'comment.featured',
  'comment.unfeatured',
  'comment.deleted',
] as const;

/** One of {@link WEBHOOK_EVENTS}. */
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** POST /moderation/webhooks. */
export const createWebhookSchema = z.object({
  url: z
    .url({ protocol: /^https?$/, error: () => ({ message: 'webhook.url.invalid', params: { fieldCode: 'invalid' } }) })
    .max(2000, { error: () => ({ message: 'webhook.url.invalid', params: { fieldCode: 'too_long' } }) }),
  events: z
    .array(z.enum(WEBHOOK_EVENTS), { error: () => ({ message: 'webhook.events.invalid', params: { fieldCode: 'invalid' } }) })
    .min(1, { error: () => ({ message: 'webhook.events.invalid', params: { fieldCode: 'required' } }) })
    .transform((events) => [...new Set(events)]),
});

/** Path parameter of webhook routes. */
export const webhookParamsSchema = z.object({ id: pathIdSchema });

/** Query of the delivery log. */
export const deliveriesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: queryIdSchema.optional(),
});

/** Whether a stored string is one of {@link WEBHOOK_EVENTS}. */
export function isWebhookEvent(value: unknown): value is WebhookEvent {
  return (WEBHOOK_EVENTS as readonly unknown[]).includes(value);
}

/** A registered hook; its secret is shown only when it is created. */
const webhookSchema = z
  .object({ id: idSchema, url: z.string(), events: z.array(z.enum(WEBHOOK_EVENTS)), createdAt: timestampSchema })
  .meta({ id: 'Webhook' });

/** GET /moderation/webhooks. */
export const webhookListSchema = z.object({ items: z.array(webhookSchema) });

/** 201 of POST /moderation/webhooks. */
export const createdWebhookSchema = z.object({
  webhook: webhookSchema,
  secret: z.string().meta({ description: 'Signs every delivery (X-Majlis-Signature). Shown only now: store it.' }),
});

/** GET /moderation/webhooks/{id}/deliveries. */
export const deliveryPageSchema = pageOf(
  z.object({
    id: idSchema,
    eventId: z.string(),
    event: z.enum(WEBHOOK_EVENTS),
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: countSchema,
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    nextAttemptAt: timestampSchema.nullable(),
    deliveredAt: timestampSchema.nullable(),
    createdAt: timestampSchema,
    payload: z.record(z.string(), z.unknown()).meta({ description: 'The JSON body POSTed to the hook.' }),
  }),
);
