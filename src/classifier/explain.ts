// Explanations: a head's logit is a sum over feature buckets, and every token feature belongs to
// a word (a pair's weight is split between its two words), so each word gets its share of the
// score. Repeated words are summed and shown at their first occurrence, as written. Runs on every
// scored comment, so words are summed in a typed-array hash table rather than a Map of objects.
import type { CommentFeatures } from './features.js';
import type { TextToken } from './text-token.js';
import type { FeatureContribution } from './types.js';

const MIN_SHARE_OF_TOP = 0.05;

let slotHash = new Int32Array(1024);
let slotToken = new Int32Array(1024); // first token of the word + 1; 0 marks an empty slot
let slotWeight = new Float64Array(1024);

// Four decimals are plenty for a dashboard and keep stored reasons short.
function rounded(weight: number): number {
  return Math.round(weight * 10_000) / 10_000;
}

// Each token's share of the head's logit; `seen` holds each feature's weights (see `headLogits`).
function tokenShares(features: CommentFeatures, seen: Int16Array, head: number, weightStep: number): Float64Array {
  const { tokens, tokenStarts, scale } = features;
  const shares = new Float64Array(tokens.length);
  for (let t = 0; t < tokens.length; t++) {
    let sum = 0;
    for (let k = tokenStarts[t] as number; k < (tokenStarts[t + 1] as number); k++) sum += seen[k * 2 + head] as number;
    shares[t] = (shares[t] as number) + sum * scale * weightStep;
    if (t > 0) {
      // The pair with the previous word (the token's second feature) is shared half and half.
      const half = ((seen[((tokenStarts[t] as number) + 1) * 2 + head] as number) * scale * weightStep) / 2;
      shares[t] = (shares[t] as number) - half;
      shares[t - 1] = (shares[t - 1] as number) + half;
    }
  }
  return shares;
}

// Sums the shares of equal words into slots; returns the table size (a power of two).
function sumByWord(features: CommentFeatures, shares: Float64Array): number {
  let size = 1024;
  while (size < features.tokens.length * 2) size *= 2;
  if (slotHash.length < size) {
    slotHash = new Int32Array(size);
    slotToken = new Int32Array(size);
    slotWeight = new Float64Array(size);
  }
  slotToken.fill(0, 0, size);
  for (let t = 0; t < features.tokens.length; t++) {
    const hash = features.wordHashes[t] as number;
    let slot = hash & (size - 1);
    while (slotToken[slot] !== 0 && slotHash[slot] !== hash) slot = (slot + 1) & (size - 1);
    if (slotToken[slot] === 0) {
      slotHash[slot] = hash;
      slotToken[slot] = t + 1;
      slotWeight[slot] = 0;
    }
    slotWeight[slot] = (slotWeight[slot] as number) + (shares[t] as number);
  }
  return size;
}

interface Ranked {
  weight: number;
  /** Token index, or −1 − k for whole-text property k. */
  source: number;
}

// Keeps the `max` largest positive weights, largest first (ties: the earlier source first).
function offer(top: Ranked[], max: number, weight: number, source: number): void {
  if (weight <= 0 || (top.length === max && weight <= (top[max - 1] as Ranked).weight)) return;
  let at = top.length;
  while (at > 0 && (top[at - 1] as Ranked).weight < weight) at--;
  top.splice(at, 0, { weight, source });
  if (top.length > max) top.pop();
}

/** The features that push head `head` up the most, largest first (at most `max`). */
export function explainHead(
  features: CommentFeatures,
  seen: Int16Array,
  head: number,
  weightStep: number,
  text: string,
  max: number,
): FeatureContribution[] {
  const shares = tokenShares(features, seen, head, weightStep);
  const size = sumByWord(features, shares);
  const top: Ranked[] = [];
  for (let k = 0; k < features.wholeCount; k++) offer(top, max, weightStep * (seen[k * 2 + head] as number), -1 - k);
  // Words are offered in text order, each at its first occurrence, so ties resolve the same way every time.
  const mask = size - 1;
  for (let t = 0; t < features.tokens.length; t++) {
    const hash = features.wordHashes[t] as number;
    let slot = hash & mask;
    while (slotHash[slot] !== hash) slot = (slot + 1) & mask;
    if (slotToken[slot] === t + 1) offer(top, max, slotWeight[slot] as number, t);
  }
  // Contributions under a twentieth of the largest explain nothing a moderator could act on.
  const floor = (top[0]?.weight ?? 0) * MIN_SHARE_OF_TOP;
  return top.filter(({ weight }) => weight >= floor).map(({ weight, source }) => {
    if (source < 0) return { feature: features.properties[-1 - source] as string, weight: rounded(weight) };
    const { start, end } = features.tokens[source] as TextToken;
    return { feature: text.slice(start, end), weight: rounded(weight), start, end };
  });
}
