import { Router } from 'express';
import type { z } from 'zod';
import { AppError } from '../shared/errors.js';
import { bearerToken, requireModerator } from './moderator.guard.js';
import { parseInput } from '../http/validate.js';
import { idParamsSchema } from '../shared/json-schemas.js';
import { addModerator, changeModerator, changeOwnPassword, listModeratorAccounts, login, logout, setOwnLanguage, toSessionResponse, type AuthDeps } from './auth.service.js';
import {
  changeModeratorSchema,
  createModeratorSchema,
  loginSchema,
  updateOwnAccountSchema,
  type moderatorListSchema,
  type oneModeratorSchema,
} from './moderator.schemas.js';

const BAD_BODY = { code: 'validation_failed', message: 'title.invalidInput' } as const;

/** Sign-in, sign-out, and the admins' management of moderator accounts. */
export function moderatorRoutes(deps: AuthDeps): Router {
  const router = Router();
  const anyModerator = requireModerator(deps);
  const adminOnly = requireModerator(deps, ['admin']);

  router.post('/auth/login', async (req, res) => {
    const { email, password } = parseInput(loginSchema, req.body, { code: 'unauthorized', message: 'auth.invalid' });
    const session = await login(deps, email, password, req.ip);
    res.set('Cache-Control', 'no-store').json(toSessionResponse(session));
  });

  router.post('/auth/logout', anyModerator, async (req, res) => {
    const token = bearerToken(req.get('authorization'));
    if (token) await logout(deps, token);
    res.status(204).end();
  });

  router.get('/auth/me', anyModerator, (req, res) => {
    if (!req.moderator) throw new AppError('unauthorized', 'auth.required');
    res.set('Cache-Control', 'no-store').json({ moderator: req.moderator } satisfies z.infer<typeof oneModeratorSchema>);
  });

  router.patch('/auth/me', anyModerator, async (req, res) => {
    if (!req.moderator) throw new AppError('unauthorized', 'auth.required');
    const { lang, password, currentPassword } = parseInput(updateOwnAccountSchema, req.body, BAD_BODY);
    let moderator = req.moderator;
    if (password !== undefined && currentPassword !== undefined) {
      moderator = await changeOwnPassword(deps, moderator.id, bearerToken(req.get('authorization')) ?? '', { currentPassword, password });
    }
    if (lang !== undefined) moderator = await setOwnLanguage(deps, moderator.id, lang);
    res.set('Cache-Control', 'no-store').json({ moderator } satisfies z.infer<typeof oneModeratorSchema>);
  });

  router.get('/moderation/moderators', adminOnly, async (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ items: await listModeratorAccounts(deps) } satisfies z.infer<typeof moderatorListSchema>);
  });

  router.post('/moderation/moderators', adminOnly, async (req, res) => {
    const input = parseInput(createModeratorSchema, req.body, BAD_BODY);
    const created = await addModerator(deps, input);
    res.status(201).json({ moderator: created } satisfies z.infer<typeof oneModeratorSchema>);
  });

  router.patch('/moderation/moderators/:id', adminOnly, async (req, res) => {
    const { id } = parseInput(idParamsSchema, req.params, { code: 'not_found', message: 'moderator.notFound' });
    const change = parseInput(changeModeratorSchema, req.body, BAD_BODY);
    const moderator = await changeModerator(deps, id, change);
    res.set('Cache-Control', 'no-store').json({ moderator } satisfies z.infer<typeof oneModeratorSchema>);
  });

  return router;
}
