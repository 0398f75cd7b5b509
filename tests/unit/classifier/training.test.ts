import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { EncodedExamples } from '../../../src/classifier/encoded.js';
import {
  buildModel,
  DEFAULT_FEATURES,
  scoreComment,
  serializeModel,
  trainModel,
  type Label,
  type Model,
  type RiskLabel,
} from '../../../src/classifier/index.js';
import { fitHeads } from '../../../src/classifier/train.js';
import { syntheticExamples } from './examples.js';

const examples = syntheticExamples({ acceptable: 300, abusive: 200, spam: 200 });
const model = trainModel(examples, { seed: 1 });

describe('trainModel: learning changes outcomes', () => {
  it('an untrained model scores every comment alike', () => {
    const untrained = trainModel([], { seed: 1 });
    const scores = ['يا غبي', 'شكرا على التقرير', 'call 0800 123 4567 now'].map((text) => scoreComment(untrained, text).score);
    assert.deepEqual(new Set(scores).size, 1);
  });

  const cases: readonly (readonly [text: string, label: RiskLabel | null])[] = [
    ['يا غبي انت ما تفهم شي', 'abusive'],
    ['الكاتب حقير وتافه', 'abusive'],
    ['You are a stupid idiot.', 'abusive'],
    ['اربح المال من البيت، تواصل واتساب 0555987654', 'spam'],
    ['Earn money from home, call 0800 765 4321 now!', 'spam'],
    ['شكرا على هذا التقرير المفيد عن الصحة', null],
    ['Thank you for the clear report on the hospital.', null],
  ];
  for (const [text, label] of cases) {
    it(`${JSON.stringify(text)} → ${label ?? 'acceptable'}`, () => {
      const result = scoreComment(model, text);
      if (label === null) assert.ok(result.score < 0.5, `score ${result.score}`);
      else {
        assert.equal(result.label, label);
        assert.ok(result.score > 0.5, `score ${result.score}`);
      }
    });
  }

  it('the same words learned with the opposite label score the opposite way', () => {
    const swap: Record<Label, Label> = { acceptable: 'abusive', abusive: 'acceptable', spam: 'spam' };
    const relabelled = examples.map((example) => ({ ...example, label: swap[example.label] }));
    const flipped = trainModel(relabelled, { seed: 1 });
    const text = 'يا غبي انت ما تفهم شي';
    assert.ok(scoreComment(model, text).scores.abusive > 0.5);
    assert.ok(scoreComment(flipped, text).scores.abusive < 0.5);
  });

  it('labels left out of the score cannot produce it', () => {
    const text = 'Earn money from home, call 0800 765 4321 now!';
    const result = scoreComment(model, text, { labels: ['abusive'] });
    assert.equal(result.label, 'abusive');
    assert.equal(result.score, result.scores.abusive);
    assert.equal(scoreComment(model, text, { labels: [] }).score, 0);
  });

  it('counts the examples of each label', () => {
    assert.deepEqual(model.counts, { acceptable: 300, abusive: 200, spam: 200 });
  });
});

describe('trainModel: determinism', () => {
  it('gives identical bytes for the same seed and input', () => {
    assert.deepEqual(serializeModel(trainModel(examples, { seed: 42 })), serializeModel(trainModel(examples, { seed: 42 })));
  });

  it('gives different weights for another seed (the order of passes changes)', () => {
    assert.notDeepEqual(serializeModel(trainModel(examples, { seed: 42 })), serializeModel(trainModel(examples, { seed: 43 })));
  });

  it('buildModel is deterministic too, and trains the same final weights as trainModel', () => {
    const built = buildModel(examples, { seed: 5, folds: 3 });
    assert.deepEqual(serializeModel(built), serializeModel(buildModel(examples, { seed: 5, folds: 3 })));
    assert.deepEqual(built.weights, trainModel(examples, { seed: 5 }).weights);
    assert.equal(built.metrics?.folds, 3);
  });
});

describe('training in a worker thread', () => {
  it('returns the same model, by structured clone and as bytes, as training in the main thread', async () => {
    const options = { seed: 9, folds: 3 };
    const script = new URL('../../fixtures/classifier/train-worker.ts', import.meta.url).href;
    const worker = new Worker(new URL('../../fixtures/classifier/boot-worker.mjs', import.meta.url), { workerData: { script, examples, options } });
    const result = await new Promise<{ model: Model; bytes: Uint8Array }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    const here = buildModel(examples, options);
    assert.deepEqual(result.bytes, serializeModel(here));
    assert.deepEqual(scoreComment(result.model, 'يا غبي'), scoreComment(here, 'يا غبي'));
  });
});

describe('training beyond the feature cache', () => {
  it('fits the same heads when vectors are extracted again on every pass instead of kept', () => {
    const indices = examples.map((_, i) => i);
    const cached = fitHeads(new EncodedExamples(examples, DEFAULT_FEATURES), indices, { seed: 4 });
    const uncached = fitHeads(new EncodedExamples(examples, DEFAULT_FEATURES, 0), indices, { seed: 4 });
    assert.deepEqual(uncached, cached);
  });
});
