import type { z } from 'zod';
import type { Db, DbClient } from '../db/client.js';
import { isUniqueViolation, type Moderator, type ModeratorRole } from '../db/models.js';
import { langOrEnglish, type Lang } from '../i18n/i18n.js';
import { AppError } from '../shared/errors.js';
import type { Clock } from '../shared/clock.js';
import { randomToken, sha256Hex } from '../shared/crypto.js';
import type { RateLimiter } from '../shared/rate-limiter.js';
import type { SessionResponse } from './moderator.schemas.js';
import {
  countModerators,
  deleteSession,
  deleteSessionsOf,
  findModeratorByEmail,
  findModeratorById,
  lockAndCountActiveAdmins,
  lockIfSignInStands,
  findSession,
  insertModerator,
  insertSession,
  listModerators,
  updateModeratorAccount,
  updateModeratorLang,
} from './moderator.repository.js';
import { inTransaction } from '../db/unit-of-work.js';
import type { moderatorViewSchema } from './moderator.schemas.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password.js';

/**
 * How sign-in resists guessing without becoming a way to lock the newsroom out (docs/security.md):
 * - per account *and* client network: `maxFailures` attempts, then that client is locked out of that
 *   account for `lockMinutes`; the owner signing in from anywhere else is not;
 * - per client network, across accounts: `perIpAttempts` per `perIpWindowSeconds`;
 * - per account, across networks: after `accountFailures` failures in the window, networks that have
 *   not signed in to the account in the last `knownClientDays` are refused too (a distributed guess),
 *   while the owner's usual networks still get through.
 * Attempts are counted before the password is checked, with one atomic increment each, so parallel
 * guesses cannot all be checked before the lock holds. A locked pair is answered exactly like a wrong
 * password (one 401, one body, one scrypt, `failedSignInMs`), so sign-in cannot tell a stranger which
 * addresses are moderators; only the per-client budget answers 429, which says nothing about an address.
 */
export const LOGIN_POLICY = {
  maxFailures: 5,
  lockMinutes: 15,
  sessionHours: 12,
  perIpAttempts: 30,
  perIpWindowSeconds: 900,
  accountFailures: 50,
  knownClientDays: 30,
  failedSignInMs: 400,
} as const;

/** What authentication needs. */
export interface AuthDeps {
  db: Db;
  clock: Clock;
  rateLimiter: RateLimiter;
  /** Waits before answering a refused sign-in (up to failedSignInMs after it began); tests pass a no-op. */
  delay?: (ms: number) => Promise<void>;
  /** The key a client's sign-in attempts are counted under (clientKey: a keyed hash of its address or IPv6 network). */
  clientKeyOf: (ip: string | undefined) => string;
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
  return { id: moderator.id, email: moderator.email, role: moderator.role, lang: langOrEnglish(moderator.lang), disabled: moderator.disabledAt !== null };
}

/** Sets the language a moderator's mail is written in (the dashboard sends the one they chose there). */
export async function setOwnLanguage(deps: Pick<AuthDeps, 'db'>, moderatorId: number, lang: Lang): Promise<ModeratorView> {
  return toModeratorView(await updateModeratorLang(deps.db, moderatorId, lang));
}

function wrongCurrentPassword(): AppError {
  return new AppError('validation_failed', 'title.invalidInput', { fieldErrors: [{ field: 'currentPassword', code: 'invalid', message: 'moderator.currentPassword.wrong' }] });
}

/** Wrong current passwords a session may send in the sign-in lock's window before it must wait (a stolen session cannot guess on). */
const OWN_PASSWORD_ATTEMPTS = 5;

/**
 * A moderator sets a new password, proving the current one: every other session of the account ends, the one that
 * asked stays. Wrong current passwords are counted per session, and wait as failed sign-ins do (LOGIN_POLICY's lock).
 */
export async function changeOwnPassword(deps: AuthDeps, moderatorId: number, token: string, change: { currentPassword: string; password: string }): Promise<ModeratorView> {
  const now = deps.clock.now();
  // Counted per session: a stolen session's guesses must not keep the owner, signed in elsewhere, from changing it.
  const limitKey = `own-password:${sha256Hex(token)}`;
  const attempts = await deps.rateLimiter.hit(limitKey, OWN_PASSWORD_ATTEMPTS, LOGIN_POLICY.lockMinutes * 60, now);
  if (!attempts.allowed) throw lockedOut(attempts.retryAfterSeconds);
  const current = await findModeratorById(deps.db, moderatorId);
  if (!current || !(await verifyPassword(change.currentPassword, current.passwordHash))) throw wrongCurrentPassword();
  const passwordHash = await hashPassword(change.password);
  await deps.rateLimiter.reset(limitKey);
  return inTransaction(deps.db, async ({ tx }) => {
    // Another change of the password (or of access) since it was checked: this one is refused as a wrong current password.
    if (!(await lockIfSignInStands(tx, moderatorId, current.passwordHash))) throw wrongCurrentPassword();
    const updated = await updateModeratorAccount(tx, moderatorId, { passwordHash });
    await deleteSessionsOf(tx, moderatorId, sha256Hex(token));
    return toModeratorView(updated);
  });
}

/** Moderator emails are compared case-insensitively. */
function normaliseModeratorEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function lockedOut(retryAfterSeconds: number): AppError {
  return new AppError('login_locked', 'auth.locked', { retryAfterSeconds, params: { minutes: Math.ceil(retryAfterSeconds / 60) } });
}

