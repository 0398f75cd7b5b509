// Examples as feature vectors for training. Extraction is the costly part of a training pass, so
// vectors are kept between passes, up to a memory budget: past it, the rest are extracted again on
// every pass. 50,000 long comments would otherwise hold hundreds of megabytes in a worker.
import { extractFeatures, type FeatureVector } from './features.js';
import type { Example, FeatureOptions } from './types.js';

/** Bucket occurrences kept in memory (4 bytes each): 64 MB. */
const DEFAULT_CACHE_BUCKETS = 16_000_000;

/** Labelled examples whose feature vectors are read by index. */
export class EncodedExamples {
  /** Targets of the abusive and spam heads, per example. */
  readonly abusive: Uint8Array;
  readonly spam: Uint8Array;
  private readonly cached: (FeatureVector | undefined)[];

  constructor(
    private readonly examples: readonly Example[],
    readonly features: FeatureOptions,
    cacheBuckets = DEFAULT_CACHE_BUCKETS,
  ) {
    this.abusive = Uint8Array.from(examples, (e) => (e.label === 'abusive' ? 1 : 0));
    this.spam = Uint8Array.from(examples, (e) => (e.label === 'spam' ? 1 : 0));
    this.cached = new Array<FeatureVector | undefined>(examples.length);
    let budget = cacheBuckets;
    for (let i = 0; i < examples.length && budget > 0; i++) {
      const { buckets, wholeCount, count, scale } = extractFeatures((examples[i] as Example).text, features);
      this.cached[i] = { buckets: buckets.slice(0, count), wholeCount, count, scale };
      budget -= count;
    }
  }

  /** The vector of example i; an uncached one is only valid until the next call. */
  vector(i: number): FeatureVector {
    return this.cached[i] ?? extractFeatures((this.examples[i] as Example).text, this.features);
  }
}
