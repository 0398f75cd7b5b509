import type { Config } from '../config/config.js';
import { publicBaseUrl } from '../notifications/tokens.js';
import type { Clock } from '../shared/clock.js';
import { OidcRelyingParty } from './oidc-client.js';
import { CALLBACK_PATH } from './oidc-state.js';

/** What the app offers for OpenID Connect sign-in: the widget's button and the provider, or nothing when OIDC_ISSUER is unset. */
export function oidcSignIn(config: Config, clock: Clock): { offered: { startUrl: string; label: string } | null; relyingParty: OidcRelyingParty | null } {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret, PUBLIC_URL: publicUrl } = config;
  if (!issuer || !clientId || !clientSecret || !publicUrl) return { offered: null, relyingParty: null };
  const base = publicBaseUrl(config);
  return {
    offered: { startUrl: `${base}/api/v1/auth/oidc/start`, label: config.OIDC_LABEL ?? new URL(issuer).host },
    relyingParty: new OidcRelyingParty({ issuer, clientId, clientSecret, scopes: config.OIDC_SCOPES, redirectUri: `${base}${CALLBACK_PATH}` }, clock),
  };
}
