import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rankBest, rankedAfter, wilsonLowerBound } from '../../src/threads/best-order.js';

describe('wilsonLowerBound', () => {
  it('matches the textbook values (z = 1.96)', () => {
    assert.equal(wilsonLowerBound(0, 0), 0);
    assert.equal(wilsonLowerBound(0, 10), 0);
    assert.ok(Math.abs(wilsonLowerBound(5, 5) - 0.5655) < 1e-4);
    assert.ok(Math.abs(wilsonLowerBound(50, 100) - 0.4038) < 1e-4);
  });

  it('prefers many trials to few at the same share, and a high share to a high raw count', () => {
    assert.ok(wilsonLowerBound(80, 100) > wilsonLowerBound(4, 5));
    assert.ok(wilsonLowerBound(10, 12) > wilsonLowerBound(40, 400));
  });
});

describe('rankBest', () => {
  it('ranks by exposure since publication, newer first among equals, and resumes after a cursor', () => {
    const ranked = rankBest(
      [
        { id: 1, reactionCount: 40, reactorsBefore: 0 }, // 40 of 400 readers
        { id: 2, reactionCount: 10, reactorsBefore: 388 }, // 10 of 12
        { id: 3, reactionCount: 0, reactorsBefore: 0 },
        { id: 4, reactionCount: 0, reactorsBefore: 390 },
      ],
      400,
    );
    assert.deepEqual(ranked.map((r) => r.id), [2, 1, 4, 3]);
    assert.deepEqual(rankedAfter(ranked, ranked[1] ?? null).map((r) => r.id), [4, 3]);
  });
});
