import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assignFolds } from '../../../src/classifier/cross-validate.js';
import { crossValidate, crossValidatedScores } from '../../../src/classifier/index.js';
import { syntheticExamples } from './examples.js';

const examples = syntheticExamples({ acceptable: 300, abusive: 200, spam: 200 });

describe('assignFolds', () => {
  const folds = assignFolds(examples, 5, 11);

  it('puts every copy of a text in the same fold', () => {
    const foldOfText = new Map<string, number>();
    examples.forEach((example, i) => {
      const fold = foldOfText.get(example.text) ?? (folds[i] as number);
      foldOfText.set(example.text, fold);
      assert.equal(folds[i], fold, example.text);
    });
  });

  it('uses every fold for every label', () => {
    for (const label of ['acceptable', 'abusive', 'spam'] as const) {
      const used = new Set(examples.flatMap((example, i) => (example.label === label ? [folds[i]] : [])));
      assert.equal(used.size, 5, label);
    }
  });

  it('depends only on the seed', () => {
    assert.deepEqual(assignFolds(examples, 5, 11), folds);
  });
});

describe('crossValidate', () => {
  it('scores each example with a model that did not see its text', () => {
    // A label the training folds never saw for this text cannot be learned from it.
    const withOddOne = [...examples, { text: 'a sentence seen only once, marked spam', label: 'spam' as const }];
    const scores = crossValidatedScores(withOddOne, { seed: 2, folds: 3 });
    assert.equal(scores.length, withOddOne.length);
    assert.ok((scores[withOddOne.length - 1] as number) < 0.5);
  });

  it('measures the synthetic labels as nearly separable and counts the examples', () => {
    const metrics = crossValidate(examples, { seed: 2, folds: 3 });
    assert.equal(metrics.folds, 3);
    assert.deepEqual(metrics.counts, { acceptable: 300, abusive: 200, spam: 200 });
    assert.ok((metrics.labels.abusive?.rocAuc ?? 0) > 0.95);
    assert.ok((metrics.labels.spam?.rocAuc ?? 0) > 0.95);
  });

  it('leaves a label without examples unmeasured', () => {
    const metrics = crossValidate(syntheticExamples({ acceptable: 100, abusive: 100 }), { seed: 2, folds: 3 });
    assert.equal(metrics.labels.spam, null);
  });
});
