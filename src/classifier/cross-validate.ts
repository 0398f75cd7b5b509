// k-fold cross-validation: train on k − 1 folds as if they were the decisions, score the fold left
// out, and measure on the pooled out-of-fold scores. Copies of one text always share a fold, so a
// repeated comment cannot be scored by a model that saw it.
import { EncodedExamples } from './encoded.js';
import { headLogits, sigmoid } from './linear.js';
import { metricsOf } from './metrics.js';
import { assembleModel, countLabels, DEFAULT_FEATURES } from './model.js';
import { createRandom, shuffleInPlace } from './random.js';
import { fitHeads, type TrainOptions } from './train.js';
import { LABELS, type Example, type Model, type ModelMetrics } from './types.js';

/** Training options plus the number of folds (5 by default). */
export interface CrossValidationOptions extends TrainOptions {
  folds?: number;
}

const DEFAULT_FOLDS = 5;

/** The fold of each example: texts shuffled by the seed, then dealt out per label so folds stay balanced. */
export function assignFolds(examples: readonly Example[], folds: number, seed: number): Int32Array {
  const groups = new Map<string, number[]>();
  examples.forEach((example, i) => {
    const group = groups.get(example.text);
    if (group) group.push(i);
    else groups.set(example.text, [i]);
  });
  const fold = new Int32Array(examples.length);
  const dealt = Object.fromEntries(LABELS.map((label) => [label, 0]));
  for (const group of shuffleInPlace([...groups.values()], createRandom(seed))) {
    const label = (examples[group[0] as number] as Example).label;
    const f = (dealt[label] as number) % folds;
    dealt[label] = (dealt[label] as number) + 1;
    for (const i of group) fold[i] = f;
  }
  return fold;
}

// Each example's score from the heads fitted without its fold.
function outOfFoldScores(encoded: EncodedExamples, examples: readonly Example[], options: CrossValidationOptions): Float64Array {
  const folds = options.folds ?? DEFAULT_FOLDS;
  const foldOf = assignFolds(examples, folds, options.seed);
  const scores = new Float64Array(examples.length);
  for (let f = 0; f < folds; f++) {
    const training: number[] = [];
    const held: number[] = [];
    foldOf.forEach((fold, i) => (fold === f ? held : training).push(i));
    const heads = fitHeads(encoded, training, { ...options, seed: options.seed + f + 1 });
    for (const i of held) {
      const [z0, z1] = headLogits(heads, encoded.vector(i));
      scores[i] = Math.max(sigmoid(z0), sigmoid(z1));
    }
  }
  return scores;
}

function metricsFrom(examples: readonly Example[], scores: Float64Array, options: CrossValidationOptions): ModelMetrics {
  return metricsOf(examples.map((example, i) => ({ score: scores[i] as number, label: example.label })), options.folds ?? DEFAULT_FOLDS);
}

/** Each example's score from the model trained without its fold (what the benchmark measures). */
export function crossValidatedScores(examples: readonly Example[], options: CrossValidationOptions): Float64Array {
  return outOfFoldScores(new EncodedExamples(examples, { ...DEFAULT_FEATURES, ...options.features }), examples, options);
}

/** Cross-validated figures for a model trained on these examples. */
export function crossValidate(examples: readonly Example[], options: CrossValidationOptions): ModelMetrics {
  return metricsFrom(examples, crossValidatedScores(examples, options), options);
}

/** What a retraining job runs: cross-validate, then train on everything (as `trainModel` does) and attach the figures. */
export function buildModel(examples: readonly Example[], options: CrossValidationOptions): Model {
  const features = { ...DEFAULT_FEATURES, ...options.features };
  const encoded = new EncodedExamples(examples, features);
  const metrics = metricsFrom(examples, outOfFoldScores(encoded, examples, options), options);
  const heads = fitHeads(encoded, examples.map((_, i) => i), options);
  return assembleModel(features, countLabels(examples), heads, metrics);
}
