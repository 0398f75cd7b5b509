// The relying-party side of OpenID Connect, on panva's openid-client (v6, over oauth4webapi):
// discovery of the provider's metadata, the authorization URL (code flow, PKCE S256, state, nonce),
// the code exchange with the ID token checked (signature against the provider's JWKS, iss, aud, exp,
// nonce), and the userinfo endpoint when the ID token alone does not say who the reader is.
//
// The library reads time from Date.now(), shifted by a `clockSkew` it freezes into each
// Configuration. So each exchange builds its Configuration afresh with the skew between the
// injected Clock and the wall clock: the ID token's `exp` is then judged on the injected Clock.
// Discovery is done once and kept; the JWKS cache is carried from one Configuration to the next.
import * as client from 'openid-client';
import type { Clock } from '../shared/clock.js';

/** What the provider said about a reader. */
export type ProviderClaims = Record<string, unknown>;

/** How a configured provider is reached. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  redirectUri: string;
}

/** Why an exchange failed, as the callback page tells the reader. */
export class OidcFailure extends Error {
  constructor(readonly kind: 'unavailable' | 'refused') {
    super(kind);
    this.name = 'OidcFailure';
  }
}

const HTTP_TIMEOUT_SECONDS = 10;

/**
 * Network trouble (unreachable, timed out) as opposed to an answer Majlis refuses, anywhere along the error's causes:
 * fetch's own TypeError ("fetch failed", its cause the refused connection) or one openid-client wraps.
 */
function isUnreachable(error: unknown): boolean {
  for (let at = error, depth = 0; at instanceof Error && depth < 5; at = at.cause, depth += 1) {
    if (at instanceof TypeError || at.name === 'AbortError' || at.name === 'TimeoutError') return true;
  }
  return false;
}

/** One configured OpenID Connect provider. */
export class OidcRelyingParty {
  private server: Promise<client.ServerMetadata> | null = null;
  private jwksCache: client.ExportedJWKSCache | undefined;
  /** http is allowed only for a provider on this machine (config.ts refuses http elsewhere). */
  private readonly insecure: boolean;

  constructor(
    private readonly settings: OidcSettings,
    private readonly clock: Clock,
  ) {
    this.insecure = new URL(settings.issuer).protocol === 'http:';
  }

  /** The provider's metadata, discovered once; a failed discovery is tried again on the next sign-in. */
  private metadata(): Promise<client.ServerMetadata> {
    this.server ??= client
      .discovery(new URL(this.settings.issuer), this.settings.clientId, undefined, undefined, {
        execute: this.insecure ? [client.allowInsecureRequests] : [],
        timeout: HTTP_TIMEOUT_SECONDS,
      })
      .then((config) => config.serverMetadata());
    return this.server.catch((error: unknown) => {
      this.server = null;
      throw new OidcFailure(isUnreachable(error) ? 'unavailable' : 'refused');
    });
  }

  /** A Configuration whose notion of "now" is the injected Clock's. */
  private async configuration(): Promise<client.Configuration> {
    const server = await this.metadata();
    // The one place the wall clock is read: to tell the library how far the injected Clock is from it.
    const skew = Math.round((this.clock.now().getTime() - Date.now()) / 1000);
    // client_secret_basic is the default every provider supports unless it says otherwise.
    const methods = server.token_endpoint_auth_methods_supported;
    const auth = !methods || methods.includes('client_secret_basic') ? client.ClientSecretBasic(this.settings.clientSecret) : client.ClientSecretPost(this.settings.clientSecret);
    const config = new client.Configuration(server, this.settings.clientId, { [client.clockSkew]: skew }, auth);
    config.timeout = HTTP_TIMEOUT_SECONDS;
    if (this.insecure) client.allowInsecureRequests(config);
    // Verify the ID token's signature with the provider's JWKS (openid-client otherwise trusts the TLS channel alone).
    client.enableNonRepudiationChecks(config);
    if (this.jwksCache) client.setJwksCache(config, this.jwksCache);
    return config;
  }

  /** Where to send the reader: the provider's authorization endpoint with PKCE (S256), state and nonce. */
  async authorizationUrl(checks: { state: string; nonce: string; codeVerifier: string }): Promise<URL> {
    const config = await this.configuration();
    return client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scopes,
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
      code_challenge_method: 'S256',
      state: checks.state,
      nonce: checks.nonce,
    });
  }

  /**
   * Exchanges the code of the provider's redirect (`callbackUrl`, the redirect URI with its query)
   * and returns the verified ID token's claims, completed from the userinfo endpoint when the ID
   * token carries no display name. Throws OidcFailure.
   */
  async exchange(callbackUrl: URL, checks: { state: string; nonce: string; codeVerifier: string }): Promise<ProviderClaims> {
    const config = await this.configuration();
    try {
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      this.jwksCache = client.getJwksCache(config) ?? this.jwksCache;
      const claims: ProviderClaims = { ...tokens.claims() };
      if (hasDisplayName(claims) || !config.serverMetadata().userinfo_endpoint) return claims;
      const userinfo = await client.fetchUserInfo(config, tokens.access_token, String(claims.sub));
      // The ID token's claims win; userinfo only fills in what it left out (`sub` was checked to match).
      return { ...userinfo, ...claims };
    } catch (error) {
      throw new OidcFailure(isUnreachable(error) ? 'unavailable' : 'refused');
    }
  }
}

function hasDisplayName(claims: ProviderClaims): boolean {
  return ['name', 'preferred_username', 'nickname'].some((name) => typeof claims[name] === 'string' && claims[name] !== '');
}
