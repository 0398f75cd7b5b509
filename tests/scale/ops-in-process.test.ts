// /metrics, /readyz and degraded operation without Redis, on the app built in-process (SQLite or TEST_DATABASE_URL's PostgreSQL).
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import supertest from 'supertest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { createDb, type Db } from '../../src/db/client.js';
import { createMetrics } from '../../src/metrics/metrics.js';
import { queueCounts } from '../../src/moderation/moderation.service.js';
import { createRedisClient, pingRedis } from '../../src/redis/redis-client.js';
import { RedisRateLimiter } from '../../src/redis/redis-rate-limiter.js';
import { RedisThreadCache } from '../../src/redis/redis-thread-cache.js';
import { createTestDatabase, type TestDatabase } from '../setup/database.js';
import { ResponseRecorder } from '../setup/response-recorder.js';
import { commentBody, seedPolicy } from './support.js';

const SECRET = 'ops-test-secret-that-is-long-enough-for-it';

describe('operations in-process', () => {
  let database: TestDatabase;
  let db: Db;
  const contract = new ResponseRecorder();
  before(async () => {
    database = await createTestDatabase();
    db = createDb(database.url).db;
    await seedPolicy(db, { premoderation: 'none', floodIntervalSeconds: 0 });
  });
  after(async () => {
    await db.$disconnect();
    await database.drop();
    contract.assertNoDrift();
  });

  it('GET /metrics: route patterns (not raw URLs), comment gauges from the database, process metrics; loopback only without a token', async () => {
    const logger = pino({ level: 'silent' });
    const app = createApp({ config: loadConfig({ DATABASE_URL: database.url, SECRET }), db, logger, metrics: createMetrics(() => queueCounts({ db })) });
    const request = supertest(contract.wrap(app));
    assert.equal((await request.post('/api/v1/threads/metrics-thread/comments').type('json').send(commentBody(1))).status, 201);
    await request.get('/api/v1/threads/metrics-thread/comments').expect(200);
    await request.get('/no/such/page').expect(404);

    const scrape = await request.get('/metrics').expect(200);
    const text = scrape.text;
    assert.match(text, /majlis_http_requests_total\{method="GET",route="\/api\/v1\/threads\/:threadKey\/comments",status="200"\} 1/);
    assert.match(text, /majlis_http_requests_total\{method="POST",route="\/api\/v1\/threads\/:threadKey\/comments",status="201"\} 1/);
    assert.match(text, /majlis_http_requests_total\{method="GET",route="unmatched",status="404"\} 1/);
    assert.match(text, /majlis_http_request_duration_seconds_bucket\{le="0\.5",method="GET",route="\/api\/v1\/threads\/:threadKey\/comments"\} 1/);
    assert.doesNotMatch(text, /metrics-thread/);
    assert.match(text, /majlis_comments\{status="approved"\} 1/);
    assert.match(text, /majlis_moderation_queue_depth 0/);
    assert.match(text, /majlis_log_lines_dropped_total 0/);
    assert.match(text, /process_cpu_user_seconds_total/);

    // Through a proxy on this host the socket is loopback too, but the forwarding header gives it away.
    assert.equal((await request.get('/metrics').set('X-Forwarded-For', '198.51.100.7')).status, 403);
  });

  it('GET /metrics with METRICS_TOKEN: 401 without the bearer token, 200 with it', async () => {
    const token = 'a-metrics-token-of-enough-length';
    const config = loadConfig({ DATABASE_URL: database.url, SECRET, METRICS_TOKEN: token });
    const request = supertest(contract.wrap(createApp({ config, db, logger: pino({ level: 'silent' }), metrics: createMetrics(() => queueCounts({ db })) })));
    assert.equal((await request.get('/metrics')).status, 401);
    assert.equal((await request.get('/metrics').set('Authorization', 'Bearer wrong-token-of-enough-length!')).status, 401);
    assert.equal((await request.get('/metrics').set('Authorization', `Bearer ${token}`)).status, 200);
  });

  it('Redis down: thread reads render from the database, posts pass (rate limit fails open, warned), /readyz is 503 naming Redis', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'warn' }, new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) }));
    // Nothing listens on port 1: every command fails at once, as during an outage.
    const redis = createRedisClient('redis://127.0.0.1:1', logger);
    try {
      await redis.connect().catch(() => {});
      const config = loadConfig({ DATABASE_URL: database.url, SECRET, REDIS_URL: 'redis://127.0.0.1:1', RATE_LIMIT_POSTS: '1' });
      const app = createApp({
        config,
        db,
        logger,
        threadCache: new RedisThreadCache(redis, 'majlis-down:', logger),
        rateLimiter: new RedisRateLimiter(redis, 'majlis-down:', logger),
        readinessChecks: { redis: () => pingRedis(redis) },
      });
      const request = supertest(contract.wrap(app));
      assert.equal((await request.get('/api/v1/threads/redis-down/comments').expect(200)).body.comments.length, 0);
      for (const n of [1, 2]) assert.equal((await request.post('/api/v1/threads/redis-down/comments').type('json').send(commentBody(n))).status, 201);
      const page = await request.get('/api/v1/threads/redis-down/comments').expect(200);
      assert.equal((page.body as { comments: unknown[] }).comments.length, 2);
      const ready = await request.get('/readyz').expect(503);
      assert.deepEqual(ready.body, { status: 'unavailable', checks: { database: 'ok', redis: 'failing', policy: 'ok', storage: 'ok' } });
      assert.ok(lines.some((line) => line.includes('failing open')), lines.join('\n'));
      assert.ok(lines.some((line) => line.includes('thread cache is bypassed')), lines.join('\n'));
      assert.ok(lines.some((line) => line.includes('could not invalidate the shared thread cache')), lines.join('\n'));
    } finally {
      redis.disconnect();
    }
  });
});
