// What a site's key set that cannot be read means for a reader's token: the keys are unavailable (503), the token is not
// bad (401 signs the reader out). And a token without the issuer or audience the site requires says so.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { TokenVerifier } from '../../src/accounts/token-verifier.js';
import { loadConfig } from '../../src/config/config.js';
import { translate } from '../../src/i18n/i18n.js';
import { AppError } from '../../src/shared/errors.js';
import { MemoryRevokedTokens } from '../../src/shared/revoked-tokens.js';
import { TestClock } from '../setup/app.js';
import { coralClaims, secretKey, signToken, SITE_SECRETS, startSiteKeys, type SiteKeys } from '../setup/site-tokens.js';

let site: SiteKeys;
let broken: Server;
let brokenUrl: string;
/** What the broken key server answers for the next fetch. */
let answer: 'error' | 'not json' = 'error';
const clock = new TestClock();

before(async () => {
  site = await startSiteKeys();
  broken = createServer((_req, res) => {
    if (answer === 'error') res.writeHead(500).end('down for maintenance');
    else res.writeHead(200, { 'content-type': 'application/json' }).end('<html>not the keys</html>');
  });
  await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
  brokenUrl = `http://127.0.0.1:${(broken.address() as AddressInfo).port}/jwks.json`;
});
after(async () => {
  await site.close();
  await new Promise((resolve) => broken.close(resolve));
});

const verifier = (env: Record<string, string>) => new TokenVerifier(loadConfig({ SECRET: 'test-secret-that-is-long-enough-for-majlis', ...env }), clock, new MemoryRevokedTokens());
const refusal = (verifying: Promise<unknown>) =>
  verifying.then(
    () => assert.fail('the token was accepted'),
    (error: unknown) => (error instanceof AppError ? [error.code, translate('en', error.messageKey)] : assert.fail(String(error))),
  );

describe('TokenVerifier', () => {
  it('answers "keys unavailable", not "token invalid", when the key set answers an error or no JSON', async () => {
    const token = await signToken(coralClaims(clock.now(), { id: 'r-1', username: 'Reader' }), site.rsa.privateKey, { alg: 'RS256', kid: 'rsa-1' });
    for (const mode of ['error', 'not json'] as const) {
      answer = mode;
      const [code] = await refusal(verifier({ SSO_JWKS_URL: brokenUrl }).verify(token));
      assert.equal(code, 'sso_unavailable', mode);
    }
    // A working key set without the token's key: that is the token's fault.
    const unknown = await signToken(coralClaims(clock.now(), { id: 'r-1', username: 'Reader' }), site.rsa.privateKey, { alg: 'RS256', kid: 'rsa-9' });
    assert.deepEqual((await refusal(verifier({ SSO_JWKS_URL: site.jwksUrl }).verify(unknown)))[0], 'sso_token_invalid');
  });

  it('says a token lacks the issuer or audience the site requires, as it says one that names another', async () => {
    const strict = verifier({ SSO_SECRETS: JSON.stringify([{ kid: 'k', secret: SITE_SECRETS.current }]), SSO_ISSUER: 'https://news.example', SSO_AUDIENCE: 'majlis' });
    const hs = (extra: Record<string, unknown>) => signToken(coralClaims(clock.now(), { id: 'r-2', username: 'Reader' }, extra), secretKey(SITE_SECRETS.current), { alg: 'HS256', kid: 'k' });
    const noIssuer = await refusal(strict.verify(await hs({ aud: 'majlis' })));
    const otherIssuer = await refusal(strict.verify(await hs({ aud: 'majlis', iss: 'https://elsewhere.example' })));
    assert.deepEqual(noIssuer, otherIssuer);
    const noAudience = await refusal(strict.verify(await hs({ iss: 'https://news.example' })));
    const otherAudience = await refusal(strict.verify(await hs({ iss: 'https://news.example', aud: 'another-service' })));
    assert.deepEqual(noAudience, otherAudience);
    assert.notDeepEqual(noIssuer, noAudience);
  });
});
