import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { syncBuiltinESMExports } from 'node:module';
import zlib from 'node:zlib';
import express from 'express';
import { after, before, describe, it } from 'node:test';
import { compressResponses } from '../../src/http/compression.js';
import { approvedComment, signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';
import { closeAll } from '../setup/close-all.js';

interface Raw {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A request whose bytes arrive exactly as sent on the wire (supertest would decode them). */
function raw(server: Server, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

function decode(res: Raw): Buffer {
  switch (res.headers['content-encoding']) {
    case 'br':
      return zlib.brotliDecompressSync(res.body);
    case 'gzip':
      return zlib.gunzipSync(res.body);
    case undefined:
      return res.body;
    default:
      throw new Error(`unexpected coding ${res.headers['content-encoding']}`);
  }
}

function listen(app: RequestListener): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer(app).listen(0, '127.0.0.1', () => resolve(server));
  });
}

const COMPRESSORS = ['brotliCompress', 'brotliCompressSync', 'gzip', 'gzipSync', 'deflate', 'deflateSync', 'deflateRaw', 'deflateRawSync'] as const;

/** Counts every call into zlib's compressors, as the app's modules see them (named imports included). */
function countCompressions(): { readonly calls: number; restore(): void } {
  const target = zlib as unknown as Record<string, (...args: unknown[]) => unknown>;
  const originals = new Map(COMPRESSORS.map((name) => [name, target[name]] as const));
  let calls = 0;
  for (const [name, original] of originals) {
    target[name] = (...args: unknown[]) => {
      calls += 1;
      return original?.(...args);
    };
  }
  syncBuiltinESMExports();
  return {
    get calls() {
      return calls;
    },
    restore() {
      for (const [name, original] of originals) if (original) target[name] = original;
      syncBuiltinESMExports();
    },
  };
}

let ctx: TestContext;
let server: Server;
let auth: string;
before(async () => {
  ctx = await createTestContext({ ALLOWED_ORIGINS: 'https://news.example' });
  server = await listen(ctx.app);
  for (let i = 0; i < 12; i += 1) await approvedComment(ctx, 'big-thread', { body: `A long and considered comment number ${i} about the budget, the schools and the roads of the city.` });
  auth = (await signIn(ctx, 'admin')).auth;
});
after(() =>
  closeAll(ctx, {
    close: async () => {
      server?.closeAllConnections();
      await new Promise((resolve) => server?.close(resolve));
    },
  }),
);

describe('compressed responses', () => {
  const paths: Array<[string, RegExp, Record<string, string>?]> = [
    ['/api/v1/threads/big-thread/comments', /^application\/json/],
    ['/api/v1/moderation/comments?status=approved', /^application\/json/],
    ['/api/v1/openapi.json', /^application\/json/],
    ['/', /^text\/html/],
    ['/demo', /^text\/html/],
    ['/threads/big-thread', /^text\/html/],
    ['/admin', /^text\/html/],
    ['/embed.js', /^application\/javascript/],
    ['/admin/app.js', /^application\/javascript/],
    ['/admin/admin.css', /^text\/css/],
    ['/assets/majlis-page.css', /^text\/css/],
  ];

  it('arrive in brotli or gzip as asked, with Vary: Accept-Encoding, and plain when not asked', async () => {
    for (const [path, type] of paths) {
      const headers: Record<string, string> = path.startsWith('/api/v1/moderation') ? { authorization: auth } : {};
      const plain = await raw(server, path, headers);
      assert.equal(plain.status, 200, path);
      assert.match(plain.headers['content-type'] ?? '', type, path);
      assert.equal(plain.headers['content-encoding'], undefined, `${path} is plain without Accept-Encoding`);
      assert.ok(plain.body.length >= 600, `${path} is big enough to compress (${plain.body.length} bytes)`);
      for (const [accept, coding] of [['gzip, deflate, br, zstd', 'br'], ['gzip', 'gzip'], ['br;q=0.1, gzip;q=0.9', 'gzip'], ['identity', undefined]] as const) {
        const res = await raw(server, path, { ...headers, 'accept-encoding': accept });
        assert.equal(res.headers['content-encoding'], coding, `${path} with ${accept}`);
        assert.match(String(res.headers.vary), /Accept-Encoding/, `${path} varies by encoding`);
        assert.equal(Number(res.headers['content-length'] ?? res.body.length), res.body.length);
        assert.ok(decode(res).equals(plain.body), `${path} decodes to the same bytes`);
        if (coding) assert.ok(res.body.length < plain.body.length * 0.7, `${path} ${coding}: ${res.body.length} of ${plain.body.length}`);
      }
    }
  });

  it('keep Vary: Origin for CORS beside Accept-Encoding', async () => {
    const res = await raw(server, '/api/v1/threads/big-thread/comments', { origin: 'https://news.example', 'accept-encoding': 'br' });
    assert.equal(res.headers['access-control-allow-origin'], 'https://news.example');
    assert.deepEqual(String(res.headers.vary).split(/,\s*/).sort(), ['Accept-Encoding', 'Origin']);
  });

  it('leave small bodies plain', async () => {
    const res = await raw(server, '/api/v1/counts?threads=big-thread', { 'accept-encoding': 'br' });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-encoding'], undefined);
    assert.match(String(res.headers.vary), /Accept-Encoding/);
    const problem = await raw(server, '/api/v1/threads/bad%20key/comments', { 'accept-encoding': 'br' });
    assert.equal(problem.status, 400);
    assert.equal(problem.headers['content-encoding'], undefined);
    assert.match(problem.headers['content-type'] ?? '', /^application\/problem\+json/);
  });
});

