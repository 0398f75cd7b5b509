// The ID token checks of the OpenID Connect callback, one by one, against a scripted provider: a
// small HTTP server with discovery, a JWKS and a token endpoint answering the ID token each test
// crafts (a real provider never signs a bad one). Every refusal stores nothing.
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { translate } from '../../src/i18n/i18n.js';
import { createTestContext, type TestContext } from '../setup/app.js';
import { listenFirst, type Listening } from '../setup/oidc-provider.js';

const SITE = 'https://news.example';
const CLIENT = { id: 'majlis', secret: 'scripted-provider-client-secret-0123456789' };
let majlis: Listening;
let provider: Listening;
let ctx: TestContext;
let signingKey: CryptoKey;
let strangerKey: CryptoKey;
/** What the token endpoint answers next: an ID token made from the nonce Majlis sent. */
let nextIdToken: (nonce: string) => Promise<string>;
/** The nonce of the sign-in under way (the scripted provider has no sessions). */
let pendingNonce = '';
let userinfoCalls = 0;

function json(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

function drain(req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    req.resume();
    req.on('end', resolve);
  });
}

before(async () => {
  majlis = await listenFirst();
  provider = await listenFirst();
  const signing = await generateKeyPair('RS256', { extractable: true });
  signingKey = signing.privateKey;
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  const jwk = { ...(await exportJWK(signing.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const issuer = provider.origin;
  provider.serve(async (req, res) => {
    const path = new URL(req.url ?? '/', issuer).pathname;
    if (path === '/.well-known/openid-configuration') {
      return json(res, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic'],
        code_challenge_methods_supported: ['S256'],
      });
    }
    if (path === '/jwks') return json(res, { keys: [jwk] });
    if (path === '/token' && req.method === 'POST') {
      await drain(req);
      return json(res, { access_token: 'opaque-access-token', token_type: 'Bearer', expires_in: 300, id_token: await nextIdToken(pendingNonce) });
    }
    if (path === '/userinfo') userinfoCalls += 1;
    res.writeHead(404).end();
  });
  ctx = await createTestContext({ PUBLIC_URL: majlis.origin, ALLOWED_ORIGINS: SITE, OIDC_ISSUER: issuer, OIDC_CLIENT_ID: CLIENT.id, OIDC_CLIENT_SECRET: CLIENT.secret });
  majlis.serve(ctx.app);
});
after(async () => {
  await majlis.close();
  await provider.close();
  await ctx.close();
});
beforeEach(() => ctx.clock.setTo(new Date()));

/** Claims a good ID token for the sign-in under way carries, issued now on the wall clock (as a provider's are). */
function goodClaims(nonce: string, extra: JWTPayload = {}): JWTPayload {
  const iat = Math.floor(Date.now() / 1000);
  return { iss: provider.origin, aud: CLIENT.id, sub: 'scripted-reader', nonce, iat, exp: iat + 300, name: 'Scripted Reader', ...extra };
}

function sign(claims: JWTPayload, key: CryptoKey = signingKey, kid = 'k1'): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(key);
}

/** Starts a sign-in at Majlis and comes back to its callback as if the provider had issued `code`. */
async function signInWith(idToken: (nonce: string) => Promise<string>): Promise<{ status: number; page: string }> {
  const start = await fetch(`${majlis.origin}/api/v1/auth/oidc/start?origin=${encodeURIComponent(SITE)}`, { redirect: 'manual', headers: { accept: 'text/html' } });
  assert.equal(start.status, 302);
  const authorize = new URL(start.headers.get('location') ?? '');
  pendingNonce = authorize.searchParams.get('nonce') ?? '';
  nextIdToken = idToken;
  const cookie = (start.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  const callback = `${majlis.origin}/api/v1/auth/oidc/callback?code=scripted-code&state=${authorize.searchParams.get('state')}`;
  const res = await fetch(callback, { redirect: 'manual', headers: { accept: 'text/html', cookie } });
  return { status: res.status, page: await res.text() };
}

describe('the callback verifies the ID token', () => {
  it('accepts a good one, its claims enough on their own (no userinfo call)', async () => {
    const { status, page } = await signInWith((nonce) => sign(goodClaims(nonce)));
    assert.equal(status, 200, page);
    assert.match(page, /data-token="[^"]+"/);
    assert.equal(userinfoCalls, 0);
    const account = await ctx.db.account.findUniqueOrThrow({ where: { issuer_subject: { issuer: provider.origin, subject: 'scripted-reader' } } });
    assert.equal(account.displayName, 'Scripted Reader');
  });

  const refusals: Array<[string, (nonce: string) => Promise<string>]> = [
    ['signed with a key that is not in the JWKS (same kid)', (nonce) => sign(goodClaims(nonce), strangerKey)],
    ['for another client (aud)', (nonce) => sign(goodClaims(nonce, { aud: 'someone-else' }))],
    ['from another issuer (iss)', (nonce) => sign(goodClaims(nonce, { iss: 'https://impostor.example' }))],
    ['with another nonce', (nonce) => sign(goodClaims(`${nonce}x`))],
    ['with no nonce', (nonce) => sign(goodClaims(nonce, { nonce: undefined }))],
    ['expired', (nonce) => sign(goodClaims(nonce, { exp: Math.floor(Date.now() / 1000) - 120 }))],
    ['unsigned (alg none)', async (nonce) => `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(goodClaims(nonce))).toString('base64url')}.`],
    ['naming no display name anywhere (no userinfo endpoint)', (nonce) => sign(goodClaims(nonce, { name: undefined }))],
  ];
  for (const [name, idToken] of refusals) {
    it(`refuses one ${name}: a 400 page, nothing stored`, async () => {
      const before = await ctx.db.account.count();
      const { status, page } = await signInWith(idToken);
      assert.equal(status, 400, page);
      assert.ok(!page.includes('data-token'));
      assert.ok(page.includes(translate('en', name.startsWith('naming') ? 'sso.claims' : 'sso.oidcFailed')), page);
      assert.equal(await ctx.db.account.count(), before);
    });
  }

  it('marks the state cookie Secure when PUBLIC_URL is https; ALLOWED_ORIGINS=* does not open sign-in to every site', async () => {
    const https = await createTestContext({ PUBLIC_URL: 'https://comments.news.example', ALLOWED_ORIGINS: `*,${SITE}`, OIDC_ISSUER: provider.origin, OIDC_CLIENT_ID: CLIENT.id, OIDC_CLIENT_SECRET: CLIENT.secret });
    try {
      const res = await https.request.get('/api/v1/auth/oidc/start').query({ origin: SITE }).expect(302);
      const cookie = String(res.headers['set-cookie']);
      assert.match(cookie, /; Secure/);
      assert.equal(new URL(res.headers.location ?? '').searchParams.get('redirect_uri'), 'https://comments.news.example/api/v1/auth/oidc/callback');
      const stranger = await https.request.get('/api/v1/auth/oidc/start').query({ origin: 'https://any.example' }).set('Accept', 'application/json');
      assert.equal(stranger.status, 400);
      assert.equal(stranger.body.detail, translate('en', 'sso.oidcOrigin'));
    } finally {
      await https.close();
    }
  });

  it('judges exp on the injected clock: a token still valid on the wall clock is expired two hours later on it', async () => {
    ctx.clock.advance(2 * 3600);
    const { status, page } = await signInWith((nonce) => sign(goodClaims(nonce, { sub: 'clock-reader' })));
    assert.equal(status, 400, page);
    assert.ok(page.includes(translate('en', 'sso.oidcFailed')));
    assert.equal(await ctx.db.account.count({ where: { subject: 'clock-reader' } }), 0);
  });
});
