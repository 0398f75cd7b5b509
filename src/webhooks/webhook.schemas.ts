import { z } from 'zod';

/** Every event a webhook may subscribe to. */
export const WEBHOOK_EVENTS = ['comment.created', 'comment.approved', 'comment.rejected', 'comment.flagged'] as const;

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
export const webhookParamsSchema = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });

/** Query of the delivery log. */
export const deliveriesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.coerce.number().int().min(1).optional(),
});
