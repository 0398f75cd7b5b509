import { Router } from 'express';
import { requireModerator } from '../moderators/moderator.guard.js';
import { AppError } from '../shared/errors.js';
import { parseInput } from '../http/validate.js';
import type { AuthDeps } from '../moderators/auth.service.js';
import { createWebhookSchema, deliveriesQuerySchema, webhookParamsSchema } from './webhook.schemas.js';
import { createWebhook, deleteWebhook, listDeliveries, listWebhooks, type WebhookDeps } from './webhook.service.js';

const NOT_FOUND = { code: 'not_found', message: 'request.notFound' } as const;

/** Admin-only webhook registration and delivery log. */
export function webhookRoutes(deps: WebhookDeps & AuthDeps): Router {
  const router = Router();
  const adminOnly = requireModerator(deps, ['admin']);

  router.get('/moderation/webhooks', adminOnly, async (_req, res) => {
    res.set('Cache-Control', 'no-store').json(await listWebhooks(deps));
  });

  router.post('/moderation/webhooks', adminOnly, async (req, res) => {
    const input = parseInput(createWebhookSchema, req.body, { code: 'validation_failed', message: 'title.invalidInput' });
    if (!req.moderator) throw new AppError('unauthorized', 'auth.required');
    res.status(201).set('Cache-Control', 'no-store').json(await createWebhook(deps, input, req.moderator.id));
  });

  router.delete('/moderation/webhooks/:id', adminOnly, async (req, res) => {
    const { id } = parseInput(webhookParamsSchema, req.params, NOT_FOUND);
    await deleteWebhook(deps, id);
    res.status(204).end();
  });

  router.get('/moderation/webhooks/:id/deliveries', adminOnly, async (req, res) => {
    const { id } = parseInput(webhookParamsSchema, req.params, NOT_FOUND);
    const page = parseInput(deliveriesQuerySchema, req.query, { code: 'malformed_request', message: 'query.invalid' });
    res.set('Cache-Control', 'no-store').json(await listDeliveries(deps, id, page));
  });

  return router;
}
