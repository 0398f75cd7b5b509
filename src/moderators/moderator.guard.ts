import type { RequestHandler } from 'express';
import type { ModeratorRole } from '../db/models.js';
import { authenticate, type AuthDeps } from './auth.service.js';
import { AppError } from '../shared/errors.js';

/** The bearer token of a request, if any. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

/** Lets through only signed-in moderators with one of `roles`: 401 without a valid token, 403 for another role. */
export function requireModerator(deps: AuthDeps, roles: readonly ModeratorRole[] = ['admin', 'moderator']): RequestHandler {
  return async (req, _res, next) => {
    const token = bearerToken(req.get('authorization'));
    const moderator = token ? await authenticate(deps, token) : null;
    if (!moderator) throw new AppError('unauthorized', 'auth.required');
    if (!roles.includes(moderator.role)) throw new AppError('forbidden', 'auth.forbidden');
    req.moderator = moderator;
    next();
  };
}
