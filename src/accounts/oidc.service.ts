// Signing a reader in through the site's OpenID Connect provider (docs/sign-in.md): the start sends
// the reader's popup to the provider; the callback checks the state, exchanges the code, makes or
// finds the account (issuer = OIDC_ISSUER, subject = `sub`) and hands back a Majlis-issued token.
import * as client from 'openid-client';
import { isValidEmail } from '../authors/email.js';
import type { Config } from '../config/config.js';
import type { DbClient } from '../db/client.js';
import type { Lang } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import type { Logger } from '../logging/logger.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import type { RevokedTokens } from '../shared/revoked-tokens.js';
import { upsertAccount } from './account.repository.js';
import { identityFromClaims } from './claims.js';
import { OidcFailure, type OidcRelyingParty } from './oidc-client.js';
import { CALLBACK_PATH, openState, sealState, STATE_PATTERN, STATE_SECONDS, stateCookieName, stateCookieOf, type SignInState } from './oidc-state.js';
import { issueSessionToken } from './session-token.js';

/** What OpenID Connect sign-in needs; `oidc` is null when no provider is configured. */
export interface OidcDeps {
  db: DbClient;
  clock: Clock;
  config: Config;
  logger: Logger;
  /** Where a used `state` is remembered until it would have expired (shared through Redis when scaled out). */
  spentStates: RevokedTokens;
  oidc: OidcRelyingParty | null;
}

/** The cookie a start sets: its value goes to the callback path only, for STATE_SECONDS. */
export interface StateCookie {
  name: string;
  value: string;
  maxAgeSeconds: number;
}

/** How a callback ended: a token for the site origin, or a message for the reader. */
export type CallbackOutcome =
  | { ok: true; token: string; origin: string; lang: Lang }
  | { ok: false; message: MessageKey; lang: Lang | null };

/**
 * The sites a token may be posted to: this service's own origin and those listed in ALLOWED_ORIGINS.
 * `*` does not stretch to sign-in: the token would go to whichever page asked.
 */
function isSignInOrigin(config: Config, origin: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.origin !== origin) return false;
  return config.ALLOWED_ORIGINS.includes(origin) || (config.PUBLIC_URL !== undefined && new URL(config.PUBLIC_URL).origin === origin);
}

/** Begins a sign-in for a page on `origin`: where to send the reader, and the cookie that remembers it. */
export async function startOidcSignIn(deps: OidcDeps, origin: string, lang: Lang): Promise<{ location: string; cookie: StateCookie }> {
  if (!deps.oidc) throw new AppError('not_found', 'sso.notConfigured');
  if (!isSignInOrigin(deps.config, origin)) throw new AppError('sign_in_failed', 'sso.oidcOrigin');
  const sign: SignInState = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier(), origin, lang };
  let url: URL;
  try {
    url = await deps.oidc.authorizationUrl(sign);
  } catch (error) {
    deps.logger.warn({ err: error, issuer: deps.config.OIDC_ISSUER }, 'the OpenID Connect provider could not be discovered');
    throw new AppError('sign_in_failed', 'sso.oidcUnavailable');
  }
  const value = await sealState(deps.config.SECRET, sign, deps.clock.now());
  return { location: url.href, cookie: { name: stateCookieName(sign.state), value, maxAgeSeconds: STATE_SECONDS } };
}

function stringParam(query: URLSearchParams, name: string): string | null {
  const values = query.getAll(name);
  return values.length === 1 && values[0] !== undefined ? values[0] : null;
}

/** The callback's `state` when it is one Majlis could have made (its cookie is named after it), else null. */
export function callbackState(query: URLSearchParams): string | null {
  const state = stringParam(query, 'state');
  return state !== null && STATE_PATTERN.test(state) ? state : null;
}

/**
 * Completes a sign-in from the provider's redirect. Every failure is an outcome, not an error, and
 * stores nothing: the state must be this browser's (its cookie), unexpired and unused; then the
 * code is exchanged and the ID token verified; only then is the account written.
 */
export async function finishOidcSignIn(deps: OidcDeps, query: URLSearchParams, cookieHeader: string | undefined): Promise<CallbackOutcome> {
  if (!deps.oidc || !deps.config.OIDC_ISSUER || !deps.config.PUBLIC_URL) return { ok: false, message: 'sso.notConfigured', lang: null };
  const state = callbackState(query);
  const sealed = state === null ? null : stateCookieOf(cookieHeader, state);
  if (state === null || sealed === null) return { ok: false, message: 'sso.oidcStateInvalid', lang: null };
  const now = deps.clock.now();
  const sign = await openState(deps.config.SECRET, sealed, state, now);
  if (sign === 'invalid') return { ok: false, message: 'sso.oidcStateInvalid', lang: null };
  if (sign === 'expired') return { ok: false, message: 'sso.oidcStateExpired', lang: null };
  const failed = (message: MessageKey): CallbackOutcome => ({ ok: false, message, lang: sign.lang });

  // Single use: a state is spent before anything else happens, whatever the outcome.
  const spent = `oidc-state:${state}`;
  try {
    if (await deps.spentStates.isRevoked(spent, now)) return failed('sso.oidcStateUsed');
    await deps.spentStates.revoke(spent, new Date(now.getTime() + STATE_SECONDS * 1000), now);
  } catch (error) {
    deps.logger.warn({ err: error }, 'an OpenID Connect state could not be marked as used');
    return failed('sso.oidcUnavailable');
  }
  if (query.has('error')) return failed('sso.oidcDenied');

  const callbackUrl = new URL(`${deps.config.PUBLIC_URL.replace(/\/$/, '')}${CALLBACK_PATH}`);
  callbackUrl.search = query.toString();
  let claims: Record<string, unknown>;
  try {
    claims = await deps.oidc.exchange(callbackUrl, sign);
  } catch (error) {
    const kind = error instanceof OidcFailure ? error.kind : 'refused';
    deps.logger.warn({ err: error, issuer: deps.config.OIDC_ISSUER }, 'an OpenID Connect sign-in failed at the code exchange');
    return failed(kind === 'unavailable' ? 'sso.oidcUnavailable' : 'sso.oidcFailed');
  }
  // Standard claims only: a provider's `user` claim must not stand in for `sub` as Coral's does.
  const { user: _coral, ...standard } = claims;
  const identity = identityFromClaims(standard);
  if (!identity) return failed('sso.claims');
  // An address the provider did not verify is only what someone typed there: it must not match a privacy request by
  // that address (erasing another person's comments), nor receive this reader's mail.
  const email = identity.email !== null && standard.email_verified === true && isValidEmail(identity.email) ? identity.email : null;
  const issuer = deps.config.OIDC_ISSUER;
  await upsertAccount(deps.db, { ...identity, email, issuer }, now);
  const token = await issueSessionToken(deps.config.SECRET, issuer, identity.subject, now);
  return { ok: true, token, origin: sign.origin, lang: sign.lang };
}
