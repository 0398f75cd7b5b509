// PostgreSQL that cannot be reached (a restart, a failover, a network cut): readers and writers are told to come back
// in a few seconds (503, Retry-After), not that something broke (500); nothing half-done is stored; and once the
// server answers again, so does the service, without a restart. A proxy between the app and the server stands in
// for the network, so the server other tests share never goes down.
import assert from 'node:assert/strict';
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';
import { describe, it } from 'node:test';
import supertest from 'supertest';
import { createDb } from '../../src/db/client.js';
import { commentInput } from '../factories.js';
import { createTestContext } from '../setup/app.js';

/** A TCP proxy that can go down (every connection dropped, new ones refused) and come back on the same port. */
async function droppableProxy(target: URL) {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => sockets.add(socket).size && socket.on('close', () => sockets.delete(socket));
  const open = () =>
    createServer((client) => {
      const upstream = connect(Number(target.port || 5432), target.hostname);
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
      track(client);
      track(upstream);
    });
  let server: Server = open();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    async down() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    async up() {
      server = open();
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
  };
}

describe('PostgreSQL that cannot be reached', { skip: process.env.TEST_DATABASE_URL ? false : 'PostgreSQL only: a SQLite file cannot be unreachable (its full disk: tests/integrations/disk-full.test.ts)' }, () => {
  it('answers reads and posts 503 with a time to come back, stores nothing, and serves again once the server answers', async () => {
    const ctx = await createTestContext();
    const proxy = await droppableProxy(new URL(ctx.config.DATABASE_URL));
    const proxied = new URL(ctx.config.DATABASE_URL);
    proxied.host = `127.0.0.1:${proxy.port}`;
    const { db } = createDb(proxied.toString());
    const request = supertest(ctx.appWith({ db }));
    try {
      assert.equal((await request.post('/api/v1/threads/outage/comments').send(commentInput({ body: 'Posted before the outage.' }))).status, 201);
      await proxy.down();

      ctx.clock.advance(60);
      const post = await request.post('/api/v1/threads/outage/comments?lang=ar').send(commentInput({ body: 'Posted during the outage.' }));
      assert.deepEqual([post.status, post.body.code, post.get('Retry-After')], [503, 'unavailable', '5'], post.text);
      assert.match(post.body.detail, /نصّك لم يضع/, 'the writer is told their text is not lost');
      // A thread never read before: no cache holds it, the database must answer.
      const read = await request.get('/api/v1/threads/never-read/comments');
      assert.deepEqual([read.status, read.body.code], [503, 'unavailable'], read.text);
      const counts = await request.get('/api/v1/counts?threads=never-read-either');
      assert.equal(counts.status, 503, counts.text);

      await proxy.up();
      ctx.clock.advance(60);
      const again = await request.post('/api/v1/threads/outage/comments').send(commentInput({ body: 'Posted after the outage.' }));
      assert.equal(again.status, 201, again.text);
      assert.equal((await request.get('/api/v1/threads/never-read/comments')).status, 200);
      const bodies = (await ctx.db.comment.findMany({ where: { thread: { key: 'outage' } }, orderBy: { id: 'asc' } })).map((comment) => comment.body);
      assert.deepEqual(bodies, ['Posted before the outage.', 'Posted after the outage.']);
    } finally {
      await db.$disconnect();
      await proxy.down();
      await ctx.close({ allowErrorLogs: true });
    }
  });
});
