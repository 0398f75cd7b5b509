import { isUniqueViolation } from '../db/models.js';
import { AppError } from '../shared/errors.js';
import { createModerator, LOGIN_POLICY, moderatorsExist, openSession, type AuthDeps, type Session } from '../moderators/auth.service.js';
import type { FirstAdminInput } from './setup.schemas.js';
import type { SetupToken } from './setup-token.js';

/** What the first-run setup needs: authentication's dependencies and this process's setup token. */
export interface SetupDeps extends AuthDeps {
  setupToken: SetupToken;
}

/** True while no moderator account exists. */
export async function isSetupNeeded(deps: Pick<SetupDeps, 'db'>): Promise<boolean> {
  return !(await moderatorsExist(deps));
}

/**
 * Creates the first admin through the link printed at start and signs them in. The link works once,
 * and not at all once any moderator exists, however that one was made (CLI, ADMIN_EMAIL, another link).
 */
export async function createFirstAdmin(deps: SetupDeps, input: FirstAdminInput, ip: string | undefined): Promise<Session> {
  const rate = await deps.rateLimiter.hit(`setup:${deps.clientKeyOf(ip)}`, LOGIN_POLICY.perIpAttempts, LOGIN_POLICY.perIpWindowSeconds, deps.clock.now());
  if (!rate.allowed) {
    const seconds = rate.retryAfterSeconds;
    throw new AppError('rate_limited', 'comment.rateLimited', { retryAfterSeconds: seconds, params: { seconds } });
  }
  if (await moderatorsExist(deps)) {
    deps.setupToken.retire();
    throw new AppError('setup_done', 'setup.done');
  }
  if (!deps.setupToken.consume(input.token)) throw new AppError('setup_link_invalid', 'setup.linkInvalid');
  try {
    const moderator = await createModerator(deps, { email: input.email, password: input.password, role: 'admin' });
    return await openSession(deps, moderator);
  } catch (error) {
    // An admin made the same moment another way (the email is taken) ends the link; any other failure keeps it usable.
    if (isUniqueViolation(error)) throw new AppError('setup_done', 'setup.done');
    deps.setupToken.reinstate(input.token);
    throw error;
  }
}
