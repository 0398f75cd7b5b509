import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PostsInFlight, type PostPlace } from '../../src/bots/posts-in-flight.js';

const placeOf = (threadKey: string): PostPlace => ({ rangeHash: 'range', threadKey, threadId: null, fingerprint: null });

describe('PostsInFlight', () => {
  it('shows each post the ones that arrived before it and are still in flight, in arrival order', () => {
    const posts = new PostsInFlight();
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((key) => posts.enter(placeOf(key)));
    const keys = (post: NonNullable<typeof a>) => posts.before(post).map((place) => place.threadKey);
    assert.deepEqual(keys(a!), []);
    assert.deepEqual(keys(d!), ['a', 'b', 'c']);
    b!.leave();
    assert.deepEqual(keys(d!), ['a', 'c']);
    assert.deepEqual(keys(c!), ['a']);
  });

  it('lets a post leave once, however often it says so', () => {
    const posts = new PostsInFlight();
    const first = posts.enter(placeOf('first'));
    const second = posts.enter(placeOf('second'));
    first.leave();
    first.leave();
    const third = posts.enter(placeOf('third'));
    assert.deepEqual(posts.before(third).map((place) => place.threadKey), ['second']);
    second.leave();
    assert.deepEqual(posts.before(third), []);
  });
});
