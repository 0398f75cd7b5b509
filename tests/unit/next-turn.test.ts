import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { holdTurns, shareTurn, turnsEvery, WORK_MS_PER_TURN } from '../../src/shared/next-turn.js';
import { holdTheLoop } from '../setup/hold-loop.js';

const STEP_MS = 0.5;

/** Waits until no turn is under way and nothing waits, so the next `shareTurn` starts a turn's count afresh. */
function quiet(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 2 * WORK_MS_PER_TURN));
}

/** Long work: `steps` steps of STEP_MS, each after `shareTurn`, counted in `done`. */
async function longWork(steps: number, done: { steps: number }): Promise<void> {
  for (let step = 0; step < steps; step += 1) {
    await shareTurn();
    holdTheLoop(STEP_MS);
    done.steps += 1;
  }
}

/** The most steps done between two turns of the event loop (a probe that runs once per turn) while `running` runs. */
async function mostStepsPerTurn(running: (done: { steps: number }) => Promise<unknown>): Promise<{ most: number; turns: number }> {
  const done = { steps: 0 };
  let finished = false;
  let most = 0;
  let turns = 0;
  let seen = 0;
  const probe = () => {
    most = Math.max(most, done.steps - seen);
    seen = done.steps;
    turns += 1;
    if (!finished) setImmediate(probe);
  };
  setImmediate(probe);
  await running(done);
  finished = true;
  return { most: Math.max(most, done.steps - seen), turns };
}

describe('shareTurn', () => {
  it('gives the event loop a turn once its time has passed, however many steps that took, and none sooner', async () => {
    // The turn began no sooner than this: after a quiet spell, the first step starts the turn's count.
    await quiet();
    const started = performance.now();
    await shareTurn();
    // A timer due now fires only when the loop gives a turn: it notes when, and how far the work had got.
    let fired: { steps: number; afterMs: number } | null = null;
    const done = { steps: 0 };
    setTimeout(() => (fired = { steps: done.steps, afterMs: performance.now() - started }), 0);
    await longWork(200, done);
    assert.ok(fired, 'the work gave no turn in 100 ms');
    const { steps, afterMs } = fired as { steps: number; afterMs: number };
    assert.ok(afterMs >= WORK_MS_PER_TURN, `a turn after ${afterMs.toFixed(1)} ms, before its time`);
    assert.ok(steps < 200, 'the turn came while the work was still going on');
  });

  it('returns without a turn while the turn has time left', async () => {
    // A turn begun by an earlier test may have little time left: start one afresh, no sooner than `started`.
    await quiet();
    const started = performance.now();
    await shareTurn();
    let fired = false;
    setImmediate(() => (fired = true));
    for (let i = 0; i < 10; i += 1) await shareTurn();
    // Ten calls take microseconds; only a machine that stopped this process for the turn's time may have turned.
    assert.ok(!fired || performance.now() - started >= WORK_MS_PER_TURN, 'a turn with time left');
  });

  it('is one budget for all the work in a turn: two long jobs together do no more steps per turn than one alone', async () => {
    // A slow machine only makes steps longer, so fewer fit in a turn: the bound cannot fail for want of speed. With a
    // budget of its own, each job would take a whole turn's time and the two together twice the steps.
    const most = Math.ceil(WORK_MS_PER_TURN / STEP_MS) + 1;
    const alone = await mostStepsPerTurn((done) => longWork(60, done));
    const together = await mostStepsPerTurn((done) => Promise.all([longWork(60, done), longWork(60, done)]));
    assert.ok(alone.most <= most, `${alone.most} steps in one turn alone`);
    assert.ok(together.most <= most, `${together.most} steps in one turn together (at most ${most})`);
    assert.ok(together.turns >= 120 / most, `${together.turns} turns for 120 steps`);
  });

  it('lets a step go on at once when no turn is under way and nothing waits: a post on a quiet server never waits a turn', async () => {
    await quiet();
    let fired = false;
    setImmediate(() => (fired = true));
    await shareTurn();
    assert.equal(fired, false);
  });

  it('counts the work done in the turn in which a step began to wait (other requests parsed after it)', async () => {
    await shareTurn();
    holdTheLoop(WORK_MS_PER_TURN);
    const order: string[] = [];
    const step = shareTurn().then(() => order.push('step'));
    // The requests that arrived in the same poll phase as the step, handled after it.
    holdTheLoop(WORK_MS_PER_TURN + 1);
    setImmediate(() => order.push('another turn'));
    await step;
    assert.deepEqual(order, ['another turn', 'step']);
  });
});

describe('holdTurns', () => {
  it('holds the steps of shared work until released, once however often it is released', async () => {
    for (const round of [1, 2]) {
      const release = holdTurns();
      let stepped = false;
      const step = shareTurn().then(() => (stepped = true));
      await quiet();
      assert.equal(stepped, false, `round ${round}: a step went on while held`);
      release();
      // A second call must not release a hold taken later (the second round would then not hold).
      release();
      await step;
    }
  });

  it('lets waiting steps go in the order they came, even when the next commit holds the turns before the first can go', async () => {
    await quiet();
    const order: string[] = [];
    const releaseFirst = holdTurns();
    const early = shareTurn().then(() => order.push('early'));
    let releaseNext = () => {};
    let late: Promise<unknown> = Promise.resolve();
    // The next shared commit was scheduled before this one ended (src/db/unit-group.ts), and a post came while it held.
    setImmediate(() => {
      releaseNext = holdTurns();
      late = shareTurn().then(() => order.push('late'));
    });
    releaseFirst();
    await quiet();
    releaseNext();
    await Promise.all([early, late]);
    // Before, the step that waited first looked again only after the next commit had taken the turns, queued itself
    // behind the post that came meanwhile, and under a burst of posts could wait seconds.
    assert.deepEqual(order, ['early', 'late']);
  });
});

describe('turnsEvery', () => {
  it('gives the event loop a turn once its time has passed, however many steps that took, and none sooner', async () => {
    const pause = turnsEvery(10);
    const started = performance.now();
    // A timer due now fires only when the loop gives a turn: it notes when, and how far the loop had got.
    let fired: { step: number; afterMs: number } | null = null;
    let step = 0;
    setTimeout(() => (fired = { step, afterMs: performance.now() - started }), 0);
    for (; step < 200; step += 1) {
      holdTheLoop(0.5);
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
