import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PostsInFlight } from '../../src/bots/posts-in-flight.js';

describe('PostsInFlight', () => {
  it('counts, for each post, the ones before it still in flight: from its address range, and to its thread', () => {
    const posts = new PostsInFlight();
    const a = posts.enter({ rangeHash: 'r1', threadKey: 't1' });
    const b = posts.enter({ rangeHash: 'r1', threadKey: 't2' });
    const c = posts.enter({ rangeHash: 'r2', threadKey: 't1' });
    const d = posts.enter({ rangeHash: 'r1', threadKey: 't1' });
    assert.deepEqual(posts.before(a, { rangeHash: 'r1', threadKey: 't1' }), { range: 0, thread: 0 });
    assert.deepEqual(posts.before(c, { rangeHash: 'r2', threadKey: 't1' }), { range: 0, thread: 1 });
    assert.deepEqual(posts.before(d, { rangeHash: 'r1', threadKey: 't1' }), { range: 2, thread: 2 });
    b.leave();
    assert.deepEqual(posts.before(d, { rangeHash: 'r1', threadKey: 't1' }), { range: 1, thread: 2 });
  });

  it('never counts posts without an address as one range', () => {
    const posts = new PostsInFlight();
    posts.enter({ rangeHash: null, threadKey: 't' });
    const later = posts.enter({ rangeHash: null, threadKey: 'u' });
    assert.deepEqual(posts.before(later, { rangeHash: null, threadKey: 'u' }), { range: 0, thread: 0 });
  });

  it('lets a post leave once, however often it says so', () => {
    const posts = new PostsInFlight();
    const first = posts.enter({ rangeHash: 'r', threadKey: 't' });
    const second = posts.enter({ rangeHash: 'r', threadKey: 't' });
    first.leave();
    first.leave();
    const third = posts.enter({ rangeHash: 'r', threadKey: 't' });
    assert.deepEqual(posts.before(third, { rangeHash: 'r', threadKey: 't' }), { range: 1, thread: 1 });
    second.leave();
    assert.deepEqual(posts.before(third, { rangeHash: 'r', threadKey: 't' }), { range: 0, thread: 0 });
  });
});
