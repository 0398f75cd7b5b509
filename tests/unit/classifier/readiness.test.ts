import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { modelReadiness, type LabelCounts, type RiskLabel } from '../../../src/classifier/index.js';

const CASES: readonly (readonly [counts: LabelCounts, min: number | undefined, ready: boolean, labels: RiskLabel[], missing: string[]])[] = [
  [{ acceptable: 200, abusive: 200, spam: 200 }, undefined, true, ['abusive', 'spam'], []],
  [{ acceptable: 5000, abusive: 800, spam: 30 }, undefined, true, ['abusive'], ['spam 30/200']],
  [{ acceptable: 5000, abusive: 12, spam: 900 }, undefined, true, ['spam'], ['abusive 12/200']],
  [{ acceptable: 199, abusive: 900, spam: 900 }, undefined, false, [], ['acceptable 199/200']],
  [{ acceptable: 300, abusive: 199, spam: 199 }, undefined, false, [], ['abusive 199/200', 'spam 199/200']],
  [{ acceptable: 0, abusive: 0, spam: 0 }, undefined, false, [], ['acceptable 0/200', 'abusive 0/200', 'spam 0/200']],
  [{ acceptable: 50, abusive: 50, spam: 0 }, 50, true, ['abusive'], ['spam 0/50']],
  [{ acceptable: 50, abusive: 50, spam: 0 }, 51, false, [], ['acceptable 50/51', 'abusive 50/51', 'spam 0/51']],
];

describe('modelReadiness', () => {
  for (const [counts, min, ready, labels, missing] of CASES) {
    it(`${JSON.stringify(counts)} with minimum ${min ?? 'default'} → ${ready ? `votes on ${labels.join(', ')}` : 'silent'}`, () => {
      const result = modelReadiness({ counts }, min);
      assert.equal(result.ready, ready);
      assert.deepEqual(result.labels, labels);
      assert.deepEqual(result.missing.map((m) => `${m.label} ${m.examples}/${m.needed}`), missing);
      assert.ok(result.detail.length > 0);
    });
  }

  it('says so when no model has been trained', () => {
    assert.deepEqual(modelReadiness(null), { ready: false, labels: [], missing: [], detail: 'No model has been trained yet.' });
  });
});
