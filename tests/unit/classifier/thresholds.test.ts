import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { metricsOf, rocAuc, thresholdForFalseHolds, thresholdReport, type ScoredDecision } from '../../../src/classifier/index.js';

// 100 acceptable comments scored 0.00, 0.01, … 0.99; abusive and spam scores as given.
const acceptable: ScoredDecision[] = Array.from({ length: 100 }, (_, k) => ({ score: k / 100, label: 'acceptable' }));
const abusive: ScoredDecision[] = [0.2, 0.6, 0.96, 0.975, 0.99].map((score) => ({ score, label: 'abusive' }));
const spam: ScoredDecision[] = [0.97, 0.995, 0.999, 1].map((score) => ({ score, label: 'spam' }));
const scored = [...acceptable, ...abusive, ...spam];

describe('rocAuc', () => {
  const cases: readonly (readonly [positives: number[], negatives: number[], auc: number | null])[] = [
    [[0.9, 0.8], [0.1, 0.2], 1],
    [[0.1], [0.9], 0],
    [[0.5, 0.5], [0.5], 0.5],
    [[0.3, 0.7], [0.5, 0.1, 0.9], 3 / 6],
    [[], [0.5], null],
    [[0.5], [], null],
  ];
  for (const [positives, negatives, auc] of cases) {
    it(`${JSON.stringify(positives)} against ${JSON.stringify(negatives)} → ${auc}`, () => {
      assert.equal(rocAuc(positives, negatives), auc);
    });
  }
});

describe('thresholdForFalseHolds', () => {
  const cases: readonly (readonly [rate: number, threshold: number])[] = [
    [0, 0.99],
    [0.01, 0.98],
    [0.02, 0.97],
    [0.05, 0.94],
    [1, 0],
  ];
  for (const [rate, threshold] of cases) {
    it(`holds at most ${rate * 100}% of 100 acceptable comments above ${threshold}`, () => {
      const found = thresholdForFalseHolds(acceptable.map((a) => a.score), rate);
      assert.equal(found, threshold);
      assert.ok(acceptable.filter((a) => a.score > threshold).length <= Math.max(rate * 100, 0));
    });
  }

  it('has no threshold without acceptable comments', () => {
    assert.equal(thresholdForFalseHolds([], 0.02), null);
  });
});

describe('thresholdReport', () => {
  const report = thresholdReport(scored, 0.02);

  it('suggests the lowest threshold that keeps false holds within the target', () => {
    assert.deepEqual(report.suggested, { threshold: 0.97, heldAcceptable: 0.02, caughtAbusive: 2 / 5, caughtSpam: 3 / 4, caught: 5 / 9 });
  });

  it('reports each candidate threshold, the suggestion included, in ascending order', () => {
    const thresholds = report.candidates.map((row) => row.threshold);
    assert.deepEqual(thresholds, [...thresholds].sort((a, b) => a - b));
    assert.ok(thresholds.includes(0.97));
    assert.deepEqual(report.candidates.find((row) => row.threshold === 0.5), {
      threshold: 0.5,
      heldAcceptable: 0.49,
      caughtAbusive: 4 / 5,
      caughtSpam: 1,
      caught: 8 / 9,
    });
    assert.deepEqual(report.counts, { acceptable: 100, abusive: 5, spam: 4 });
  });

  it('takes the target from the admin', () => {
    assert.equal(thresholdReport(scored, 0.05).suggested?.threshold, 0.94);
  });

  it('has no suggestion and null shares without the examples to measure them', () => {
    const onlyAbusive = thresholdReport(abusive);
    assert.equal(onlyAbusive.suggested, null);
    assert.equal(onlyAbusive.candidates[0]?.heldAcceptable, null);
    assert.equal(onlyAbusive.candidates[0]?.caughtSpam, null);
  });
});

describe('metricsOf', () => {
  it('reads recall at 1, 2 and 5 % false holds off the same thresholds', () => {
    const metrics = metricsOf(scored, 5);
    assert.deepEqual(metrics.thresholds, { falseHold1: 0.98, falseHold2: 0.97, falseHold5: 0.94 });
    assert.deepEqual(metrics.labels.abusive, { rocAuc: metrics.labels.abusive?.rocAuc, recallAt1: 1 / 5, recallAt2: 2 / 5, recallAt5: 3 / 5 });
    assert.deepEqual(metrics.labels.spam, { rocAuc: metrics.labels.spam?.rocAuc, recallAt1: 3 / 4, recallAt2: 3 / 4, recallAt5: 1 });
    assert.equal(metrics.labels.spam?.rocAuc, (97.5 + 100 + 100 + 100) / 400);
  });
});
