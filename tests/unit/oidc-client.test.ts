// A provider that cannot be reached at the code exchange is "cannot be reached", not "did not succeed": fetch's TypeError
// ("fetch failed") carries the refused connection as its cause.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import { OidcFailure, OidcRelyingParty } from '../../src/accounts/oidc-client.js';
import { TestClock } from '../setup/app.js';

let provider: Server;
let issuer: string;
let closedPort: number;

before(async () => {
  const closed = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => closed.once('listening', resolve));
  closedPort = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  // Discovery answers; the token endpoint it names is a port nothing listens on.
  provider = createServer((req, res) => {
    if (req.url !== '/.well-known/openid-configuration') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        issuer,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `http://127.0.0.1:${closedPort}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
      }),
    );
  });
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
});
after(() => new Promise((resolve) => provider.close(resolve)));

it('calls a token endpoint that refuses the connection "unavailable"', async () => {
  const redirectUri = 'http://127.0.0.1:1/api/v1/auth/oidc/callback';
  const party = new OidcRelyingParty({ issuer, clientId: 'majlis', clientSecret: 'a-client-secret', scopes: 'openid', redirectUri }, new TestClock());
  const checks = { state: 'state-1', nonce: 'nonce-1', codeVerifier: 'v'.repeat(43) };
  await assert.rejects(party.exchange(new URL(`${redirectUri}?code=abc&state=state-1`), checks), (error: unknown) => {
    assert.ok(error instanceof OidcFailure);
    assert.equal(error.kind, 'unavailable');
    return true;
  });
});
