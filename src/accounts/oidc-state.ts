// What an OpenID Connect sign-in must remember between its start and the provider's redirect back
// (PKCE verifier, nonce, the site origin to answer, the reader's language), kept in the reader's
// browser: a cookie encrypted and authenticated with a key derived from SECRET (A256GCM), scoped to
// the callback path, named after the `state` so parallel sign-ins do not overwrite each other.
// Its expiry is in the encrypted claims and checked on the injected Clock; single use is enforced
// by the callback (docs/decisions/0017).
import { EncryptJWT, errors, jwtDecrypt } from 'jose';
import { isLang, type Lang } from '../i18n/i18n.js';
import { keyedHash } from '../shared/crypto.js';

/** How long a reader has between opening the provider and coming back. */
export const STATE_SECONDS = 10 * 60;
/** The path of the callback, the only path the state cookie is sent to. */
export const CALLBACK_PATH = '/api/v1/auth/oidc/callback';
const COOKIE_PREFIX = 'majlis_oidc_';
/** The shape of a `state` value Majlis makes (openid-client's randomState: 32 random bytes, base64url). */
export const STATE_PATTERN = /^[A-Za-z0-9_-]{32,128}$/;

/** One sign-in under way. */
export interface SignInState {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** The site origin the token is posted to when the sign-in succeeds. */
  origin: string;
  lang: Lang;
}

function stateKey(secret: string): Uint8Array {
  return Buffer.from(keyedHash(secret, 'oidc-state-cookie', 'v1'), 'base64url');
}

/** The name of the cookie that holds the sign-in with this `state`. */
export function stateCookieName(state: string): string {
  return `${COOKIE_PREFIX}${state}`;
}

/** Encrypts a sign-in for its cookie, expiring STATE_SECONDS after `now`. */
export function sealState(secret: string, sign: SignInState, now: Date): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new EncryptJWT({ st: sign.state, nonce: sign.nonce, cv: sign.codeVerifier, origin: sign.origin, lang: sign.lang })
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setIssuedAt(iat)
    .setExpirationTime(iat + STATE_SECONDS)
    .encrypt(stateKey(secret));
}

/** The sign-in a cookie holds for this `state`: 'expired' past its time, 'invalid' when forged, altered or for another state. */
export async function openState(secret: string, sealed: string, state: string, now: Date): Promise<SignInState | 'invalid' | 'expired'> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtDecrypt(sealed, stateKey(secret), {
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: ['A256GCM'],
      currentDate: now,
      requiredClaims: ['exp'],
    }));
  } catch (error) {
    return error instanceof errors.JWTExpired ? 'expired' : 'invalid';
  }
  const { st, nonce, cv, origin, lang } = payload;
  if (st !== state || typeof nonce !== 'string' || typeof cv !== 'string' || typeof origin !== 'string' || !isLang(lang)) return 'invalid';
  return { state, nonce, codeVerifier: cv, origin, lang };
}

/** The value of the state cookie for `state` in a Cookie header, or null. */
export function stateCookieOf(cookieHeader: string | undefined, state: string): string | null {
  const name = stateCookieName(state);
  for (const part of (cookieHeader ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}
