import { Router } from 'express';
import { parseInput } from '../http/validate.js';
import { toSessionResponse } from '../moderators/auth.service.js';
import { createFirstAdmin, isSetupNeeded, type SetupDeps } from './setup.service.js';
import { firstAdminSchema } from './setup.schemas.js';

/** The first run: whether an admin is still missing, and creating them through the printed link. */
export function setupRoutes(deps: SetupDeps): Router {
  const router = Router();

  router.get('/setup', async (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ needed: await isSetupNeeded(deps) });
  });

  router.post('/setup/admin', async (req, res) => {
    const input = parseInput(firstAdminSchema, req.body, { code: 'validation_failed', message: 'setup.failed' });
    const session = await createFirstAdmin(deps, input, req.ip);
    res.status(201).set('Cache-Control', 'no-store').json(toSessionResponse(session));
  });

  return router;
}
