// Counts are cached like thread pages: the same bytes and ETag until a change to one of the threads,
// which drops them through the one invalidation function, on whichever path the change came.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { createApp } from '../../src/app.js';
import { threadPagesChanged } from '../../src/threads/thread-updates.service.js';
import { approvedComment, postComment, signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
let auth: string;
before(async () => {
  ctx = await createTestContext();
  auth = (await signIn(ctx)).auth;
});
after(async () => ctx.close());

const counts = (threads: string, headers: Record<string, string> = {}) => ctx.request.get('/api/v1/counts').query({ threads }).set(headers);

describe('GET /api/v1/counts, cached', () => {
  it('answers the longest list the API allows over its own server: 100 keys of 200 characters, every ":" escaped', async () => {
    const app = createApp({ config: ctx.config, db: ctx.db, logger: pino({ level: 'silent' }), clock: ctx.clock, threadCache: ctx.threadCache });
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const keys = Array.from({ length: 100 }, (_, i) => `${String(i).padStart(2, '0')}${':'.repeat(198)}`);
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/counts?threads=${keys.map(encodeURIComponent).join(',')}`;
      assert.ok(url.length > 59_000, `a request line of ${url.length} characters`);
      const res = await fetch(url);
      assert.equal(res.status, 200);
      assert.equal(Object.keys(((await res.json()) as { counts: object }).counts).length, 100);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('answers with an ETag, and 304 to a client that has those counts', async () => {
    await approvedComment(ctx, 'etag-a');
    const first = await counts('etag-a,etag-b');
    assert.equal(first.status, 200);
    assert.deepEqual(first.body, { counts: { 'etag-a': 1, 'etag-b': 0 } });
    assert.match(String(first.headers.etag), /^W\/"/);
    assert.match(String(first.headers['cache-control']), /public/);
    const again = await counts('etag-a,etag-b', { 'If-None-Match': String(first.headers.etag) });
    assert.equal(again.status, 304);
    assert.equal(again.headers.etag, first.headers.etag);
  });

  it('serves the cached counts until the thread changes, then the new ones', async () => {
    await approvedComment(ctx, 'cached-a');
    const before = await counts('cached-a');
    // A row written behind the service's back shows that the answer comes from the cache...
    await ctx.db.comment.updateMany({ where: { thread: { key: 'cached-a' } }, data: { deletedAt: ctx.clock.now() } });
    assert.deepEqual((await counts('cached-a')).body, { counts: { 'cached-a': 1 } });
    // ...until the one invalidation function says the thread changed.
    await threadPagesChanged(ctx, 'cached-a');
    const after = await counts('cached-a');
    assert.deepEqual(after.body, { counts: { 'cached-a': 0 } });
    assert.notEqual(after.headers.etag, before.headers.etag);
  });

  it("a moderator's approval and a first comment on a new thread show in the counts at once", async () => {
    const pending = await postComment(ctx, 'moderated-a');
    assert.deepEqual((await counts('moderated-a,moderated-new')).body, { counts: { 'moderated-a': 0, 'moderated-new': 0 } });
    const decision = await ctx.request
      .post(`/api/v1/moderation/comments/${pending.comment.id}/decision`)
      .set('Authorization', auth)
      .send({ action: 'approve', expectedStatus: 'pending' });
    assert.equal(decision.status, 200, decision.text);
    assert.deepEqual((await counts('moderated-a,moderated-new')).body, { counts: { 'moderated-a': 1, 'moderated-new': 0 } });
  });

  it('compresses a large answer once and sends the stored bytes', async () => {
    const keys = Array.from({ length: 100 }, (_, i) => `many-threads-with-a-long-key-${i}`).join(',');
    const plain = await counts(keys);
    const brotli = await counts(keys, { 'Accept-Encoding': 'br' });
    assert.equal(brotli.headers['content-encoding'], 'br');
    assert.deepEqual(brotli.body, plain.body);
    assert.notEqual(brotli.headers.etag, plain.headers.etag);
  });
});
