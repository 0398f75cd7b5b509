import { Router, type Request } from 'express';
import type { z } from 'zod';
import { parseInput } from '../http/validate.js';
import type { AuthDeps } from '../moderators/auth.service.js';
import { requireModerator } from '../moderators/moderator.guard.js';
import { eraseSchema, type erasureResultSchema } from '../privacy/privacy.schemas.js';
import { eraseAccount, type PrivacyDeps } from '../privacy/privacy.service.js';
import { withdrawAccountReactions } from '../reactions/reaction.service.js';
import { AppError } from '../shared/errors.js';
import { accountView, setAccountStatus } from './account.service.js';
import { accountParamsSchema, accountQuerySchema, accountStatusSchema, type accountSchema, type accountViewSchema } from './account.schemas.js';

const BAD_BODY = { code: 'validation_failed', message: 'title.invalidInput' } as const;
const NOT_FOUND = { code: 'not_found', message: 'request.notFound' } as const;

function moderatorId(req: Request): number {
  if (!req.moderator) throw new AppError('unauthorized', 'auth.required');
  return req.moderator.id;
}

/** Moderators' view of signed-in accounts: their comments, trust and bans; admins erase them. */
export function accountModerationRoutes(deps: PrivacyDeps & AuthDeps): Router {
  const router = Router();
  const anyModerator = requireModerator(deps);
  const adminOnly = requireModerator(deps, ['admin']);

  router.get('/moderation/accounts/:id', anyModerator, async (req, res) => {
    const { id } = parseInput(accountParamsSchema, req.params, NOT_FOUND);
    const query = parseInput(accountQuerySchema, req.query, { code: 'malformed_request', message: 'query.invalid' });
    res.set('Cache-Control', 'no-store').json((await accountView(deps, id, { limit: query.limit, before: query.cursor })) satisfies z.infer<typeof accountViewSchema>);
  });

  router.put('/moderation/accounts/:id', anyModerator, async (req, res) => {
    const { id } = parseInput(accountParamsSchema, req.params, NOT_FOUND);
    const { status } = parseInput(accountStatusSchema, req.body, BAD_BODY);
    const account = await setAccountStatus(deps, id, status, deps.clock.now());
    // A banned account stops ranking comments: its reactions are taken back (lifting the ban does not restore them).
    if (status === 'banned') await withdrawAccountReactions(deps, id);
    res.json({ account } satisfies { account: z.infer<typeof accountSchema> });
  });

  router.post('/moderation/accounts/:id/erase', adminOnly, async (req, res) => {
    const { id } = parseInput(accountParamsSchema, req.params, NOT_FOUND);
    const { mode } = parseInput(eraseSchema, req.body, BAD_BODY);
    await accountView(deps, id, { limit: 1 });
    res.json((await eraseAccount(deps, id, mode, moderatorId(req))) satisfies z.infer<typeof erasureResultSchema>);
  });

  return router;
}
