import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoized } from '../../src/shared/memo.js';

/** A memoised copy of its input, counting how often it really ran. */
function countedEcho(limit = 8) {
  const runs: string[] = [];
  const echo = memoized((input: string) => {
    runs.push(input);
    return `echo:${input}`;
  }, limit);
  return { echo, runs };
}

describe('memoized', () => {
  it('computes each input once, short or long', () => {
    const { echo, runs } = countedEcho();
    const long = `threads=${Array.from({ length: 100 }, (_, i) => `thread-${i}`).join(',')}`;
    for (let i = 0; i < 3; i += 1) {
      assert.equal(echo('br, gzip'), 'echo:br, gzip');
      // A fresh string each time, as each request's URL is.
      assert.equal(echo(long.slice(0, -1) + long.slice(-1)), `echo:${long}`);
    }
    assert.deepEqual(runs, ['br, gzip', long]);
  });

  it('never answers a long input with the value of another of the same length and ends', () => {
    const { echo, runs } = countedEcho();
    const ends = (middle: string) => `${'a'.repeat(200)}${middle}${'z'.repeat(200)}`;
    const [first, second] = [ends('first-middle'), ends('other-middle')];
    assert.equal(first.length, second.length);
    assert.equal(echo(first), `echo:${first}`);
    assert.equal(echo(second), `echo:${second}`);
    assert.equal(echo(first), `echo:${first}`);
    const ran = runs.length;
    assert.equal(echo(first), `echo:${first}`);
    assert.equal(runs.length, ran, 'the last one asked is remembered');
  });

  it('forgets everything once it holds `limit` inputs', () => {
    const { echo, runs } = countedEcho(2);
    echo('one');
    echo('two');
    echo('three');
    echo('two');
    assert.deepEqual(runs, ['one', 'two', 'three', 'two']);
  });
});
