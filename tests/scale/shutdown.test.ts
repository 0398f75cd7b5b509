// Operations on a real process: SIGTERM finishes what is in flight, refuses new connections, exits 0; logs are JSON with request ids.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { insertArchive } from '../../bench/bulk-comments.js';
import { createDb } from '../../src/db/client.js';
import { createModerator } from '../../src/moderators/auth.service.js';
import { systemClock } from '../../src/shared/clock.js';
import { commentBody, createSqliteDatabase, parseLine, postJson, seedPolicy, startInstance, type Instance } from './support.js';

function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

async function waitForLine(instance: Instance, message: string): Promise<void> {
  for (let i = 0; i < 100 && !instance.lines.some((line) => line.includes(message)); i += 1) await sleep(20);
  assert.ok(instance.lines.some((line) => line.includes(message)), `log line "${message}"`);
}

describe('graceful shutdown and logs', () => {
  it('SIGTERM: a slowly-sent post completes with 201, new connections are refused, the process exits 0', async () => {
    const database = await createSqliteDatabase();
    const { db } = createDb(database.url);
    let launched: Instance | undefined;
    try {
      await seedPolicy(db, { premoderation: 'none', floodIntervalSeconds: 0 });
      const instance = (launched = await startInstance({ DATABASE_URL: database.url }));
      const body = Buffer.from(commentBody(1));
      const half = Math.floor(body.length / 2);
      let requestId = '';
      const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port: instance.port, method: 'POST', path: '/api/v1/threads/shutdown/comments', headers: { 'content-type': 'application/json', 'content-length': body.length } },
          (res) => {
            requestId = String(res.headers['x-request-id']);
            let text = '';
            res.on('data', (chunk: Buffer) => (text += chunk.toString()));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          },
        );
        req.on('error', reject);
        req.write(body.subarray(0, half));
        // The rest of the body arrives only after SIGTERM: the request is in flight throughout the shutdown.
        void (async () => {
          const [socket] = (await once(req, 'socket')) as [Socket];
          if (socket.connecting) await once(socket, 'connect');
          // One full round trip on another connection: by then the server has read this request's headers.
          assert.equal((await fetch(`${instance.url}/healthz`)).status, 200);
          instance.child.kill('SIGTERM');
          await waitForLine(instance, 'shutting down');
          assert.equal(await connectionRefused(instance.port), true, 'new connections are refused while draining');
          req.end(body.subarray(half));
        })().catch(reject);
      });

      const response = await answered;
      const t0 = Date.now();
      assert.equal(response.status, 201, response.text);
      assert.equal(await instance.exited, 0);
      // Well inside SHUTDOWN_GRACE_SECONDS: idle keep-alive sockets do not hold the exit back.
      assert.ok(Date.now() - t0 < 2000, `exited ${Date.now() - t0} ms after the last response`);
      assert.equal(await db.comment.count(), 1);

      // Every stdout line is one JSON object; the access line of the request carries its id.
      const parsed = instance.lines.filter((line) => line.trim() !== '').map((line) => parseLine(line));
      assert.ok(parsed.every((line) => line !== null && typeof line.level === 'number' && typeof line.msg === 'string'), instance.lines.join('\n'));
      const access = parsed.filter((line) => line?.msg === 'request' && line.method === 'POST');
      assert.equal(access.length, 1);
      assert.equal(access[0]?.requestId, requestId);
      assert.ok(parsed.some((line) => line?.msg === 'stopped'));
    } finally {
      // A failed assertion leaves the process running otherwise.
      await launched?.stop('SIGKILL');
      await db.$disconnect();
      await database.drop();
    }
  });

  it('SIGTERM while a handler runs whose client hung up: the database stays until it has answered, nothing fails, the process exits 0', async () => {
    const database = await createSqliteDatabase();
    const { db } = createDb(database.url);
    let launched: Instance | undefined;
    try {
      // A 30-day policy preview of 10,000 comments takes the server most of a second (a turn every 5 ms of it): it runs
      // on after its admin's connection has gone.
      await insertArchive(db, false, { tag: 'gone', threads: 50, authors: 100, comments: 10_000 });
      // Written an hour before the instance's clock, whatever day it is, so the preview's window holds them all.
      await db.comment.updateMany({ data: { createdAt: new Date(Date.now() - 3_600_000) } });
      const admin = { email: 'admin@example.org', password: 'a-long-admin-password' };
      await createModerator({ db, clock: systemClock }, { ...admin, role: 'admin' });
      const instance = (launched = await startInstance({ DATABASE_URL: database.url }));
      const login = await postJson(`${instance.url}/api/v1/auth/login`, JSON.stringify(admin));
      const body = JSON.stringify({ policy: { premoderation: 'all' }, days: 30 });
      const preview = () =>
        fetch(`${instance.url}/api/v1/moderation/settings/preview`, {
          method: 'POST',
          headers: { authorization: `Bearer ${String(login.json.token)}`, 'content-type': 'application/json' },
          body,
        }).then(async (res) => `answered ${res.status}, ${(await res.json()).compared} compared`);
      // How long the preview takes this process on this machine, answered (the second time: the first also warms it up).
      assert.equal(await preview(), 'answered 200, 10000 compared');
      const startedAt = performance.now();
      assert.equal(await preview(), 'answered 200, 10000 compared');
      const previewMs = performance.now() - startedAt;
      // The admin's connection drops (a reset, as when a network goes away): the server's side closes at once, though
      // the preview runs on. A client that ends its side politely keeps the connection half open until the answer.
      const socket = connect(instance.port, '127.0.0.1');
      await once(socket, 'connect');
      socket.write(
        `POST /api/v1/moderation/settings/preview HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${String(login.json.token)}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      await sleep(100);
      socket.resetAndDestroy();
      instance.child.kill('SIGTERM');
      assert.equal(await instance.exited, 0);
      const parsed = instance.lines.filter((line) => line.trim() !== '').map((line) => parseLine(line));
      // It stopped (closed the database, exited) as soon as the last connection had gone, in the middle of the preview; it
      // now stops once the preview is over (checked: without the wait it stopped 4 ms after SIGTERM, with it 569 ms).
      const at = (message: string) => Number(parsed.find((line) => line?.msg === message)?.time);
      const stoppingMs = at('stopped') - at('shutting down: finishing in-flight requests');
      assert.ok(stoppingMs > (previewMs - 100) / 3, `stopped ${stoppingMs} ms after SIGTERM; the preview takes ${Math.round(previewMs)} ms`);
      assert.deepEqual(parsed.filter((line) => typeof line?.level === 'number' && line.level >= 50), []);
      // The access log has the preview whose client went, with nginx's status for it.
      const previews = parsed.filter((line) => line?.msg === 'request' && line.path === '/api/v1/moderation/settings/preview');
      assert.deepEqual(previews.map((line) => line?.status), [200, 200, 499]);
    } finally {
      // A failed assertion leaves the process running otherwise.
      await launched?.stop('SIGKILL');
      await db.$disconnect();
      await database.drop();
    }
  });
});
