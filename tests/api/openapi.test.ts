import assert from 'node:assert/strict';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import supertest from 'supertest';
import { createApp } from '../../src/app.js';
import { translate } from '../../src/i18n/i18n.js';
import { createMetrics } from '../../src/metrics/metrics.js';
import { queueCounts } from '../../src/moderation/moderation.service.js';
import { postComment } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';
import { documentedOperations } from '../setup/documented-operations.js';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());

type Operation = { security: unknown[]; responses: Record<string, { headers?: Record<string, unknown> }> };
type Document = { servers: Array<{ url: string }>; paths: Record<string, Record<string, Operation>> };

/** The status and content type of a GET whose body may never end, then hangs up. */
async function fetchHeaders(app: RequestListener, path: string): Promise<string> {
  const server = createServer(app).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const controller = new AbortController();
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`, { signal: controller.signal });
    return `${response.status} ${response.headers.get('content-type') ?? ''}`;
  } finally {
    controller.abort();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

async function servedDocument(): Promise<Document> {
  const res = await ctx.request.get('/api/v1/openapi.json');
  assert.equal(res.status, 200);
  return res.body as Document;
}

describe('GET /api/v1/openapi.json', () => {
  it('names an operation only where a route answers: no documented operation falls through to the not-found handler', async () => {
    const document = await servedDocument();
    // /metrics exists only on an app built with metrics, as `npm start` builds it.
    const app = ctx.contract.wrap(createApp({ config: ctx.config, db: ctx.db, logger: pino({ level: 'silent' }), metrics: createMetrics(() => queueCounts({ db: ctx.db })) }));
    const notFound = translate('en', 'request.notFound');
    const operations = documentedOperations();
    assert.equal(operations.length, Object.values(document.paths).reduce((n, item) => n + Object.keys(item).length, 0));
    for (const { method, path } of operations) {
      if (method === 'get' && path.endsWith('/events')) {
        // An event stream never ends: a routed one answers 200 with its type at once.
        const streamed = await fetchHeaders(app, path);
        assert.match(streamed, /^200 text\/event-stream/, `${method.toUpperCase()} ${path} is documented but not routed`);
        continue;
      }
      const res = await supertest(app)[method](path);
      assert.ok(!(res.status === 404 && res.body?.detail === notFound), `${method.toUpperCase()} ${path} is documented but not routed`);
    }
  });

  it('says how to authenticate on every 401, as documented: a moderator path, an edit without its token, a wrong password', async () => {
    const document = (await servedDocument()) as Document & { components: { headers: Record<string, { schema: { const: string } }> } };
    const challenge = document.components.headers.WwwAuthenticate?.schema.const;
    assert.equal(challenge, 'Bearer realm="majlis"');
    const posted = await postComment(ctx, 'challenge');
    const refused = [
      await ctx.request.get('/api/v1/moderation/comments'),
      await ctx.request.get(`/api/v1/comments/${posted.comment.id}`),
      await ctx.request.post('/api/v1/auth/login').send({ email: 'nobody@newsroom.example', password: 'x' }),
    ];
    for (const res of refused) {
      assert.equal(res.status, 401);
      assert.equal(res.get('www-authenticate'), challenge);
    }
    assert.ok(document.paths['/api/v1/auth/login']?.post?.responses['401']?.headers?.['WWW-Authenticate'], 'documented with the 401');
  });

  it('has a server, public operations without security, moderator operations behind the bearer scheme', async () => {
    const document = await servedDocument();
    assert.equal(document.servers[0]?.url, '/');
    const paths = document.paths;
    assert.deepEqual(paths['/api/v1/threads/{threadKey}/comments']?.get?.security, []);
    assert.deepEqual(paths['/api/v1/moderation/comments/{id}/decision']?.post?.security, [{ moderatorSession: [] }]);
    assert.deepEqual(paths['/api/v1/comments/{id}']?.patch?.security, [{ editToken: [] }]);
    for (const [template, item] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const moderated = template.startsWith('/api/v1/moderation/') || template === '/api/v1/auth/me' || template === '/api/v1/auth/logout';
        if (moderated) assert.deepEqual(operation.security, [{ moderatorSession: [] }], `${method} ${template}`);
        if (moderated) assert.ok(operation.responses['401'], `${method} ${template} documents 401`);
        if (operation.responses['429']) assert.ok(operation.responses['429'].headers?.['Retry-After'], `${method} ${template}: 429 says when to retry`);
      }
    }
  });

  it('documents ETag on thread reads and internationalised addresses as idn-email', async () => {
    const { paths } = await servedDocument();
    const read = paths['/api/v1/threads/{threadKey}/comments']?.get;
    assert.ok(read?.responses['200']?.headers?.ETag);
    assert.ok(read?.responses['304']?.headers?.ETag);
    const post = paths['/api/v1/threads/{threadKey}/comments']?.post as unknown as {
      requestBody: { content: Record<string, { schema: { properties: { authorEmail: { format: string } } } }> };
    };
    assert.equal(post.requestBody.content['application/json']?.schema.properties.authorEmail.format, 'idn-email');
  });
});

describe('GET /api/docs', () => {
  it('serves the reference page and Swagger UI from node_modules, nothing else from that folder', async () => {
    const page = await ctx.request.get('/api/docs');
    assert.equal(page.status, 200);
    assert.match(page.text, /<script src="\/assets\/api-docs\/init\.js"><\/script>/);
    const bundle = await ctx.request.get('/assets/api-docs/swagger-ui-bundle.js');
    assert.equal(bundle.status, 200);
    assert.match(bundle.get('content-type') ?? '', /javascript/);
    assert.ok(bundle.get('last-modified'));
    assert.equal((await ctx.request.get('/assets/api-docs/package.json')).status, 404);
    assert.equal((await ctx.request.get('/assets/api-docs/..%2Fpackage.json')).status, 404);
  });
});
