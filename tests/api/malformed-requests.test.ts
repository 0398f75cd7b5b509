// Requests Express's own layers refuse before any route runs: a path parameter that cannot be percent-decoded, a body
// whose Content-Encoding does not match its bytes. Each is the client's mistake: 400, never a 5xx, and nothing logged
// (the router's message repeats the parameter, which may be an address).
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import type supertest from 'supertest';
import { approvedComment, commentInput, signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** superagent's serializer is typed to return a string; its Node client sends a Buffer as it is. */
const bytesAsSent = (bytes: Buffer) => bytes as unknown as string;

describe('malformed requests', () => {
  it('a path parameter that cannot be decoded is 400 problem+json on every route that takes one, in the reader\'s language', async () => {
    const document = (await ctx.request.get('/api/v1/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      path.includes('{') ? METHODS.filter((method) => method in operations).map((method) => ({ method, path })) : [],
    );
    assert.ok(routes.length >= 20, `routes with a parameter: ${routes.length}`);
    for (const { method, path } of routes) {
      // `%` alone, an escape that is not hex, and a lone surrogate's bytes; an address before it, as a moderator's author route takes one.
      for (const bad of ['%', 'leak@example.org%zz', '%ED%A0%80']) {
        const target = `/api/v1${path.replace(/\{[^}]+\}/g, bad)}`.replace('/api/v1/api/v1', '/api/v1');
        const res = await ctx.request[method](target).set('Accept-Language', 'ar').set('Content-Type', 'application/json').send('{}');
        assert.equal(res.status, 400, `${method.toUpperCase()} ${target}: ${res.status} ${res.text.slice(0, 120)}`);
        assert.match(res.get('content-type') ?? '', /^application\/problem\+json/, `${method} ${target}`);
        assert.equal(res.body.code, 'malformed_request');
        assert.match(res.body.detail, /[\u0600-\u06FF]/, 'Arabic, as asked');
        assert.match(res.body.detail, /العنوان/, 'about the address, not the body');
      }
    }
    assert.deepEqual(ctx.errorLogs, [], 'nothing logged: the client\'s mistake, and its path may hold an address');
  });

  it('pages and avatars with such a parameter are 400 too', async () => {
    for (const target of ['/threads/%', '/threads/%/fragment', '/avatars/%.svg']) {
      const res = await ctx.request.get(target);
      assert.equal(res.status, 400, `${target}: ${res.status}`);
    }
    assert.deepEqual(ctx.errorLogs, []);
  });

  it('JSON in a charset other than UTF-8 is 415; a form in an older page\'s encoding is still read', async () => {
    const url = '/api/v1/threads/charsets/comments';
    for (const charset of ['utf-16', 'UTF-16LE', 'utf-32']) {
      const wide = await ctx.request.post(url).set('Content-Type', `application/json; charset=${charset}`).send('{}');
      assert.equal(wide.status, 415, `JSON in ${charset}: ${wide.status}`);
      assert.equal(wide.body.code, 'unsupported_media_type');
    }
    // Bytes that are not UTF-8 inside a body that says it is: refused, not stored with U+FFFD in their place.
    const bytes = Buffer.concat([Buffer.from('{"body":"caf'), Buffer.from([0xe9]), Buffer.from('","authorName":"Latin-1","authorEmail":"l1@example.org"}')]);
    const garbled = await ctx.request.post(url).set('Content-Type', 'application/json').serialize((raw: Buffer) => raw as unknown as string).send(bytes); // superagent writes a Buffer as it is
    assert.equal(garbled.status, 415);
    assert.equal(await ctx.db.comment.count({ where: { authorName: 'Latin-1' } }), 0);
    // Said of any request, not only a comment: a reaction or a flag in another type gets the same answer.
    const reaction = await ctx.request.post('/api/v1/comments/1/reactions').set('Content-Type', 'text/plain').send('x');
    assert.equal(reaction.status, 415);
    assert.equal(reaction.body.detail, 'Send the request as application/json or application/x-www-form-urlencoded (UTF-8).');
    assert.equal((await ctx.request.post(url).set('Content-Type', 'application/json; charset="UTF-8"').send('{}')).status, 422);
    const latin1Form = await ctx.request
      .post(url)
      .set('Content-Type', 'application/x-www-form-urlencoded; charset=ISO-8859-1')
      .set('Accept', 'application/json')
      .send('body=Caf%E9+au+lait&authorName=Jos%E9&authorEmail=jose%40example.org');
    assert.ok([201, 303].includes(latin1Form.status), `${latin1Form.status}`);
    const stored = await ctx.db.comment.findFirstOrThrow({ where: { thread: { key: 'charsets' } } });
    assert.deepEqual([stored.body, stored.authorName], ['Café au lait', 'José']);
  });

  it('a body whose Content-Encoding does not match its bytes is 400 (JSON and form posts), and a matching one is read', async () => {
    const url = '/api/v1/threads/encoded-bodies/comments';
    for (const coding of ['gzip', 'deflate']) {
      const json = await ctx.request.post(url).set('Content-Type', 'application/json').set('Content-Encoding', coding).send('{"body":"x"}');
      assert.equal(json.status, 400, `${coding}: ${json.status}`);
      assert.equal(json.body.code, 'malformed_request');
      const form = await ctx.request.post(url).type('form').set('Content-Encoding', coding).set('Accept', 'text/html').send('body=x&authorName=A&authorEmail=a%40example.org');
      assert.equal(form.status, 400, `form, ${coding}: ${form.status}`);
    }
    ctx.clock.advance(3600); // past the flood interval of this address's earlier posts
    const gzipped = gzipSync(JSON.stringify({ body: 'A gzipped comment', authorName: 'Gz', authorEmail: 'gz@example.org' }));
    // Sent as bytes: the agent would turn a Buffer into JSON of its own.
    const ok = await ctx.request.post(url).set('Content-Type', 'application/json').set('Content-Encoding', 'gzip').serialize(bytesAsSent).send(gzipped);
    assert.equal(ok.status, 201, ok.text);
    assert.equal(await ctx.db.comment.count({ where: { thread: { key: 'encoded-bodies' } } }), 1, 'only the readable post was stored');
    assert.deepEqual(ctx.errorLogs, []);
  });
});

describe('a method the path does not take', () => {
  it('is 405 with Allow naming the methods it takes (from the API document), in the reader\'s language, and changes nothing; an unknown path stays 404', async () => {
    const put = await ctx.request.put('/api/v1/threads/methods/comments?lang=ar').send({ body: 'PUT is not how comments are posted.' });
    assert.deepEqual([put.status, put.body.code, put.get('Allow')], [405, 'method_not_allowed', 'GET, POST, HEAD']);
    assert.equal(put.body.detail, 'هذا العنوان لا يقبل طلبات PUT.');
    const deleted = await ctx.request.delete('/api/v1/openapi.json');
    assert.deepEqual([deleted.status, deleted.get('Allow')], [405, 'GET, HEAD']);
    assert.equal(deleted.body.detail, 'This address does not take DELETE requests.');
    assert.equal((await ctx.request.post('/api/v1/comments/12/reactions/extra')).status, 404);
    assert.equal((await ctx.request.patch('/no-such-page')).status, 404);
    assert.equal(await ctx.db.comment.count({ where: { thread: { key: 'methods' } } }), 0);
  });
});

describe('text no database stores as sent', () => {
  // A lone surrogate (JSON spells it "\ud800") failed in the SQLite driver (500) or came back as U+FFFD; PostgreSQL refuses NUL.
  for (const [name, bad] of [['a lone surrogate', 'a\uD800b'], ['NUL', 'a\u0000b']] as const) {
    it(`${name} in any text field is a localised 422 naming the field (401 at sign-in), and changes nothing`, async () => {
      ctx.clock.advance(3600);
      const { auth } = await signIn(ctx, 'admin');
      const posted = await approvedComment(ctx, 'unstorable');
      const settings = (await ctx.request.get('/api/v1/moderation/settings').set('Authorization', auth)).body as Record<string, unknown>;
      const cases: Array<[string, () => supertest.Test, string]> = [
        ['sign-in email', () => ctx.request.post('/api/v1/auth/login').send({ email: `x${bad}@example.org`, password: 'any password at all' }), 'email'],
        ['website', () => ctx.request.post('/api/v1/threads/unstorable/comments').send(commentInput({ authorUrl: `https://reader.example/${bad}` })), 'authorUrl'],
        ['thread address', () => ctx.request.patch('/api/v1/moderation/threads/unstorable').set('Authorization', auth).send({ url: `https://news.example/${bad}` }), 'url'],
        ['new moderator', () => ctx.request.post('/api/v1/moderation/moderators').set('Authorization', auth).send({ email: `m${bad}@newsroom.example`, role: 'moderator', password: 'a long enough password' }), 'email'],
        ['suspect word', () => ctx.request.put('/api/v1/moderation/settings').set('Authorization', auth).send({ ...settings, suspectWords: ['fine', bad] }), 'suspectWords.1'],
        ['decision note', () => ctx.request.post(`/api/v1/moderation/comments/${posted.comment.id}/decision`).set('Authorization', auth).send({ action: 'reject', note: bad }), 'note'],
        ['report note', () => ctx.request.post(`/api/v1/comments/${posted.comment.id}/flags`).send({ reason: 'other', note: bad }), 'note'],
      ];
      const snapshot = async () => JSON.stringify(await Promise.all([ctx.db.comment.findMany(), ctx.db.thread.findMany(), ctx.db.moderator.count(), ctx.db.setting.findMany(), ctx.db.flag.count()]));
      const before = await snapshot();
      for (const [what, send, field] of cases) {
        const res = await send().set('Accept-Language', 'ar');
        assert.equal(res.status, what === 'sign-in email' ? 401 : 422, `${what}: ${res.status} ${res.text.slice(0, 200)}`);
        const error = (res.body.errors as Array<{ field: string; message: string }> | undefined)?.find((e) => e.field === field);
        assert.ok(error, `${what}: ${res.text.slice(0, 300)}`);
        assert.match(error.message, /[\u0600-\u06FF]/, `${what}: in Arabic, as asked`);
        assert.doesNotMatch(error.message, /500/, `${what}: not a length rule's message`);
      }
      assert.equal(await snapshot(), before, 'nothing changed');
      assert.deepEqual(ctx.errorLogs, []);
    });
  }
});

describe('deeply nested bodies', () => {
  it('30,000 nested arrays (60 KB, within the body limit) are the client\'s mistake on every route that reads a body, never a 5xx', async () => {
    const { auth } = await signIn(ctx, 'admin');
    const posted = await approvedComment(ctx, 'nested');
    const nested = `${'['.repeat(30_000)}"x"${']'.repeat(30_000)}`;
    const document = (await ctx.request.get('/api/v1/openapi.json')).body as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
    const routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      (['post', 'put', 'patch'] as const).filter((method) => operations[method]?.requestBody).map((method) => ({ method, path })),
    );
    assert.ok(routes.length >= 20, `routes with a body: ${routes.length}`);
    for (const { method, path } of routes) {
      const target = `/api/v1${path.replace(/\{[^}]+\}/g, (name) => (name === '{threadKey}' ? 'nested' : name === '{email}' ? 'reader%40example.org' : String(posted.comment.id)))}`.replace('/api/v1/api/v1', '/api/v1');
      for (const body of [nested, `{"body":${nested},"note":${nested},"ids":${nested}}`]) {
        const res = await ctx.request[method](target).set('Authorization', auth).set('Content-Type', 'application/json').send(body);
        assert.ok(res.status < 500, `${method.toUpperCase()} ${target}: ${res.status} ${res.text.slice(0, 160)}`);
      }
    }
    assert.deepEqual(ctx.errorLogs, []);
  });
});

describe('ids in paths', () => {
  it('an id written other than in decimal digits (0x1, 1e0, +1, 01, " 1") is refused on every route that takes one, not read as 1', async () => {
    ctx.clock.advance(3600);
    const { auth } = await signIn(ctx, 'admin');
    await approvedComment(ctx, 'ids-in-paths');
    const document = (await ctx.request.get('/api/v1/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      path.includes('{id}') ? METHODS.filter((method) => method in operations).map((method) => ({ method, path })) : [],
    );
    assert.ok(routes.length >= 10, `routes with an id: ${routes.length}`);
    for (const { method, path } of routes) {
      for (const id of ['0x1', '1e0', '%2B1', '01', '%201']) {
        const target = `/api/v1${path.replace('{id}', id).replace(/\{[^}]+\}/g, 'ids-in-paths')}`.replace('/api/v1/api/v1', '/api/v1');
        const res = await ctx.request[method](target).set('Authorization', auth).send({});
        assert.ok(res.status === 404 || res.status === 400, `${method.toUpperCase()} ${target}: ${res.status} ${res.text.slice(0, 120)}`);
      }
    }
    assert.equal((await ctx.db.reaction.count()) + (await ctx.db.flag.count()), 0, 'nothing was done to comment 1');
  });
});
