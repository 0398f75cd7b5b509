// Cached thread pages, replies pages and counts are answered before Express (docs/decisions/0019):
// each such answer must be the one Express gives, byte for byte and header for header, and anything
// that is not a plain cache hit must still reach Express.
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import supertest from 'supertest';
import { createMetrics } from '../../src/metrics/metrics.js';
import { MemoryThreadCache, type ThreadReadCache } from '../../src/threads/thread-cache.js';
import { queueCounts } from '../../src/moderation/moderation.service.js';
import { postComment, seedConversation, signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Who answered: Express, or the cached read before it. */
  by: 'express' | 'early';
}

const ORIGIN = 'https://news.example';
const metrics = createMetrics(() => queueCounts({ db: ctx.db }));
let ctx: TestContext;
let server: Server;
let rootId: number;
const countKeys = ['reads-thread', ...Array.from({ length: 99 }, (_, i) => `reads-listed-thread-${i}`)];
let answeredBy: Array<Answer['by']> = [];

before(async () => {
  ctx = await createTestContext({ ALLOWED_ORIGINS: ORIGIN, TRUST_PROXY: 'loopback' }, { metrics });
  ({ rootId } = await seedConversation(ctx, 'reads-thread', 12));
  // Express makes the request an Express request (its prototype carries `app`); the early answer leaves it a node one.
  const observed: RequestListener = (req, res) => {
    res.once('finish', () => answeredBy.push('app' in req ? 'express' : 'early'));
    ctx.app(req, res);
  };
  server = await new Promise<Server>((resolve) => {
    const listening = createServer(observed).listen(0, '127.0.0.1', () => resolve(listening));
  });
});
after(async () => {
  await new Promise((resolve) => server.close(resolve));
  await ctx.close();
});

/** One request over real HTTP, its bytes as they came on the wire, and who answered it. */
function send(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
  const { port } = server.address() as AddressInfo;
  answeredBy = [];
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        // 'finish' on the server side comes before the client has read the end.
        setImmediate(() => {
          const [by] = answeredBy;
          if (!by) return reject(new Error('no answer was observed'));
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), by });
        });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** Headers that must match between the two paths: all but the date (the request id is sent, so it is echoed). */
function comparable(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const { date: _date, ...rest } = headers;
  return rest;
}

const pagePath = '/api/v1/threads/reads-thread/comments';
const repliesPath = () => `/api/v1/threads/reads-thread/comments/${rootId}/replies?limit=5`;
const countsPath = `/api/v1/counts?threads=${countKeys.join(',')}`;

/** Express's answer (after dropping the thread's pages, a miss), then the cached read's answer to the same request; they must be the same. */
async function bothPaths(path: string, headers: Record<string, string>, method = 'GET'): Promise<Answer> {
  await ctx.threadCache.invalidate('reads-thread');
  const all = { 'X-Request-Id': 'cached-reads-test', Origin: ORIGIN, ...headers };
  const viaExpress = await send(path, all, method);
  const early = await send(path, all, method);
  assert.equal(viaExpress.by, 'express', `${method} ${path}: a miss goes to Express`);
  assert.equal(early.by, 'early', `${method} ${path} ${JSON.stringify(headers)}: a hit is answered before Express`);
  assert.equal(early.status, viaExpress.status, path);
  assert.deepEqual(comparable(early.headers), comparable(viaExpress.headers), `${method} ${path} ${JSON.stringify(headers)}`);
  assert.ok(early.body.equals(viaExpress.body), `${method} ${path}: the same bytes`);
  return early;
}

