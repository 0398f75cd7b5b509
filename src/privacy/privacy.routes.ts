import { Router, type Request } from 'express';
import { isValidEmail } from '../authors/email.js';
import { requireModerator } from '../moderators/moderator.guard.js';
import { AppError } from '../shared/errors.js';
import { parseInput } from '../http/validate.js';
import type { AuthDeps } from '../moderators/auth.service.js';
import { eraseSchema } from './privacy.schemas.js';
import { eraseSubject, exportSubject, type PrivacyDeps } from './privacy.service.js';

function emailParam(req: Request): string {
  const email = String(req.params.email ?? '').trim();
  if (!isValidEmail(email)) {
    throw new AppError('validation_failed', 'title.invalidInput', { fieldErrors: [{ field: 'email', code: 'invalid', message: 'authorEmail.invalid' }] });
  }
  return email;
}

/** Admin-only privacy requests: export everything about an address, or erase it. */
export function privacyRoutes(deps: PrivacyDeps & AuthDeps): Router {
  const router = Router();
  const adminOnly = requireModerator(deps, ['admin']);
  const adminId = (req: Request) => {
    if (!req.moderator) throw new AppError('unauthorized', 'auth.required');
    return req.moderator.id;
  };

  router.get('/moderation/privacy/:email', adminOnly, async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await exportSubject(deps, emailParam(req), adminId(req)));
  });

  router.post('/moderation/privacy/:email/erase', adminOnly, async (req, res) => {
    const email = emailParam(req);
    const { mode } = parseInput(eraseSchema, req.body, { code: 'validation_failed', message: 'title.invalidInput' });
    res.json(await eraseSubject(deps, email, mode, adminId(req)));
  });

  return router;
}
