import { Router } from 'express';
import type { z } from 'zod';
import type { AuthDeps } from '../moderators/auth.service.js';
import { requireModerator } from '../moderators/moderator.guard.js';
import { AppError } from '../shared/errors.js';
import type { modelResponseSchema, modelStatusSchema } from './learning.schemas.js';
import type { ModelInfo, ModelService } from './model.service.js';

function present(model: ModelInfo): z.infer<typeof modelResponseSchema>['model'] {
  return { version: model.version, examples: model.examples, trainedAt: model.trainedAt.toISOString(), metrics: model.metrics };
}

/** The classifier of SPEC section 8: the model in force, its status, and training on demand (admins). */
export function learningRoutes(deps: AuthDeps & { models: ModelService }): Router {
  const router = Router();
  const anyModerator = requireModerator(deps);
  const adminOnly = requireModerator(deps, ['admin']);

  router.get('/moderation/model', anyModerator, async (_req, res) => {
    const active = await deps.models.current();
    if (!active) throw new AppError('not_found', 'model.none');
    res.set('Cache-Control', 'no-store').json({ model: present(active) } satisfies z.infer<typeof modelResponseSchema>);
  });

  router.get('/moderation/model/status', anyModerator, async (_req, res) => {
    const { active, readiness, decided, kept, newDecisions, minPerLabel } = await deps.models.status();
    res.set('Cache-Control', 'no-store').json({
      model: active ? present(active) : null,
      readiness: { ready: readiness.ready, labels: readiness.labels, missing: readiness.missing, weak: readiness.weak },
      decided,
      kept,
      newDecisions,
      minPerLabel,
    } satisfies z.infer<typeof modelStatusSchema>);
  });

  router.post('/moderation/model/train', adminOnly, async (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ model: present(await deps.models.train()) } satisfies z.infer<typeof modelResponseSchema>);
  });

  return router;
}
