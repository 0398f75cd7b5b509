// The model's fixed parts: the format version, default feature settings, and the weight precision.
import type { Example, FeatureOptions, Heads, LabelCounts, Model, ModelMetrics } from './types.js';

/** Bumped whenever the features or the stored layout change: older blobs are refused, not misread. */
export const FORMAT_VERSION = 1;

/** 2^18 buckets (1 MB of weights for two heads); character 2- to 4-grams (see docs/decisions/0007). */
export const DEFAULT_FEATURES: FeatureOptions = { hashBits: 18, minGram: 2, maxGram: 4 };

/** Weights are kept as 16-bit steps of the largest weight: half the memory of floats, and fewer cache misses when scoring. */
const WEIGHT_LEVELS = 32767;

/** Examples per label. */
export function countLabels(examples: readonly Example[]): LabelCounts {
  const counts: LabelCounts = { acceptable: 0, abusive: 0, spam: 0 };
  for (const example of examples) counts[example.label]++;
  return counts;
}

/** Rounds trained weights to 16-bit steps of the largest one. */
export function quantizeWeights(weights: Float32Array): { weights: Int16Array; weightStep: number } {
  let largest = 0;
  for (let i = 0; i < weights.length; i++) largest = Math.max(largest, Math.abs(weights[i] as number));
  const weightStep = largest / WEIGHT_LEVELS;
  const steps = new Int16Array(weights.length);
  if (weightStep > 0) for (let i = 0; i < weights.length; i++) steps[i] = Math.round((weights[i] as number) / weightStep);
  return { weights: steps, weightStep };
}

/** Assembles a model from fitted heads. */
export function assembleModel(features: FeatureOptions, counts: LabelCounts, heads: Heads, metrics: ModelMetrics | null): Model {
  const { bias, weights, weightStep } = heads;
  return { formatVersion: FORMAT_VERSION, features: { ...features }, counts: { ...counts }, metrics, bias, weights, weightStep };
}
