import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { turnsEvery } from '../../src/shared/next-turn.js';

/** Keeps the thread busy for `ms`, as one step of a long loop does. */
function work(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('turnsEvery', () => {
  it('gives the event loop a turn once its time has passed, however many steps that took, and none sooner', async () => {
    const pause = turnsEvery(10);
    const started = performance.now();
    // A timer due now fires only when the loop gives a turn: it notes when, and how far the loop had got.
    let fired: { step: number; afterMs: number } | null = null;
    let step = 0;
    setTimeout(() => (fired = { step, afterMs: performance.now() - started }), 0);
    for (; step < 200; step += 1) {
      work(0.5);
      await pause();
    }
    assert.ok(fired, 'the loop gave no turn in 100 ms of work');
    const { step: firedAt, afterMs } = fired as { step: number; afterMs: number };
    assert.ok(afterMs >= 10, `a turn after ${afterMs.toFixed(1)} ms, before its time`);
    assert.ok(firedAt < 199, 'the turn came while the loop was still working');
  });

  it('returns without a turn while its time has not passed', async () => {
    const pause = turnsEvery(60_000);
    let fired = false;
    setImmediate(() => (fired = true));
    for (let i = 0; i < 100; i += 1) await pause();
    assert.equal(fired, false);
  });
});
