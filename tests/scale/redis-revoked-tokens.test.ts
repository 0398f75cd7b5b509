// Revoked sign-in tokens through a real Redis: two apps stand for two instances sharing one prefix.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import supertest from 'supertest';
import { createRedisClient } from '../../src/redis/redis-client.js';
import { RedisRevokedTokens } from '../../src/redis/redis-revoked-tokens.js';
import { createTestContext, type TestContext } from '../setup/app.js';
import { coralClaims, secretKey, signToken, SITE_SECRETS } from '../setup/site-tokens.js';
import { createScratchRedis, redisUnavailable, type ScratchRedis } from './support.js';

const skip = await redisUnavailable();
if (skip) console.log(`# skipping shared revocation tests: ${skip}`);
const logger = pino({ level: 'silent' });

describe('a token revoked on one instance is refused by every instance', { skip: skip ?? false }, () => {
  let scratch: ScratchRedis;
  let ctx: TestContext;
  const clients: Array<ReturnType<typeof createRedisClient>> = [];
  const revokedTokens = async () => {
    const redis = createRedisClient(scratch.url, logger);
    await redis.connect();
    clients.push(redis);
    return new RedisRevokedTokens(redis, scratch.prefix, logger);
  };
  before(async () => {
    scratch = await createScratchRedis();
    ctx = await createTestContext({ SSO_SECRETS: JSON.stringify([{ kid: 'k1', secret: SITE_SECRETS.current }]) });
  });
  after(async () => {
    await ctx.close();
    for (const client of clients) client.disconnect();
    await scratch.drop();
  });

  it('signs out on instance A, is refused on instance B', async () => {
    const a = supertest(ctx.appWith({ revokedTokens: await revokedTokens() }));
    const b = supertest(ctx.appWith({ revokedTokens: await revokedTokens() }));
    const token = await signToken(coralClaims(ctx.clock.now(), { id: 'r-1', username: 'Reader' }), secretKey(SITE_SECRETS.current), { alg: 'HS256', kid: 'k1' });
    const me = (agent: typeof a) => agent.get('/api/v1/auth/sso/me').set('Authorization', `Bearer ${token}`);
    assert.equal((await me(b)).status, 200);
    await a.post('/api/v1/auth/sso/logout').set('Authorization', `Bearer ${token}`).expect(204);
    const refused = await me(b);
    assert.equal(refused.status, 401);
    assert.equal(refused.body.code, 'sso_token_invalid');
  });
});
