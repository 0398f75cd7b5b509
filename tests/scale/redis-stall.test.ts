// Redis that stops answering without closing its connection (a long script, a frozen host, packets dropped): the
// instance's commands fail at once after the first one times out, so reads and posts go on at their own speed, and
// once Redis answers again its cache serves pages and sees every change made meanwhile. A proxy between this instance
// and Redis stops passing bytes, so the Redis other tests share never stalls.
import assert from 'node:assert/strict';
import { createServer, connect, type Socket, type AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDb } from '../../src/db/client.js';
import { commentBody, createScratchRedis, createSqliteDatabase, postJson, redisUnavailable, seedPolicy, startInstance, type Instance } from './support.js';

const skip = await redisUnavailable();

/** A TCP proxy to Redis whose connections can be frozen: while frozen it passes no byte either way. */
async function freezableProxy(target: URL) {
  const pairs: Array<[Socket, Socket]> = [];
  let frozen = false;
  const server = createServer((client) => {
    const upstream = connect(Number(target.port || 6379), target.hostname);
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    pairs.push([client, upstream]);
    if (frozen) for (const socket of [client, upstream]) socket.pause();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const each = (act: (socket: Socket) => void) => pairs.forEach((pair) => pair.forEach(act));
  return {
    url: `redis://127.0.0.1:${(server.address() as AddressInfo).port}`,
    freeze() {
      frozen = true;
      each((socket) => socket.pause());
    },
    thaw() {
      frozen = false;
      each((socket) => socket.resume());
    },
    /** Drops every connection, frozen or not, and passes bytes on the next ones: a failover, or a proxy giving up on a silent server. */
    cut() {
      frozen = false;
      each((socket) => socket.destroy());
      pairs.length = 0;
    },
    close() {
      each((socket) => socket.destroy());
      server.close();
    },
  };
}

/** A read's status, how many comments it shows and how long it took. */
async function read(instance: Instance, thread: string): Promise<{ status: number; comments: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${instance.url}/api/v1/threads/${thread}/comments`);
  const body = (await response.json()) as { comments?: unknown[] };
  return { status: response.status, comments: body.comments?.length ?? -1, ms: performance.now() - started };
}

describe('Redis that stops answering', { skip: skip ?? false }, () => {
  it('costs one command timeout, not one per request; once it answers, the cache sees every change made meanwhile', async () => {
    const database = await createSqliteDatabase();
    const redis = await createScratchRedis();
    const proxy = await freezableProxy(new URL(redis.url));
    const { db } = createDb(database.url);
    let launched: Instance | undefined;
    try {
      await seedPolicy(db, { premoderation: 'none', floodIntervalSeconds: 0 });
      const instance = (launched = await startInstance({ DATABASE_URL: database.url, REDIS_URL: proxy.url, REDIS_PREFIX: redis.prefix }));
      const thread = 'redis-stall';
      const post = (n: number) => postJson(`${instance.url}/api/v1/threads/${thread}/comments`, commentBody(n));
      assert.equal((await post(1)).status, 201);
      assert.equal((await read(instance, thread)).comments, 1);

      proxy.freeze();
      // The first command waits out its timeout (a second); the ones after it fail at once.
      const first = await read(instance, thread);
      assert.deepEqual([first.status, first.comments], [200, 1]);
      const during = [];
      for (let i = 0; i < 5; i += 1) during.push(await read(instance, thread));
      assert.ok(during.every((r) => r.status === 200 && r.comments === 1), JSON.stringify(during));
      assert.ok(during.every((r) => r.ms < 500), `reads after the first: ${during.map((r) => Math.round(r.ms)).join(', ')} ms`);
      // A post while Redis is silent: stored and answered as quickly (its rate limit fails open), shown at once.
      const started = performance.now();
      assert.equal((await post(2)).status, 201);
      assert.ok(performance.now() - started < 500, `the post took ${Math.round(performance.now() - started)} ms`);
      assert.equal((await read(instance, thread)).comments, 2);

      proxy.thaw();
      const answersAgain = 'Redis answers again';
      for (let i = 0; i < 100 && !instance.lines.some((line) => line.includes(answersAgain)); i += 1) await sleep(50);
      assert.ok(instance.lines.some((line) => line.includes('Redis is not answering')));
      assert.ok(instance.lines.some((line) => line.includes(answersAgain)));
      // Cached again, and no page older than the post made while Redis was silent, nor than one made now.
      assert.equal((await read(instance, thread)).comments, 2);
      assert.equal((await read(instance, thread)).comments, 2);
      assert.equal((await post(3)).status, 201);
      assert.equal((await read(instance, thread)).comments, 3);

      // Silent again, later: noticed again, and answered again once it thaws.
      proxy.freeze();
      await read(instance, thread);
      proxy.thaw();
      const answered = () => instance.lines.filter((line) => line.includes(answersAgain)).length;
      for (let i = 0; i < 100 && answered() < 2; i += 1) await sleep(50);
      assert.equal(answered(), 2, 'a second stall ends as the first did');
      assert.equal((await read(instance, thread)).comments, 3);
    } finally {
      await launched?.stop('SIGKILL');
      proxy.close();
      await db.$disconnect();
      await redis.drop();
      await database.drop();
    }
  });

  it('is ready again as soon as a new connection answers, when the silent one is dropped rather than thawed', async () => {
    const database = await createSqliteDatabase();
    const redis = await createScratchRedis();
    const proxy = await freezableProxy(new URL(redis.url));
    let launched: Instance | undefined;
    try {
      const instance = (launched = await startInstance({ DATABASE_URL: database.url, REDIS_URL: proxy.url, REDIS_PREFIX: redis.prefix }));
      const ready = async () => (await fetch(`${instance.url}/readyz`)).status;
      assert.equal(await ready(), 200);
      proxy.freeze();
      await read(instance, 'redis-cut');
      assert.equal(await ready(), 503);
      proxy.cut();
      let status = 503;
      for (let i = 0; i < 100 && status !== 200; i += 1) {
        await sleep(50);
        status = await ready();
      }
      assert.equal(status, 200, 'ready within five seconds of the new connection');
      assert.ok(instance.lines.some((line) => line.includes('Redis answers again')));
    } finally {
      await launched?.stop('SIGKILL');
      proxy.close();
      await redis.drop();
      await database.drop();
    }
  });
});
