// Verifies the tokens a reader may sign in with: a site-signed JWT (HS256 shared secrets chosen by
// kid, or RS256/ES256 keys from the site's JWKS), or the token Majlis itself issued after an OpenID
// Connect sign-in (session-token.ts, HS256 with a key derived from SECRET, `iss` "majlis:oidc:…"). Each kind of key accepts only its own algorithms, so `alg: none` and HS/RS confusion
// (an RSA public key used as an HMAC secret) cannot pass. Every time check runs on the injected Clock.
import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Config } from '../config/config.js';
import type { SsoKey } from '../config/sso.js';
import type { MessageKey } from '../i18n/messages.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import type { RevokedTokens } from '../shared/revoked-tokens.js';
import { sha256Hex } from '../shared/crypto.js';
import { claimsMajlisIssuer, verifySessionToken } from './session-token.js';

/** A token that passed every check. */
export interface VerifiedToken {
  /** Who vouches for the subject: the token's `iss`, else SSO_ISSUER, else "site". */
  issuer: string;
  claims: JWTPayload;
  /** What revokes it: its `jti`, else a hash of the token itself (many sites' tokens carry no `jti`). */
  revocationId: string;
  /**
   * True for a token Majlis issued after an OpenID Connect sign-in: it names an account that exists
   * (issuer = OIDC_ISSUER, subject = `sub`) rather than carrying the claims that create one.
   */
  majlisIssued?: boolean;
}

const SITE_ASYMMETRIC = ['RS256', 'ES256'];
/** Seconds a client is asked to wait when the site's keys cannot be fetched: each token checked after that fetches them again. */
const SSO_RETRY_AFTER_SECONDS = 5;
/** Seconds of clock skew between the site and Majlis that `exp`, `nbf` and `iat` forgive. */
const CLOCK_TOLERANCE_SECONDS = 30;

function refused(message: MessageKey): AppError {
  return new AppError('sso_token_invalid', message);
}

/** The problem a jose failure becomes: one clear message per kind of failure. */
function problemOf(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof errors.JWTExpired) return refused('sso.expired');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if ((error.claim === 'exp' || error.claim === 'iat') && error.reason !== 'check_failed') return refused('sso.lifetime');
    // Without the issuer or audience SSO_ISSUER or SSO_AUDIENCE asks for, the token is not from (or for) the right one.
    if (error.claim === 'aud') return refused('sso.wrongAudience');
    if (error.claim === 'iss') return refused('sso.wrongIssuer');
    if (error.reason === 'missing') return refused('sso.claims');
    if (error.claim === 'nbf' || error.claim === 'iat') return refused('sso.notYetValid');
    return refused('sso.claims');
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return refused('sso.badSignature');
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return refused('sso.algorithm');
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return refused('sso.unknownKey');
  // A key set that could not be fetched or read is already a 503 (keysOrUnavailable).
  return refused('sso.malformed');
}

/**
 * The site's key set, where any failure to fetch and read it (a 500, a body that is not JSON, no answer) is the keys being
 * unavailable (503), not the reader's token being bad: jose says both with the same error class, and a 401 signed a
 * reader with a good token out. What the keys say of the token (no key for its kid, a key of another type) stays a refusal.
 */
function keysOrUnavailable(keys: JWTVerifyGetKey): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await keys(header, token);
    } catch (error) {
      const aboutTheToken = [errors.JWKSNoMatchingKey, errors.JWKSMultipleMatchingKeys, errors.JOSENotSupported, errors.JOSEAlgNotAllowed].some((kind) => error instanceof kind);
      throw aboutTheToken ? error : new AppError('sso_unavailable', 'sso.unavailable', { retryAfterSeconds: SSO_RETRY_AFTER_SECONDS });
    }
  };
}

/** Checks reader tokens against the configured keys, the Clock and the revoked token ids. */
export class TokenVerifier {
  private readonly jwks: JWTVerifyGetKey | null;

  constructor(
    private readonly config: Config,
    private readonly clock: Clock,
    private readonly revoked: RevokedTokens,
  ) {
    this.jwks = config.SSO_JWKS_URL ? keysOrUnavailable(createRemoteJWKSet(new URL(config.SSO_JWKS_URL), { timeoutDuration: 3000 })) : null;
  }

