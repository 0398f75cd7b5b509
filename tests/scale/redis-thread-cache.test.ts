// RedisThreadCache against a real Redis: two caches stand for two instances sharing one prefix.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Command, Redis } from 'ioredis';
import { pino } from 'pino';
import { createRedisClient } from '../../src/redis/redis-client.js';
import { RedisRateLimiter } from '../../src/redis/redis-rate-limiter.js';
import { RedisThreadCache } from '../../src/redis/redis-thread-cache.js';
import { encodeDynamic } from '../../src/http/content-coding.js';
import type { CachedPage } from '../../src/threads/thread-cache.js';
import { createScratchRedis, redisUnavailable, type ScratchRedis } from './support.js';

const skip = await redisUnavailable();
if (skip) console.log(`# skipping Redis cache tests: ${skip}`);
const page = (text: string): CachedPage => ({ identity: { body: Buffer.from(text), etag: `W/"${text}"` }, validUntil: null });
const logger = pino({ level: 'silent' });

/** Counts the scripts a client sends from now on (EVALSHA, or EVAL after a NOSCRIPT). */
function scriptsSent(redis: Redis): () => number {
  const send = redis.sendCommand.bind(redis);
  let count = 0;
  redis.sendCommand = (command: Command, stream?: Parameters<Redis['sendCommand']>[1]) => {
    if (command.name.startsWith('eval')) count += 1;
    return send(command, stream);
  };
  return () => count;
}

describe('RedisThreadCache and RedisRateLimiter', { skip: skip ?? false }, () => {
  let scratch: ScratchRedis;
  const clients: Array<ReturnType<typeof createRedisClient>> = [];
  const instance = async () => {
    const redis = createRedisClient(scratch.url, logger);
    await redis.connect();
    clients.push(redis);
    return { redis, cache: new RedisThreadCache(redis, scratch.prefix, logger), limiter: new RedisRateLimiter(redis, scratch.prefix, logger) };
  };
  before(async () => {
    scratch = await createScratchRedis();
  });
  after(async () => {
    for (const client of clients) client.disconnect();
    await scratch.drop();
  });

  it('a page stays a hit until any instance invalidates its thread or everything', async () => {
    const [a, b] = [await instance(), await instance()];
    await (await a.cache.lookup('t1', 'v')).store(page('one'));
    assert.equal((await a.cache.lookup('t1', 'v')).hit?.identity.etag, 'W/"one"');
    await b.cache.invalidate('t1');
    assert.equal((await a.cache.lookup('t1', 'v')).hit, undefined);

    await (await a.cache.lookup('t1', 'v')).store(page('two'));
    await b.cache.invalidateAll();
    assert.equal((await a.cache.lookup('t1', 'v')).hit, undefined);
  });

  it('a response across threads (counts) stays a hit until any instance invalidates one of them, in one round trip', async () => {
    const [a, b] = [await instance(), await instance()];
    await (await a.cache.lookupAcross(['c1', 'c2', 'c3'], 'counts')).store(page('counts-one'));
    assert.equal((await b.cache.lookupAcross(['c1', 'c2', 'c3'], 'counts')).hit, undefined, 'pages stay in each process');
    assert.equal((await a.cache.lookupAcross(['c1', 'c2', 'c3'], 'counts')).hit?.identity.etag, 'W/"counts-one"');
    assert.equal((await a.cache.lookupAcross(['c1', 'c2'], 'counts')).hit, undefined, 'another set of threads is another response');
    await b.cache.invalidate('c2');
    assert.equal((await a.cache.lookupAcross(['c1', 'c2', 'c3'], 'counts')).hit, undefined);
    await (await a.cache.lookupAcross(['c1', 'c2', 'c3'], 'counts')).store(page('counts-two'));
    assert.equal((await a.cache.lookupAcross(['c1', 'c2', 'c3'], 'counts')).hit?.identity.etag, 'W/"counts-two"');
  });

  it('lookups that come together share one script, each answered with its own threads, and one that begins after an invalidation sees it', async () => {
    const [a, b] = [await instance(), await instance()];
    await (await a.cache.lookup('j1', 'v')).store(page('j1-page'));
    await (await a.cache.lookup('j2', 'v')).store(page('j2-page'));
    await (await a.cache.lookupAcross(['j1', 'j2', 'j3'], 'counts')).store(page('j-counts'));
    await b.cache.invalidate('j3');
    const scripts = scriptsSent(a.redis);
    const together = await Promise.all([
      ...Array.from({ length: 50 }, () => a.cache.lookup('j1', 'v')),
      a.cache.lookup('j2', 'v'),
      a.cache.lookupAcross(['j1', 'j2', 'j3'], 'counts'),
    ]);
    assert.equal(scripts(), 1, 'one round trip for 52 lookups of one turn');
    assert.deepEqual(
      together.map((lookup) => lookup.hit?.identity.etag),
      [...Array.from({ length: 50 }, () => 'W/"j1-page"'), 'W/"j2-page"', undefined],
      'each lookup reads its own threads: the counts saw j3 change',
    );

    // A batch once sent takes no one else: a lookup after an invalidation has a round trip of its own and sees it.
    const sentBefore = a.cache.lookup('j2', 'v');
    await new Promise((resolve) => setImmediate(resolve));
    await b.cache.invalidate('j2');
    assert.equal((await a.cache.lookup('j2', 'v')).hit, undefined);
    await sentBefore;
    assert.equal(scripts(), 3);
  });

  it('a hit carries the brotli and gzip bytes made when the page was stored, so it compresses nothing', async () => {
    const [a] = [await instance()];
    const encoded = await encodeDynamic(Buffer.from('{"comments":"many"} '.repeat(200)), 'W/"big"');
    await (await a.cache.lookup('t-big', 'v')).store({ ...encoded, validUntil: null });
    const hit = (await a.cache.lookup('t-big', 'v')).hit;
    assert.ok(hit?.br && hit.gzip);
    assert.equal(hit.br.body, encoded.br?.body, 'the very same buffer');
    assert.equal(hit.gzip.etag, 'W/"big-gzip"');
  });

  it('a page stored by a read that began before an invalidation is never served after it', async () => {
    const [a, b] = [await instance(), await instance()];
    const early = await a.cache.lookup('t2', 'v');
    await b.cache.invalidate('t2');
    await early.store(page('rendered-before-the-change'));
    assert.equal((await a.cache.lookup('t2', 'v')).hit, undefined);
  });

  it('an evicted or expired version key is a miss, never a stale hit', async () => {
    const a = await instance();
    await (await a.cache.lookup('t3', 'v')).store(page('old'));
    await scratch.client.del(`${scratch.prefix}threads:version:t3`);
    assert.equal((await a.cache.lookup('t3', 'v')).hit, undefined);
  });

  it('the rate limit counts hits from every instance in one window', async () => {
    const [a, b] = [await instance(), await instance()];
    const results = [await a.limiter.hit('k', 2, 60), await b.limiter.hit('k', 2, 60), await a.limiter.hit('k', 2, 60)];
    assert.deepEqual(results.map((result) => result.allowed), [true, true, false]);
    assert.ok((results[2]?.retryAfterSeconds ?? 0) >= 59);
  });
});
