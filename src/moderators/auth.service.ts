import type { z } from 'zod';
import type { Db } from '../db/client.js';
import { isUniqueViolation, type Moderator, type ModeratorRole } from '../db/models.js';
import { AppError } from '../shared/errors.js';
import type { Clock } from '../shared/clock.js';
import { randomToken, sha256Hex } from '../shared/crypto.js';
import type { RateLimiter } from '../shared/rate-limiter.js';
import type { SessionResponse } from './moderator.schemas.js';
import {
  clearFailedLogins,
  countModerators,
  deleteSession,
  findModeratorByEmail,
  findSession,
  insertModerator,
  insertSession,
  listModerators,
  recordFailedLogin,
} from './moderator.repository.js';
import type { moderatorViewSchema } from './moderator.schemas.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.js';

/** How sign-in resists guessing: slower after each failure, then locked for a while. */
export const LOGIN_POLICY = { maxFailures: 5, lockMinutes: 15, sessionHours: 12, perIpAttempts: 30, perIpWindowSeconds: 900 } as const;

/** What authentication needs. */
export interface AuthDeps {
  db: Db;
  clock: Clock;
  rateLimiter: RateLimiter;
  /** Waits before answering a failed sign-in; tests pass a no-op. */
  delay?: (ms: number) => Promise<void>;
}

/** A signed-in moderator as the API shows them. */
export type ModeratorView = z.infer<typeof moderatorViewSchema>;

/** An open session: the bearer token is returned once and stored only as a hash. */
export interface Session {
  token: string;
  moderator: ModeratorView;
  expiresAt: Date;
}

/** The public view of a moderator account. */
function toModeratorView(moderator: Moderator): ModeratorView {
  return { id: moderator.id, email: moderator.email, role: moderator.role };
}

/** Moderator emails are compared case-insensitively. */
function normaliseModeratorEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Checks credentials and opens a session. */
export async function login(deps: AuthDeps, email: string, password: string, ip: string | undefined): Promise<Session> {
  const now = deps.clock.now();
  const rate = await deps.rateLimiter.hit(`login:${ip ?? 'unknown'}`, LOGIN_POLICY.perIpAttempts, LOGIN_POLICY.perIpWindowSeconds, now);
  if (!rate.allowed) {
    throw new AppError('login_locked', 'auth.locked', { retryAfterSeconds: rate.retryAfterSeconds, params: { minutes: Math.ceil(rate.retryAfterSeconds / 60) } });
  }
  const moderator = await findModeratorByEmail(deps.db, normaliseModeratorEmail(email));
  if (moderator?.lockedUntil && moderator.lockedUntil > now) {
    const seconds = Math.ceil((moderator.lockedUntil.getTime() - now.getTime()) / 1000);
    throw new AppError('login_locked', 'auth.locked', { retryAfterSeconds: seconds, params: { minutes: Math.ceil(seconds / 60) } });
  }
  const valid = await verifyPassword(password, moderator?.passwordHash ?? DUMMY_HASH);
  if (!moderator || !valid) {
    if (moderator) {
      const failures = moderator.failedLogins + 1;
      const lockedUntil = failures >= LOGIN_POLICY.maxFailures ? new Date(now.getTime() + LOGIN_POLICY.lockMinutes * 60_000) : null;
      await recordFailedLogin(deps.db, moderator.id, lockedUntil ? 0 : failures, lockedUntil);
      await (deps.delay ?? sleep)(Math.min(failures, LOGIN_POLICY.maxFailures) * 200);
    }
    throw new AppError('unauthorized', 'auth.invalid');
  }
  await clearFailedLogins(deps.db, moderator.id);
  return openSession(deps, toModeratorView(moderator));
}

/** Opens a session for a moderator who has just proved who they are (a password, or the first-run link). */
export async function openSession(deps: Pick<AuthDeps, 'db' | 'clock'>, moderator: ModeratorView): Promise<Session> {
  const now = deps.clock.now();
  const token = randomToken(32);
  const expiresAt = new Date(now.getTime() + LOGIN_POLICY.sessionHours * 3_600_000);
  await insertSession(deps.db, { tokenHash: sha256Hex(token), moderatorId: moderator.id, expiresAt, createdAt: now });
  return { token, moderator, expiresAt };
}

/** A session as the API answers it. */
export function toSessionResponse(session: Session): SessionResponse {
  return { token: session.token, moderator: session.moderator, expiresAt: session.expiresAt.toISOString() };
}

/** The moderator a bearer token belongs to, or null when it is unknown or expired. */
export async function authenticate(deps: AuthDeps, token: string): Promise<ModeratorView | null> {
  const session = await findSession(deps.db, sha256Hex(token));
  if (!session || session.expiresAt <= deps.clock.now()) return null;
  return toModeratorView(session.moderator);
}

/** Ends the session of a token. */
export async function logout(deps: AuthDeps, token: string): Promise<void> {
  await deleteSession(deps.db, sha256Hex(token));
}

/** Creates a moderator account (CLI, first start, or an admin through the API). */
export async function createModerator(deps: Pick<AuthDeps, 'db' | 'clock'>, input: { email: string; password: string; role: ModeratorRole }): Promise<ModeratorView> {
  const moderator = await insertModerator(deps.db, {
    email: normaliseModeratorEmail(input.email),
    passwordHash: await hashPassword(input.password),
    role: input.role,
    createdAt: deps.clock.now(),
  });
  return toModeratorView(moderator);
}

/** True once any moderator account exists (until then the first admin still has to be made). */
export async function moderatorsExist(deps: Pick<AuthDeps, 'db'>): Promise<boolean> {
  return (await countModerators(deps.db)) > 0;
}

/** Creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD when there is no moderator yet. */
export async function ensureFirstAdmin(deps: Pick<AuthDeps, 'db' | 'clock'>, email: string | undefined, password: string | undefined): Promise<ModeratorView | null> {
  if (!email || !password || (await moderatorsExist(deps))) return null;
  // Instances started together all find no moderator; the first insert wins and the others, finding
  // the address taken, carry on: that admin is the one ADMIN_EMAIL asked for.
  return createModerator(deps, { email, password, role: 'admin' }).catch((error: unknown) => (isUniqueViolation(error) ? null : Promise.reject(error)));
}

/** Every moderator account, as admins see the list. */
export async function listModeratorAccounts(deps: Pick<AuthDeps, 'db'>): Promise<ModeratorView[]> {
  return (await listModerators(deps.db)).map(toModeratorView);
}

/** An admin adds an account; an address already in use is a 409. */
export function addModerator(deps: Pick<AuthDeps, 'db' | 'clock'>, input: { email: string; password: string; role: ModeratorRole }): Promise<ModeratorView> {
  return createModerator(deps, input).catch((error: unknown) => {
    throw isUniqueViolation(error) ? new AppError('conflict', 'conflict') : error;
  });
}