describe('cached reads before Express', () => {
  for (const [name, path] of [
    ['a thread page', () => pagePath],
    ['a thread page with a query', () => `${pagePath}?sort=newest&limit=5`],
    ['a replies page', repliesPath],
    ['counts of 100 threads', () => countsPath],
  ] as const) {
    it(`${name}: the same status, headers and bytes as Express, in every coding, to HEAD, and as a 304`, async () => {
      const codings = ['identity', 'gzip', 'br', 'gzip, deflate, br, zstd', 'br;q=0.5, gzip'];
      const sent = new Set<string>();
      for (const coding of codings) {
        const plain = await bothPaths(path(), { 'Accept-Encoding': coding });
        assert.equal(plain.status, 200);
        sent.add(String(plain.headers['content-encoding'] ?? 'identity'));
        assert.match(String(plain.headers['cache-control']), /^public, max-age=/);
        assert.equal(plain.headers['access-control-allow-origin'], ORIGIN);
        assert.equal(plain.headers.vary, 'Origin, Accept-Encoding');
        assert.equal(plain.headers['x-content-type-options'], 'nosniff');
        const head = await bothPaths(path(), { 'Accept-Encoding': coding }, 'HEAD');
        assert.equal(head.body.length, 0);
        assert.equal(head.headers.etag, plain.headers.etag);
        const unchanged = await bothPaths(path(), { 'Accept-Encoding': coding, 'If-None-Match': String(plain.headers.etag) });
        assert.equal(unchanged.status, 304);
        assert.equal(unchanged.body.length, 0);
      }
      assert.deepEqual([...sent].sort(), ['br', 'gzip', 'identity'], 'every coding was sent at least once');
    });
  }

  it('security headers follow the trusted proxy the same way (HSTS only over https), and CORS the Origin', async () => {
    const overHttps = await bothPaths(pagePath, { 'X-Forwarded-Proto': 'https' });
    assert.equal(overHttps.headers['strict-transport-security'], 'max-age=31536000');
    const firstHopHttp = await bothPaths(pagePath, { 'X-Forwarded-Proto': 'http, https' });
    assert.equal(firstHopHttp.headers['strict-transport-security'], undefined);
    const foreign = await bothPaths(pagePath, { Origin: 'https://elsewhere.example' });
    assert.equal(foreign.headers['access-control-allow-origin'], undefined);
  });

  it('counts and times an early answer under its route pattern, as Express would', async () => {
    const line = async () => {
      const text = await metrics.registry.getSingleMetricAsString('majlis_http_requests_total');
      return /majlis_http_requests_total\{method="GET",route="\/api\/v1\/threads\/:threadKey\/comments",status="200"\} (\d+)/.exec(text)?.[1];
    };
    const before = Number((await line()) ?? 0);
    await bothPaths(pagePath, {});
    assert.equal(Number(await line()), before + 2);
  });

  it('a post approved by a moderator shows at once on the page and in the counts read before Express', async () => {
    const { auth } = await signIn(ctx);
    await send(pagePath);
    assert.equal((await send(pagePath)).by, 'early');
    const countBefore = (JSON.parse((await send(countsPath)).body.toString()) as { counts: Record<string, number> }).counts['reads-thread'] ?? 0;
    const posted = await postComment(ctx, 'reads-thread', { body: 'A late comment the moderators let through.' });
    const decision = await ctx.request
      .post(`/api/v1/moderation/comments/${posted.comment.id}/decision`)
      .set('Authorization', auth)
      .send({ action: 'approve', expectedStatus: posted.status });
    assert.equal(decision.status, 200, decision.text);
    const page = await send(pagePath);
    assert.equal(page.by, 'express', 'the change dropped the cached page');
    assert.match(page.body.toString(), /A late comment the moderators let through/);
    const again = await send(pagePath);
    assert.equal(again.by, 'early');
    assert.match(again.body.toString(), /A late comment the moderators let through/);
    const counts = await send(countsPath);
    assert.equal(counts.by, 'express');
    assert.equal((JSON.parse(counts.body.toString()) as { counts: Record<string, number> }).counts['reads-thread'], countBefore + 1);
  });

  it('input the routes would refuse reaches Express even when its valid twin is cached: a localised problem', async () => {
    await send(pagePath);
    await send(`${pagePath}?sort=best`);
    await send(repliesPath());
    await send('/api/v1/counts?threads=reads-thread');
    for (const [path, code] of [
      [`${pagePath}?limit=0`, 'malformed_request'],
      [`${pagePath}?limit=many`, 'malformed_request'],
      [`${pagePath}?sort=best&sort=oldest`, 'malformed_request'],
      [`${pagePath}?cursor=${'x'.repeat(201)}`, 'malformed_request'],
      [`${pagePath}?cursor=not-a-cursor`, 'malformed_request'],
      ['/api/v1/threads/-reads-thread/comments', 'invalid_thread_key'],
      [`/api/v1/threads/reads-thread/comments/${rootId}x/replies`, 'malformed_request'],
      [`/api/v1/threads/reads-thread/comments/0/replies`, 'malformed_request'],
      ['/api/v1/counts', 'malformed_request'],
      ['/api/v1/counts?threads=reads-thread&threads=other', 'malformed_request'],
      [`/api/v1/counts?threads=${Array.from({ length: 101 }, (_, i) => `k${i}`).join(',')}`, 'malformed_request'],
    ] as const) {
      const res = await send(path, { 'Accept-Language': 'ar' });
      assert.equal(res.by, 'express', path);
      assert.equal(res.status, 400, path);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/, path);
      const problem = JSON.parse(res.body.toString()) as { code: string; detail: string };
      assert.equal(problem.code, code, path);
      assert.match(problem.detail, /[\u0600-\u06FF]/, `${path}: in Arabic`);
    }
  });

  it('what Express reads the same way is answered early; other spellings, methods and escapes go to Express', async () => {
    const plain = await send(`${pagePath}?limit=50`);
    const normalised = await send(`${pagePath}?limit=050&lang=ar&utm_source=feed`);
    assert.equal(normalised.by, 'early');
    assert.equal(normalised.headers.etag, plain.headers.etag);
    for (const [path, method] of [
      [pagePath.toUpperCase().replace('READS-THREAD', 'reads-thread'), 'GET'],
      [`${pagePath}/`, 'GET'],
      [pagePath.replace('reads-thread', 'reads%2Dthread'), 'GET'],
      [`${pagePath}?limit=5%30`, 'GET'],
      ['/api/v1/counts?threads=reads%2Dthread', 'GET'],
      [pagePath, 'OPTIONS'],
    ] as const) {
      const res = await send(path, { Origin: ORIGIN }, method);
      assert.equal(res.by, 'express', `${method} ${path}`);
      assert.ok(res.status === 200 || res.status === 204, `${method} ${path}: ${res.status}`);
    }
  });
  it('a miss is looked up once: the route renders into the lookup the early answer made, and stores the page there', async () => {
    const cache = new MemoryThreadCache();
    const lookups: string[] = [];
    const counting: ThreadReadCache = {
      lookup: (key, variant) => {
        lookups.push(`${key} ${variant}`);
        return cache.lookup(key, variant);
      },
      lookupAcross: (keys, variant) => {
        lookups.push(`${keys.length} threads ${variant}`);
        return cache.lookupAcross(keys, variant);
      },
      invalidate: (key) => cache.invalidate(key),
      invalidateAll: () => cache.invalidateAll(),
    };
    const counted = await createTestContext({}, { threadCache: counting });
    try {
      const { rootId: conversation } = await seedConversation(counted, 'looked-once', 4);
      for (const path of ['/api/v1/threads/looked-once/comments', `/api/v1/threads/looked-once/comments/${conversation}/replies?limit=2`, '/api/v1/counts?threads=looked-once,another']) {
        lookups.length = 0;
        const miss = await supertest(counted.app).get(path);
        assert.equal(miss.status, 200, path);
        assert.equal(lookups.length, 1, `${path}: a miss looks up once (${lookups.join('; ')})`);
        const hit = await supertest(counted.app).get(path);
        assert.equal(hit.status, 200, path);
        assert.deepEqual(hit.body, miss.body, `${path}: the page the miss stored is the hit`);
        assert.equal(lookups.length, 2, `${path}: and a hit once`);
      }
    } finally {
      await counted.close();
    }
  });
});
