// The scoring side of the linear heads: each head's logit for a feature vector.
import type { FeatureVector } from './features.js';
import type { Heads } from './types.js';

/**
 * Logits of the abusive and spam heads: bias plus value × weight over the vector's buckets. With
 * `seen`, each feature's two weights are also copied there (feature k at 2k, 2k + 1), so an
 * explanation can read them again without a second round of cache misses over the weights.
 */
export function headLogits(heads: Heads, vector: FeatureVector, seen?: Int16Array): [number, number] {
  const { buckets, wholeCount, count, scale } = vector;
  const weights = heads.weights;
  let whole0 = 0;
  let whole1 = 0;
  for (let k = 0; k < wholeCount; k++) {
    const b = (buckets[k] as number) * 2;
    const w0 = weights[b] as number;
    const w1 = weights[b + 1] as number;
    whole0 += w0;
    whole1 += w1;
    if (seen) {
      seen[k * 2] = w0;
      seen[k * 2 + 1] = w1;
    }
  }
  let token0 = 0;
  let token1 = 0;
  for (let k = wholeCount; k < count; k++) {
    const b = (buckets[k] as number) * 2;
    const w0 = weights[b] as number;
    const w1 = weights[b + 1] as number;
    token0 += w0;
    token1 += w1;
    if (seen) {
      seen[k * 2] = w0;
      seen[k * 2 + 1] = w1;
    }
  }
  const { bias, weightStep } = heads;
  return [(bias[0] as number) + weightStep * (whole0 + scale * token0), (bias[1] as number) + weightStep * (whole1 + scale * token1)];
}

/** The logistic function: a logit as a probability. */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