/** Checks credentials and opens a session (throttled as {@link LOGIN_POLICY} says). */
export async function login(deps: AuthDeps, email: string, password: string, ip: string | undefined): Promise<Session> {
  const started = performance.now();
  const now = deps.clock.now();
  const { rateLimiter } = deps;
  const client = deps.clientKeyOf(ip);
  const window = LOGIN_POLICY.lockMinutes * 60;
  const perClient = await rateLimiter.hit(`login:${client}`, LOGIN_POLICY.perIpAttempts, LOGIN_POLICY.perIpWindowSeconds, now);
  if (!perClient.allowed) throw lockedOut(perClient.retryAfterSeconds);
  const found = await findModeratorByEmail(deps.db, normaliseModeratorEmail(email));
  // An account whose access was taken away is answered as an unknown address is.
  const moderator = found?.disabledAt ? null : found;
  let checkable = moderator;
  if (moderator) {
    // Counted (atomically) before the password is checked, so the sixth of 75 parallel guesses is refused unchecked.
    const pair = await rateLimiter.hit(`login:${moderator.id}:${client}`, LOGIN_POLICY.maxFailures, window, now);
    const knownClient = (await rateLimiter.count(`login-ok:${moderator.id}:${client}`, now)) > 0;
    const distributedGuess = !knownClient && (await rateLimiter.count(`login-fail:${moderator.id}`, now)) >= LOGIN_POLICY.accountFailures;
    if (!pair.allowed || distributedGuess) checkable = null;
  }
  // Always exactly one scrypt, against a dummy hash when there is no account this client may try.
  const valid = await verifyPassword(password, checkable?.passwordHash ?? DUMMY_HASH);
  if (!checkable || !valid) {
    if (checkable) await rateLimiter.hit(`login-fail:${checkable.id}`, LOGIN_POLICY.accountFailures, window, now);
    return refuseSignIn(deps, started);
  }
  await rateLimiter.reset(`login:${checkable.id}:${client}`);
  await rateLimiter.hit(`login-ok:${checkable.id}:${client}`, Number.MAX_SAFE_INTEGER, LOGIN_POLICY.knownClientDays * 86_400, now);
  // The password was checked against the hash read before the scrypt: a reset or a disabled account committed since must win.
  const session = await inTransaction(deps.db, async ({ tx }) =>
    (await lockIfSignInStands(tx, checkable.id, checkable.passwordHash)) ? openSession({ db: tx, clock: deps.clock }, toModeratorView(checkable)) : null,
  );
  return session ?? refuseSignIn(deps, started);
}

/**
 * Every refused sign-in answers failedSignInMs after it began, whatever it did meanwhile (counters for
 * a known account, none for an unknown one): the slowdown guessing meets, and no timing difference
 * between the kinds of refusal.
 */
async function refuseSignIn(deps: AuthDeps, started: number): Promise<never> {
  await (deps.delay ?? sleep)(Math.max(0, LOGIN_POLICY.failedSignInMs - (performance.now() - started)));
  throw new AppError('unauthorized', 'auth.invalid');
}

/** Opens a session for a moderator who has just proved who they are (a password, or the first-run link). */
export async function openSession(deps: { db: DbClient; clock: Clock }, moderator: ModeratorView): Promise<Session> {
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
  if (!session || session.expiresAt <= deps.clock.now() || session.moderator.disabledAt) return null;
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

/** The id of the account with this sign-in address (compared as sign-in compares it), or null. */
export async function moderatorIdByEmail(deps: Pick<AuthDeps, 'db'>, email: string): Promise<number | null> {
  return (await findModeratorByEmail(deps.db, normaliseModeratorEmail(email)))?.id ?? null;
}

/** Every moderator account, as admins see the list. */
export async function listModeratorAccounts(deps: Pick<AuthDeps, 'db'>): Promise<ModeratorView[]> {
  return (await listModerators(deps.db)).map(toModeratorView);
}

/** An admin adds an account; an address already in use is a 409. */
export function addModerator(deps: Pick<AuthDeps, 'db' | 'clock'>, input: { email: string; password: string; role: ModeratorRole }): Promise<ModeratorView> {
  return createModerator(deps, input).catch((error: unknown) => {
    throw isUniqueViolation(error) ? new AppError('conflict', 'moderator.emailTaken') : error;
  });
}

/**
 * An admin changes an account's role, password or access (the API, or `npm run admin -- update`). A new password or
 * access taken away ends every session of the account at once; a role applies from the account's next request. The
 * last admin who may sign in can be neither demoted nor disabled, so no change locks the newsroom out of its settings.
 */
export async function changeModerator(
  deps: Pick<AuthDeps, 'db' | 'clock'>,
  id: number,
  change: { role?: ModeratorRole; password?: string; disabled?: boolean },
): Promise<ModeratorView> {
  const passwordHash = change.password === undefined ? undefined : await hashPassword(change.password);
  return inTransaction(deps.db, async ({ tx }) => {
    // Locked first, read after: what the count says of the other admins is then still true at the commit.
    const activeAdmins = await lockAndCountActiveAdmins(tx);
    const current = await findModeratorById(tx, id);
    if (!current) throw new AppError('not_found', 'moderator.notFound');
    const losesAdmin = current.role === 'admin' && current.disabledAt === null && (change.role === 'moderator' || change.disabled === true);
    if (losesAdmin && activeAdmins <= 1) throw new AppError('conflict', 'moderator.lastAdmin');
    const disabledAt = change.disabled === undefined ? undefined : change.disabled ? (current.disabledAt ?? deps.clock.now()) : null;
    const updated = await updateModeratorAccount(tx, id, { role: change.role, passwordHash, disabledAt });
    if (passwordHash !== undefined || change.disabled === true) await deleteSessionsOf(tx, id);
    return toModeratorView(updated);
  });
}
