// The access log has a line for every request, including one whose client hung up before its answer: nginx's 499.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { GatedThreadCache } from '../setup/gated-thread-cache.js';
import { startApp } from '../setup/live-app.js';

describe('the access log', () => {
  it('logs a request whose client hung up, as 499, beside answered ones', async () => {
    const lines: Array<{ msg: string; path?: string; status?: number; requestId?: string }> = [];
    const logger = pino({ level: 'info' }, new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(JSON.parse(chunk.toString())), done()) }));
    const threadCache = new GatedThreadCache();
    const app = await startApp({}, { threadCache, logger });
    try {
      // The reader's connection drops (a reset, as when a network goes away) while the server is still reading the page.
      // A client that ends its side politely keeps it half open: its answer is still sent, and logged as sent.
      const socket = connect(Number(new URL(app.origin).port), '127.0.0.1');
      await once(socket, 'connect');
      socket.write('GET /api/v1/threads/a-story/comments HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-Id: gone-before-answer\r\n\r\n');
      await threadCache.entered;
      socket.resetAndDestroy();
      for (let waited = 0; !lines.some((line) => line.requestId === 'gone-before-answer') && waited < 2_000; waited += 10) await sleep(10);
      threadCache.open();
      assert.equal((await fetch(`${app.origin}/api/v1/threads/a-story/comments`, { headers: { 'x-request-id': 'answered' } })).status, 200);
    } finally {
      await app.close();
    }
    const access = (requestId: string) => lines.find((line) => line.msg === 'request' && line.requestId === requestId);
    assert.equal(access('gone-before-answer')?.status, 499);
    assert.equal(access('gone-before-answer')?.path, '/api/v1/threads/a-story/comments');
    assert.equal(access('answered')?.status, 200);
  });
});
