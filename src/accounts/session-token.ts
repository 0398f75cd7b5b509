// The reader token Majlis issues itself after an OpenID Connect sign-in (docs/decisions/0017). The
// provider's own tokens never leave the server: the widget gets this short-lived JWT instead, signed
// HS256 with a key derived from SECRET, and sends it as `Authorization: Bearer` like a site-signed one.
import { randomUUID } from 'node:crypto';
import { decodeJwt, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { keyedHash } from '../shared/crypto.js';

/** How long a Majlis-issued reader token is valid: signing in again after an hour is cheap (the provider remembers the reader). */
const SESSION_TOKEN_SECONDS = 3600;
/** The audience of every Majlis-issued reader token, so no other JWT signed with a derived key could pass for one. */
const AUDIENCE = 'majlis:reader';
const PREFIX = 'majlis:';

/** The `iss` of the tokens Majlis issues for readers of one OpenID Connect issuer. */
function sessionIssuer(oidcIssuer: string): string {
  return `${PREFIX}oidc:${oidcIssuer}`;
}

/** The signing key: derived from SECRET for this one purpose, so nothing new needs configuring. */
function sessionKey(secret: string): Uint8Array {
  return Buffer.from(keyedHash(secret, 'oidc-reader-token', 'v1'), 'base64url');
}

/** True when a token claims to be one Majlis issued (its `iss` starts with `majlis:`); whether it is, only verifying tells. */
export function claimsMajlisIssuer(token: string): boolean {
  try {
    const { iss } = decodeJwt(token);
    return typeof iss === 'string' && iss.startsWith(PREFIX);
  } catch {
    return false;
  }
}

/** Signs a reader token for the account (issuer, subject), valid for an hour from `now`. */
export function issueSessionToken(secret: string, oidcIssuer: string, subject: string, now: Date): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(sessionIssuer(oidcIssuer))
    .setAudience(AUDIENCE)
    .setSubject(subject)
    .setIssuedAt(iat)
    .setExpirationTime(iat + SESSION_TOKEN_SECONDS)
    .setJti(randomUUID())
    .sign(sessionKey(secret));
}

/** Verifies a Majlis-issued reader token on the injected clock; throws jose's errors, which the verifier maps to problems. */
export async function verifySessionToken(secret: string, oidcIssuer: string, token: string, now: Date, clockTolerance: number): Promise<JWTPayload> {
  const { payload } = await jwtVerify(token, sessionKey(secret), {
    algorithms: ['HS256'],
    issuer: sessionIssuer(oidcIssuer),
    audience: AUDIENCE,
    currentDate: now,
    clockTolerance,
    maxTokenAge: SESSION_TOKEN_SECONDS + clockTolerance,
    requiredClaims: ['exp', 'iat', 'sub', 'jti'],
  });
  return payload;
}
