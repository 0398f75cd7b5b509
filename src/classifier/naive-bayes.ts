// Naive Bayes log-count ratios (Wang & Manning 2012, "NBSVM"): how much more often a bucket occurs
// in one head's positive examples than in the rest. Training scales each feature by its ratio, so
// words that separate the classes start with larger steps; on the development corpora this raised
// recall at 1–2 % false holds by a few points over plain logistic regression.
import type { EncodedExamples } from './encoded.js';

// Laplace smoothing: a bucket never seen on one side still gets a finite ratio.
const SMOOTHING = 1;

/** |log ratio| per bucket and head, interleaved like the weights. */
export function logCountRatios(encoded: EncodedExamples, indices: readonly number[]): Float32Array {
  const size = 2 << encoded.features.hashBits;
  const positive = new Float64Array(size);
  const negative = new Float64Array(size);
  const positiveTotal = [0, 0];
  const negativeTotal = [0, 0];
  for (const i of indices) {
    const { buckets, count } = encoded.vector(i);
    const targets = [encoded.abusive[i] as number, encoded.spam[i] as number];
    for (let h = 0; h < 2; h++) {
      const counts = targets[h] === 1 ? positive : negative;
      const totals = targets[h] === 1 ? positiveTotal : negativeTotal;
      totals[h] = (totals[h] as number) + count;
      for (let k = 0; k < count; k++) {
        const b = (buckets[k] as number) * 2 + h;
        counts[b] = (counts[b] as number) + 1;
      }
    }
  }
  const ratios = new Float32Array(size);
  const buckets = size / 2;
  for (let b = 0; b < size; b++) {
    const h = b & 1;
    const p = (SMOOTHING + (positive[b] as number)) / ((positiveTotal[h] as number) + SMOOTHING * buckets);
    const q = (SMOOTHING + (negative[b] as number)) / ((negativeTotal[h] as number) + SMOOTHING * buckets);
    ratios[b] = Math.abs(Math.log(p / q));
  }
  return ratios;
}
