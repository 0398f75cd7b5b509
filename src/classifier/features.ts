// Turns a comment into hashed feature buckets: character n-grams inside each word (padded with a
// boundary mark, so "كلب" at the start, middle and end of a word differ, and "والكلب" still shares
// "كلب " with "كلب"), whole words, word pairs, and a few properties of the whole text. Each feature
// remembers which token it came from, so a score can be explained with spans of the original.
import { textProperties } from './text-properties.js';
import { WORD, type TextToken } from './text-token.js';
import { tokenizeComment } from './tokens.js';
import type { FeatureOptions } from './types.js';

/** A comment as feature buckets, each occurrence counted (a repeated n-gram appears again). */
export interface FeatureVector {
  buckets: Int32Array;
  /** Buckets [0, wholeCount) are properties of the whole text, with value 1 each. */
  wholeCount: number;
  /** Buckets [wholeCount, count) come from tokens and have value `scale` each. */
  count: number;
  /** 1 / sqrt(number of token features): long and short comments weigh alike. */
  scale: number;
}

/** The features of one comment. Buffers are reused by the next call: copy what must be kept. */
export interface CommentFeatures extends FeatureVector {
  tokens: TextToken[];
  /** Per token, the hash of its folded form: equal words have equal hashes. */
  wordHashes: Int32Array;
  /** The whole-text properties behind buckets [0, wholeCount), as phrases. */
  properties: string[];
  /**
   * Token t's features are [tokenStarts[t], tokenStarts[t + 1]): its word, then (for t > 0) the
   * pair it forms with token t − 1, then its n-grams.
   */
  tokenStarts: Int32Array;
}

const WORD_SEED = 0x2f6b1a3d;
const PAIR_SEED = 0x61c88647;
const GRAM_SEED = 0x7feb352d;
const PROPERTY_SEED = 0x1b873593;
const SPACE = 0x20;
const FNV_PRIME = 0x01000193;

/** The bucket of a 32-bit hash: the top bits of its product with 2^32 / φ (Fibonacci hashing). */
function bucketOf(h: number, shift: number): number {
  return Math.imul(h, 0x9e3779b1) >>> shift;
}

// FNV-1a over letters[from, to).
function hashCodes(letters: Int32Array, from: number, to: number, seed: number): number {
  let h = seed;
  for (let k = from; k < to; k++) h = Math.imul(h ^ (letters[k] as number), FNV_PRIME);
  return h;
}

let buckets = new Int32Array(4096);
let count = 0;

// Makes room for `more` features (buffers only grow, and are shared by every call).
function reserve(more: number): void {
  if (count + more <= buckets.length) return;
  const size = Math.max(buckets.length * 2, count + more);
  const grown = new Int32Array(size);
  grown.set(buckets.subarray(0, count));
  buckets = grown;
}

function push(bucket: number): void {
  reserve(1);
  buckets[count++] = bucket;
}

// Character n-grams of " word ": every length in [minGram, maxGram] at every position. The hot
// loop of feature extraction, so written out by hand (FNV-1a extended one letter at a time).
function pushGrams(letters: Int32Array, from: number, to: number, options: FeatureOptions, shift: number): void {
  const { minGram, maxGram } = options;
  const padded = to - from + 2;
  reserve(padded * maxGram);
  for (let i = 0; i < padded; i++) {
    let h = GRAM_SEED;
    const longest = Math.min(maxGram, padded - i);
    for (let n = 1; n <= longest; n++) {
      const p = i + n - 1;
      h = Math.imul(h ^ (p === 0 || p === padded - 1 ? SPACE : (letters[from + p - 1] as number)), FNV_PRIME);
      if (n < minGram || (n === 1 && (p === 0 || p === padded - 1))) continue;
      buckets[count++] = bucketOf(h + n, shift);
    }
  }
}

/** Extracts the features of a comment (into shared buffers: see `CommentFeatures`). */
export function extractFeatures(text: string, options: FeatureOptions): CommentFeatures {
  const shift = 32 - options.hashBits;
  const { tokens, letters } = tokenizeComment(text);
  count = 0;
  const properties = textProperties(text, tokens);
  for (const property of properties) {
    let h = PROPERTY_SEED;
    for (let k = 0; k < property.length; k++) h = Math.imul(h ^ property.charCodeAt(k), FNV_PRIME);
    push(bucketOf(h, shift));
  }
  const wholeCount = count;
  const wordHashes = new Int32Array(tokens.length);
  const tokenStarts = new Int32Array(tokens.length + 1);
  for (let t = 0; t < tokens.length; t++) {
    const { kind, from, to } = tokens[t] as TextToken;
    const word = hashCodes(letters, from, to, WORD_SEED + kind);
    wordHashes[t] = word;
    tokenStarts[t] = count;
    push(bucketOf(word, shift));
    if (t > 0) push(bucketOf(Math.imul((wordHashes[t - 1] as number) ^ PAIR_SEED, FNV_PRIME) ^ word, shift));
    if (kind === WORD) pushGrams(letters, from, to, options, shift);
  }
  tokenStarts[tokens.length] = count;
  const tokenCount = count - wholeCount;
  const scale = tokenCount > 0 ? 1 / Math.sqrt(tokenCount) : 0;
  return { tokens, wordHashes, tokenStarts, properties, wholeCount, count, buckets, scale };
}
