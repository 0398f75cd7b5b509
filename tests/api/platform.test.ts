import assert from 'node:assert/strict';
import { copyFileSync, renameSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import supertest from 'supertest';
import { createApp } from '../../src/app.js';
import { createDb } from '../../src/db/client.js';
import { sqliteFilePath } from '../../src/db/sqlite-path.js';
import { commentInput } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';
import { ResponseRecorder } from '../setup/response-recorder.js';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext({ ALLOWED_ORIGINS: 'https://news.example', BODY_LIMIT_BYTES: '4096', RATE_LIMIT_POSTS: '3' });
});
after(async () => ctx.close());

const url = '/api/v1/threads/platform/comments';

describe('request handling', () => {
  it('answers 400 problem+json to malformed JSON, never a 5xx', async () => {
    const res = await ctx.request.post(url).set('Content-Type', 'application/json').send('{"body": "unterminated');
    assert.equal(res.status, 400);
    assert.match(res.get('content-type') ?? '', /^application\/problem\+json/);
    assert.deepEqual(Object.keys(res.body).sort(), ['code', 'detail', 'status', 'title', 'type']);
  });

  it('answers 413 to a body over the limit', async () => {
    const res = await ctx.request.post(url).send(commentInput({ body: 'x'.repeat(5000) }));
    assert.equal(res.status, 413);
    assert.match(res.get('content-type') ?? '', /problem\+json/);
  });

  it('answers 415 to other content types and charsets', async () => {
    const plain = await ctx.request.post(url).set('Content-Type', 'text/plain').send('body=hello');
    assert.equal(plain.status, 415);
    const latin1 = await ctx.request.post(url).set('Content-Type', 'application/json; charset=latin1').send('{}');
    assert.equal(latin1.status, 415);
  });

  it('answers 429 with Retry-After past the per-IP rate limit', async () => {
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 4; i += 1) {
      ctx.clock.advance(16);
      const res = await ctx.request.post(url).send(commentInput());
      statuses.push(res.status);
      retryAfter = res.get('retry-after');
    }
    assert.deepEqual(statuses, [201, 201, 201, 429]);
    assert.match(retryAfter ?? '', /^\d+$/);
  });

  it('answers 404 problem+json for unknown paths', async () => {
    const res = await ctx.request.get('/api/v1/nothing-here');
    assert.equal(res.status, 404);
    assert.match(res.get('content-type') ?? '', /problem\+json/);
  });
});

describe('embedding and security', () => {
  it('allows CORS from ALLOWED_ORIGINS only, and answers preflight', async () => {
    const allowed = await ctx.request.get('/api/v1/counts?threads=a').set('Origin', 'https://news.example');
    assert.equal(allowed.get('access-control-allow-origin'), 'https://news.example');
    assert.match(allowed.get('vary') ?? '', /Origin/);
    const other = await ctx.request.get('/api/v1/counts?threads=a').set('Origin', 'https://evil.example');
    assert.equal(other.get('access-control-allow-origin'), undefined);
    const preflight = await ctx.request
      .options(url)
      .set('Origin', 'https://news.example')
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'content-type');
    assert.equal(preflight.status, 204);
    assert.match(preflight.get('access-control-allow-methods') ?? '', /POST/);
  });

  it('sends security headers', async () => {
    const res = await ctx.request.get('/healthz');
    assert.equal(res.get('x-content-type-options'), 'nosniff');
    assert.equal(res.get('x-powered-by'), undefined);
    assert.match(res.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.ok(res.get('x-request-id'));
  });
});

