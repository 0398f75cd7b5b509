import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MIN_ROC_AUC, modelReadiness, type LabelCounts, type RiskLabel } from '../../../src/classifier/index.js';

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
    assert.deepEqual(modelReadiness(null), { ready: false, labels: [], missing: [], weak: [], detail: 'No model has been trained yet.' });
  });

  it('keeps a head silent whose cross-validated AUC is near chance, however many examples it had', () => {
    const counts = { acceptable: 900, abusive: 400, spam: 300 };
    const figures = (rocAuc: number) => ({ rocAuc, recallAt1: 0, recallAt2: 0, recallAt5: 0 });
    const metrics = (abusive: number, spam: number) => ({
      folds: 5,
      counts,
      thresholds: { falseHold1: null, falseHold2: null, falseHold5: null },
      labels: { abusive: figures(abusive), spam: figures(spam) },
    });
    const weakAbuse = modelReadiness({ counts, metrics: metrics(0.48, 0.93) });
    assert.deepEqual([weakAbuse.ready, weakAbuse.labels, weakAbuse.weak], [true, ['spam'], [{ label: 'abusive', rocAuc: 0.48, needed: MIN_ROC_AUC }]]);
    assert.match(weakAbuse.detail, /vote on spam\. Silent on abusive \(ROC AUC 0\.48 < 0\.65\)/);
    const bothWeak = modelReadiness({ counts, metrics: metrics(0.6, 0.5) });
    assert.deepEqual([bothWeak.ready, bothWeak.labels, bothWeak.weak.map((w) => w.label)], [false, [], ['abusive', 'spam']]);
    // At the bound it votes; without figures (too few to cross-validate) the counts decide, as before.
    assert.deepEqual(modelReadiness({ counts, metrics: metrics(MIN_ROC_AUC, 0.99) }).labels, ['abusive', 'spam']);
    assert.deepEqual(modelReadiness({ counts, metrics: null }).labels, ['abusive', 'spam']);
    // A label short of examples is listed as missing, not as weak.
    assert.deepEqual(modelReadiness({ counts: { ...counts, spam: 10 }, metrics: metrics(0.9, 0.3) }).weak, []);
  });
});
