import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { MemoryLiveBus } from '../../src/live/live-bus.js';
import { LiveHub, type LiveClient } from '../../src/live/live-hub.js';
import type { PublicComment } from '../../src/threads/thread.schemas.js';

function client(address = '192.0.2.1'): LiveClient & { writes: string[]; ended: boolean; dropped: boolean; buffered: number } {
  return {
    address,
    writes: [],
    ended: false,
    dropped: false,
    buffered: 0,
    write(text: string) {
      this.writes.push(text);
      return true;
    },
    end() {
      this.ended = true;
    },
    drop() {
      this.dropped = true;
    },
  };
}

const comment = (id: number, body: string): PublicComment => ({
  id,
  parentId: null,
  authorName: 'Sara',
  authorUrl: null,
  avatar: '/avatars/x.svg',
  body,
  createdAt: '2026-11-26T10:00:00.000Z',
  edited: false,
  deleted: false,
  badges: [],
  reactions: 0,
  featured: false,
  replies: [],
});

/** A hub on `bus` with a coalescing window of 150 ms, room for 10 readers and a heartbeat that never comes in a test. */
const hubOn = (bus: MemoryLiveBus, options: { maxClients?: number; maxClientsPerAddress?: number; coalesceMs?: number } = {}) =>
  new LiveHub(bus, { maxClients: 10, maxClientsPerAddress: 10, coalesceMs: 150, heartbeatMs: 60_000, maxBufferedBytes: 1 << 20, ...options }, pino({ level: 'silent' }));

const settle = (ms: number) => new Promise((wake) => setTimeout(wake, ms));

describe('LiveHub', () => {
  it("still tells this process's readers when the bus fails (Redis down or stalled)", async () => {
    const failing = new MemoryLiveBus();
    failing.publish = () => Promise.reject(new Error('Redis is not answering'));
    const hub = hubOn(failing);
    const [reader, elsewhere] = [client(), client()];
    hub.attach('t1', reader);
    hub.attach('t2', elsewhere);
    await hub.publish('t1', { type: 'comment.created', data: comment(7, 'said while Redis stalls') });
    await settle(20);
    assert.equal(reader.writes.length, 1);
    assert.match(reader.writes[0] ?? '', /^event: comment\.created\ndata: \{"id":7,/);
    assert.deepEqual(elsewhere.writes, [], 'only the thread it belongs to');
    await hub.close();
  });

  it('sends the first event at once, merges a burst into one message per window, and writes it once per reader', async () => {
    const hub = hubOn(new MemoryLiveBus());
    const [a, b, other] = [client(), client(), client()];
    hub.attach('t1', a);
    hub.attach('t1', b);
    hub.attach('t2', other);
    await hub.publish('t1', { type: 'comment.created', data: comment(1, 'first') });
    await settle(20);
    assert.equal(a.writes.length, 1);
    assert.match(a.writes[0] ?? '', /^event: comment\.created\ndata: \{"id":1,/);
    // A burst inside the window: counts 1..3 and an edit then removal of a comment never seen.
    for (const reactions of [1, 2, 3]) await hub.publish('t1', { type: 'reactions', data: { id: 1, reactions } });
    await hub.publish('t1', { type: 'comment.created', data: comment(2, 'second') });
    await hub.publish('t1', { type: 'comment.updated', data: comment(2, 'second, edited') });
    await hub.publish('t1', { type: 'comment.created', data: comment(3, 'gone') });
    await hub.publish('t1', { type: 'comment.removed', data: comment(3, 'gone') });
    await settle(250);
    assert.equal(a.writes.length, 2, 'one message for the whole burst');
    assert.equal(a.writes[1], b.writes[1], 'the same text for every reader');
    const burst = a.writes[1] ?? '';
    assert.equal((burst.match(/^event: /gm) ?? []).length, 2);
    assert.match(burst, /event: reactions\ndata: \{"id":1,"reactions":3\}/);
    assert.match(burst, /event: comment\.created\ndata: \{"id":2,[^\n]*"body":"second, edited"/);
    assert.equal(other.writes.length, 0, 'other threads hear nothing');
    await hub.close();
    assert.ok(a.ended && b.ended && other.ended);
  });

  it('refuses readers beyond its cap and frees a place when one leaves', async () => {
    const hub = hubOn(new MemoryLiveBus(), { maxClients: 1, coalesceMs: 0 });
    const first = client();
    assert.equal(hub.attach('t', first), null);
    assert.equal(hub.attach('t', client()), 'busy');
    hub.detach('t', first);
    assert.equal(hub.connected, 0);
    assert.equal(hub.attach('t', client()), null);
    await hub.close();
  });

  it('drops a reader who has stopped taking what it is sent, and writes on to the others', async () => {
    const bus = new MemoryLiveBus();
    const hub = hubOn(bus, { coalesceMs: 0 });
    const stalled = client();
    const reading = client();
    hub.attach('t', stalled);
    hub.attach('t', reading);
    stalled.buffered = 2 << 20;
    await hub.publish('t', { type: 'comment.created', data: comment(1, 'Hello') });
    await settle(20);
    assert.deepEqual([stalled.dropped, stalled.ended, stalled.writes.length], [true, false, 0]);
    assert.equal(reading.writes.length, 1);
    await hub.close();
  });

  it('refuses one address beyond its own cap, on any thread, while other addresses still get places', async () => {
    const hub = hubOn(new MemoryLiveBus(), { maxClients: 10, maxClientsPerAddress: 2, coalesceMs: 0 });
    const first = client('198.51.100.7');
    assert.equal(hub.attach('t1', first), null);
    assert.equal(hub.attach('t2', client('198.51.100.7')), null);
    assert.equal(hub.attach('t3', client('198.51.100.7')), 'address_busy');
    assert.equal(hub.attach('t1', client('203.0.113.9')), null);
    assert.equal(hub.connected, 3);
    hub.detach('t1', first);
    // Detaching a reader twice frees one place, not two.
    hub.detach('t1', first);
    assert.equal(hub.attach('t3', client('198.51.100.7')), null);
    assert.equal(hub.attach('t3', client('198.51.100.7')), 'address_busy');
    await hub.close();
  });
});