describe('a cached thread page', () => {
  it('is compressed once when it is rendered, and a hit in any coding compresses nothing', async () => {
    await approvedComment(ctx, 'big-thread', { body: 'One more comment, so the page is rendered again.' });
    const counter = countCompressions();
    try {
      const miss = await raw(server, '/api/v1/threads/big-thread/comments', { 'accept-encoding': 'br' });
      assert.equal(miss.headers['content-encoding'], 'br');
      assert.equal(counter.calls, 2, 'the miss makes the brotli and the gzip forms, once');
      const byCoding = new Map<string, Raw>();
      for (let i = 0; i < 20; i += 1) {
        for (const accept of ['br', 'gzip', 'identity', 'gzip, deflate, br']) {
          const hit = await raw(server, '/api/v1/threads/big-thread/comments', { 'accept-encoding': accept });
          assert.equal(hit.status, 200);
          byCoding.set(hit.headers['content-encoding'] ?? 'identity', hit);
        }
        assert.equal((await raw(server, '/api/v1/threads/big-thread/comments', { 'accept-encoding': 'gzip' }, 'HEAD')).body.length, 0);
      }
      assert.equal(counter.calls, 2, 'no compression on any of the 100 hits');
      const [br, gzip, identity] = ['br', 'gzip', 'identity'].map((coding) => byCoding.get(coding)) as Raw[];
      assert.ok(br && gzip && identity);
      assert.ok(decode(br).equals(identity.body) && decode(gzip).equals(identity.body));
      assert.ok(br.body.equals(miss.body), 'the same stored bytes every time');
      const etags = [br, gzip, identity].map((res) => String(res.headers.etag));
      assert.equal(new Set(etags).size, 3, `one ETag per representation: ${etags.join(' ')}`);
      assert.match(etags[0] ?? '', /^W\/".+-br"$/);
    } finally {
      counter.restore();
    }
  });

  it('answers 304 to the ETag of the representation the client holds, and 200 when it holds another', async () => {
    const br = await raw(server, '/api/v1/threads/big-thread/comments', { 'accept-encoding': 'br' });
    const identity = await raw(server, '/api/v1/threads/big-thread/comments');
    const again = await raw(server, '/api/v1/threads/big-thread/comments', { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    assert.equal(again.headers.etag, br.headers.etag);
    assert.match(String(again.headers.vary), /Accept-Encoding/);
    assert.equal((await raw(server, '/api/v1/threads/big-thread/comments', { 'if-none-match': String(identity.headers.etag) })).status, 304);
    const other = await raw(server, '/api/v1/threads/big-thread/comments', { 'accept-encoding': 'br', 'if-none-match': String(identity.headers.etag) });
    assert.equal(other.status, 200);
    assert.equal(other.headers['content-encoding'], 'br');
    // supertest asks for gzip: the existing clients keep working.
    const viaSupertest = await ctx.request.get('/api/v1/threads/big-thread/comments');
    assert.equal(viaSupertest.get('content-encoding'), 'gzip');
    assert.equal(viaSupertest.body.thread.commentCount, 13);
  });
});

describe('bundles and stylesheets', () => {
  it('are served from bytes compressed once, with a 304 per representation', async () => {
    for (const path of ['/embed.js', '/admin/app.js', '/admin', '/admin/admin.css', '/assets/majlis-page.css']) await raw(server, path, { 'accept-encoding': 'br' });
    const counter = countCompressions();
    try {
      for (const path of ['/embed.js', '/admin/app.js', '/admin', '/admin/admin.css', '/assets/majlis-page.css']) {
        for (const accept of ['br', 'gzip']) {
          const res = await raw(server, path, { 'accept-encoding': accept });
          assert.equal(res.headers['content-encoding'], accept, path);
          assert.match(String(res.headers.etag), new RegExp(`-${accept}"$`));
          const revalidated = await raw(server, path, { 'accept-encoding': accept, 'if-none-match': String(res.headers.etag) });
          assert.equal(revalidated.status, 304, path);
        }
      }
      assert.equal(counter.calls, 0);
    } finally {
      counter.restore();
    }
  });
});

describe('compressResponses', () => {
  let small: Server;
  before(async () => {
    const app = express();
    app.use(compressResponses);
    const text = 'data: a server-sent event that is long enough to compress. '.repeat(40);
    app.get('/events-sent', (_req, res) => void res.type('text/event-stream').send(text));
    app.get('/events-streamed', (_req, res) => {
      res.type('text/event-stream');
      res.write(text);
      res.end(text);
    });
    app.get('/coded', (_req, res) => void res.set('Content-Encoding', 'gzip').type('application/json').send(zlib.gzipSync(text)));
    app.get('/no-transform', (_req, res) => void res.set('Cache-Control', 'no-transform').json({ text }));
    app.get('/png', (_req, res) => void res.type('image/png').send(Buffer.alloc(4096)));
    app.get('/etag', (_req, res) => void res.set('ETag', '"v1"').json({ text }));
    app.get('/html', (_req, res) => void res.send(`<p>${text}</p>`));
    app.get('/empty', (_req, res) => void res.status(204).send(text));
    small = await listen(app);
  });
  after(async () => {
    small.closeAllConnections();
    await new Promise((resolve) => small.close(resolve));
  });

  it('leaves event streams, coded bodies, no-transform, images and 204 alone', async () => {
    for (const path of ['/events-sent', '/events-streamed', '/no-transform', '/png', '/empty']) {
      const res = await raw(small, path, { 'accept-encoding': 'br, gzip' });
      assert.equal(res.headers['content-encoding'], undefined, path);
    }
    const coded = await raw(small, '/coded', { 'accept-encoding': 'br' });
    assert.equal(coded.headers['content-encoding'], 'gzip', 'already gzip: not compressed again');
    assert.ok(zlib.gunzipSync(coded.body).toString().startsWith('data:'));
  });

  it('compresses an untyped string as HTML with its charset, gives an ETag per coding, and answers HEAD without a body', async () => {
    const html = await raw(small, '/html', { 'accept-encoding': 'gzip' });
    assert.equal(html.headers['content-type'], 'text/html; charset=utf-8');
    assert.equal(html.headers['content-encoding'], 'gzip');
    const tagged = await raw(small, '/etag', { 'accept-encoding': 'br' });
    assert.equal(tagged.headers.etag, '"v1-br"');
    assert.equal(JSON.parse(decode(tagged).toString()).text.length, 59 * 40);
    const head = await raw(small, '/etag', { 'accept-encoding': 'br' }, 'HEAD');
    assert.equal(head.body.length, 0);
    assert.equal(head.headers['content-length'], tagged.headers['content-length']);
  });
});