describe('operations', () => {
  it('GET /healthz and /readyz answer 200 while the database is reachable', async () => {
    assert.deepEqual((await ctx.request.get('/healthz')).body, { status: 'ok' });
    const ready = await ctx.request.get('/readyz');
    assert.equal(ready.status, 200);
    assert.equal(ready.body.checks.database, 'ok');
  });

  it('GET /readyz answers 503 while the database is unreachable, /healthz still 200', async () => {
    const { db } = createDb('postgresql://postgres@127.0.0.1:1/unreachable');
    const contract = new ResponseRecorder();
    const app = contract.wrap(createApp({ config: ctx.config, db, logger: pino({ level: 'silent' }) }));
    try {
      const ready = await supertest(app).get('/readyz');
      assert.equal(ready.status, 503);
      assert.equal(ready.body.checks.database, 'failing');
      assert.equal((await supertest(app).get('/healthz')).status, 200);
      contract.assertNoDrift();
    } finally {
      await db.$disconnect();
    }
  });

  it('GET /readyz answers 503 promptly when a check hangs (READINESS_TIMEOUT_MS), and says which', async () => {
    const contract = new ResponseRecorder();
    const config = { ...ctx.config, READINESS_TIMEOUT_MS: 200 };
    const hung = () => new Promise<never>(() => undefined);
    const app = contract.wrap(createApp({ config, db: ctx.db, logger: pino({ level: 'silent' }), readinessChecks: { redis: hung } }));
    const started = performance.now();
    const ready = await supertest(app).get('/readyz').timeout(5_000);
    assert.equal(ready.status, 503);
    assert.deepEqual([ready.body.checks.redis, ready.body.checks.database], ['failing', 'ok']);
    assert.ok(performance.now() - started < 2_000, `answered after ${Math.round(performance.now() - started)} ms`);
    contract.assertNoDrift();
  });

  it("GET /readyz answers 503 while SQLite's file is gone from its path or replaced, and 200 once it is back", { skip: process.env.TEST_DATABASE_URL ? 'SQLite only' : false }, async () => {
    const file = sqliteFilePath(ctx.config.DATABASE_URL);
    const readiness = async () => {
      const ready = await ctx.request.get('/readyz');
      return [ready.status, ready.body.checks.database];
    };
    assert.deepEqual(await readiness(), [200, 'ok']);
    renameSync(file, `${file}.moved`);
    try {
      // The server would go on writing to the file it opened, which no restart would see.
      assert.deepEqual(await readiness(), [503, 'failing']);
      copyFileSync(`${file}.moved`, file);
      assert.deepEqual(await readiness(), [503, 'failing'], 'a copy in its place is another file');
    } finally {
      renameSync(`${file}.moved`, file);
    }
    assert.deepEqual(await readiness(), [200, 'ok']);
  });

  it('GET /api/v1/openapi.json describes the public API from the zod schemas', async () => {
    const res = await ctx.request.get('/api/v1/openapi.json');
    assert.equal(res.status, 200);
    assert.equal(res.body.openapi, '3.1.0');
    const post = res.body.paths['/api/v1/threads/{threadKey}/comments'].post;
    const body = post.requestBody.content['application/json'].schema;
    // Guests must send authorName and authorEmail; a reader signed in with a site token may leave them out (SPEC section 8).
    assert.deepEqual([...body.required].sort(), ['body']);
    assert.ok(body.properties.authorName && body.properties.authorEmail);
    assert.equal(body.properties.body.type, 'string');
    assert.equal(body.properties.authorEmail.format, 'idn-email');
    assert.ok(res.body.paths['/api/v1/counts'].get);
    assert.ok(res.body.components.schemas.PublicComment.properties.avatar);
    const decision = res.body.paths['/api/v1/moderation/comments/{id}/decision'].post;
    assert.deepEqual(decision.security, [{ moderatorSession: [] }]);
    assert.deepEqual(decision.requestBody.content['application/json'].schema.properties.action.enum, ['approve', 'reject', 'spam', 'pending']);
    assert.ok(res.body.paths['/api/v1/moderation/settings'].put.requestBody.content['application/json'].schema.properties.premoderation);
  });

  it('serves generated avatars without any third-party request', async () => {
    const direct = await ctx.request.get('/avatars/AAAAAAAAAAAAAAAA.svg');
    assert.equal(direct.status, 200);
    assert.equal((await ctx.request.get('/avatars/bad.svg')).status, 404);
  });
});
