// Training: one-vs-rest logistic regression for the abusive and spam heads over the hashed
// features scaled by Naive Bayes ratios (NBSVM-style), fitted by AdaGrad over a few seeded passes.
// Pure and deterministic: the same examples and seed give the same weights bit for bit, so it can
// run in a worker thread and be repeated.
import { EncodedExamples } from './encoded.js';
import { sigmoid } from './linear.js';
import { assembleModel, countLabels, DEFAULT_FEATURES, quantizeWeights } from './model.js';
import { logCountRatios } from './naive-bayes.js';
import { createRandom, shuffleInPlace } from './random.js';
import type { Example, FeatureOptions, Heads, Model } from './types.js';

/** How to train; only the seed is required. */
export interface TrainOptions {
  seed: number;
  /** Passes over the examples. */
  epochs?: number;
  /** AdaGrad's base step. */
  learningRate?: number;
  features?: Partial<FeatureOptions>;
}

const DEFAULT_EPOCHS = 6;
const DEFAULT_LEARNING_RATE = 0.2;
// AdaGrad's starting accumulator: only guards the first step against dividing by zero.
const INITIAL_ACCUMULATOR = 0.001;

/**
 * The weights and biases of both heads, fitted on the examples whose indices are given. Features
 * are scaled by their Naive Bayes ratio r; the weights kept are the effective ones (r × w), so
 * scoring needs no ratios: a step of w by −η·g·r·x becomes a step of r·w by −η·g·r²·x.
 */
export function fitHeads(encoded: EncodedExamples, indices: readonly number[], options: TrainOptions): Heads {
  const rate = options.learningRate ?? DEFAULT_LEARNING_RATE;
  const ratios = logCountRatios(encoded, indices);
  const weights = new Float32Array(ratios.length);
  const squares = new Float32Array(ratios.length).fill(INITIAL_ACCUMULATOR);
  const bias = new Float64Array(2);
  const biasSquares = new Float64Array(2).fill(INITIAL_ACCUMULATOR);
  const random = createRandom(options.seed);
  const order = [...indices];
  for (let epoch = 0; epoch < (options.epochs ?? DEFAULT_EPOCHS); epoch++) {
    for (const i of shuffleInPlace(order, random)) {
      const { buckets, wholeCount, count, scale } = encoded.vector(i);
      let z0 = bias[0] as number;
      let z1 = bias[1] as number;
      for (let k = 0; k < count; k++) {
        const value = k < wholeCount ? 1 : scale;
        const b = (buckets[k] as number) * 2;
        z0 += value * (weights[b] as number);
        z1 += value * (weights[b + 1] as number);
      }
      const gradients = [sigmoid(z0) - (encoded.abusive[i] as number), sigmoid(z1) - (encoded.spam[i] as number)];
      for (let h = 0; h < 2; h++) {
        const g = gradients[h] as number;
        biasSquares[h] = (biasSquares[h] as number) + g * g;
        bias[h] = (bias[h] as number) - (rate * g) / Math.sqrt(biasSquares[h] as number);
        for (let k = 0; k < count; k++) {
          const b = (buckets[k] as number) * 2 + h;
          const ratio = ratios[b] as number;
          const step = g * (k < wholeCount ? 1 : scale) * ratio;
          squares[b] = (squares[b] as number) + step * step;
          weights[b] = (weights[b] as number) - (rate * step * ratio) / Math.sqrt(squares[b] as number);
        }
      }
    }
  }
  return { bias, ...quantizeWeights(weights) };
}

/** Trains a model on decided comments (deterministic for a given seed and input). */
export function trainModel(examples: readonly Example[], options: TrainOptions): Model {
  const features: FeatureOptions = { ...DEFAULT_FEATURES, ...options.features };
  const encoded = new EncodedExamples(examples, features);
  return assembleModel(features, countLabels(examples), fitHeads(encoded, examples.map((_, i) => i), options), null);
}