  /** Which ways in the site has configured. */
  get siteTokens(): boolean {
    return this.config.SSO_SECRETS !== undefined || this.jwks !== null;
  }

  /** Verifies a token or throws a 401 problem saying what is wrong with it (503 when the site's keys cannot be fetched). */
  async verify(token: string): Promise<VerifiedToken> {
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw refused('sso.malformed');
    }
    if (token.split('.').length !== 3) throw refused('sso.malformed');
    const checked = await (claimsMajlisIssuer(token) ? this.verifyMajlisIssued(token) : this.verifyByKind(token, header.alg, header.kid)).catch((error: unknown) => Promise.reject(problemOf(error)));
    const jti = checked.claims.jti;
    const verified = { ...checked, revocationId: typeof jti === 'string' ? jti : `sha256:${sha256Hex(token)}` };
    if (await this.revoked.isRevoked(verified.revocationId, this.clock.now())) throw refused('sso.revoked');
    return verified;
  }

  /** A token Majlis issued: only its own derived key, HS256, its own issuer and audience; refused when OpenID Connect is not configured (any more). */
  private async verifyMajlisIssued(token: string): Promise<Omit<VerifiedToken, 'revocationId'>> {
    const issuer = this.config.OIDC_ISSUER;
    if (issuer === undefined) throw refused('sso.wrongIssuer');
    const claims = await verifySessionToken(this.config.SECRET, issuer, token, this.clock.now(), CLOCK_TOLERANCE_SECONDS);
    return { issuer, claims, majlisIssued: true };
  }

  private async verifyByKind(token: string, alg: string | undefined, kid: string | undefined): Promise<Omit<VerifiedToken, 'revocationId'>> {
    if (!this.siteTokens) throw refused('sso.notConfigured');
    let payload: JWTPayload;
    if (alg === 'HS256' && this.config.SSO_SECRETS) payload = await this.verifyShared(token, this.config.SSO_SECRETS, kid);
    else if (alg !== undefined && SITE_ASYMMETRIC.includes(alg) && this.jwks) payload = (await jwtVerify(token, this.jwks, this.siteOptions(SITE_ASYMMETRIC))).payload;
    else throw refused('sso.algorithm');
    return { issuer: payload.iss ?? this.config.SSO_ISSUER ?? 'site', claims: payload };
  }

  /** HS256: the key the kid names, or each key in force when the token names none (Coral's tokens carry no kid). */
  private async verifyShared(token: string, keys: SsoKey[], kid: string | undefined): Promise<JWTPayload> {
    const now = this.clock.now().getTime();
    const inForce = keys.filter((key) => key.retiresAt === undefined || key.retiresAt.getTime() > now);
    const candidates = kid === undefined ? inForce : inForce.filter((key) => key.kid === kid);
    if (candidates.length === 0) throw refused('sso.unknownKey');
    let failure: unknown = refused('sso.badSignature');
    for (const key of candidates) {
      try {
        return (await jwtVerify(token, new TextEncoder().encode(key.secret), this.siteOptions(['HS256']))).payload;
      } catch (error) {
        failure = error;
        // Only a wrong signature may mean "another key": a valid signature with a bad claim is final.
        if (!(error instanceof errors.JWSSignatureVerificationFailed)) break;
      }
    }
    throw failure;
  }

  /** Each key type's own algorithms; time from the Clock; exp and iat required; iss and aud when configured. */
  private siteOptions(algorithms: string[]) {
    const { SSO_ISSUER: issuer, SSO_AUDIENCE: audience, SSO_MAX_TOKEN_AGE_SECONDS: maxTokenAge } = this.config;
    return {
      algorithms,
      currentDate: this.clock.now(),
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      maxTokenAge,
      requiredClaims: ['exp', 'iat'],
      ...(issuer !== undefined ? { issuer } : {}),
      ...(audience !== undefined ? { audience } : {}),
    };
  }

  /** Refuses a token (by its revocation id: `jti`, or the hash of a token without one) from now until it would have expired. */
  async revoke(revocationId: string, exp: number | undefined): Promise<void> {
    const until = new Date((exp ?? 0) * 1000 + CLOCK_TOLERANCE_SECONDS * 1000);
    await this.revoked.revoke(revocationId, until, this.clock.now());
  }
}
