// Operations on a real process: SIGTERM finishes what is in flight, refuses new connections, exits 0; logs are JSON with request ids.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDb } from '../../src/db/client.js';
import { commentBody, createSqliteDatabase, parseLine, seedPolicy, startInstance, type Instance } from './support.js';

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
    try {
      await seedPolicy(db, { premoderation: 'none', floodIntervalSeconds: 0 });
      const instance = await startInstance({ DATABASE_URL: database.url });
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
      await db.$disconnect();
      await database.drop();
    }
  });
});
