// Near-duplicate fingerprints for spam campaigns: MinHash over character 4-grams of the folded text
// (case, Arabic letter variants, diacritics and tatweel folded as for search; punctuation dropped), so
// copies with a few words changed keep most of their shingles. 64 minimums estimate the Jaccard
// similarity of two texts; the first 16, two by two, make 8 band hashes stored in indexed columns,
// which find candidates with one equality lookup per band (LSH). Own code rather than a library, and MinHash
// rather than SimHash: see docs/decisions/0015-bot-defences.md.
import { foldForSearch } from '../text/search-text.js';
import { linksIn } from './link-domains.js';

/** Texts shorter than this many words are too common to cluster ("thank you for this great article, well said"). */
const MIN_WORDS = 10;
/**
 * ...unless they carry a link: "Great read! www.cheap-pills.example" posted under every article is the commonest spam
 * there is, and no reader's "thank you" has a link in it. Its words count the link's.
 */
const MIN_WORDS_WITH_LINK = 3;
/** Two texts whose estimated shingle overlap (Jaccard) is at least this are near-duplicates. */
export const MIN_SIMILARITY = 0.5;
const SHINGLE = 4;
// 64 minimums estimate the similarity closely enough that unrelated texts on one topic stay apart;
// the first 16 of them, two per band, find the candidates.
const HASHES = 64;
const ROWS_PER_BAND = 2;
/** How many band columns a fingerprint fills. */
export const BANDS = 8;

/** A text's fingerprint: its minimums (for comparing) and band hashes (for finding candidates). */
export interface NearDuplicateFingerprint {
  /** The minimums as 8-digit hex, concatenated. */
  signature: string;
  /** 8 signed 32-bit band hashes. */
  bands: number[];
}

const SEEDS = Array.from({ length: HASHES }, (_, i) => Math.imul(i + 1, 0x9e3779b1) >>> 0);

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** A 32-bit finaliser (murmur3 fmix32): one base hash becomes 16 independent-looking ones. */
function mix(value: number): number {
  let h = value;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The fingerprint of a text, or null when it has too few words to say anything. */
export function fingerprintOf(text: string): NearDuplicateFingerprint | null {
  const words = foldForSearch(text).split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '');
  // Links are looked for only in the short texts they decide about: most posts have enough words without.
  if (words.length < MIN_WORDS && (words.length < MIN_WORDS_WITH_LINK || linksIn(text).length === 0)) return null;
  const joined = words.join(' ');
  const minimums = new Array<number>(HASHES).fill(0xffffffff);
  for (let i = 0; i + SHINGLE <= joined.length; i += 1) {
    const base = fnv1a(joined.slice(i, i + SHINGLE));
    for (let k = 0; k < HASHES; k += 1) {
      const value = mix(base ^ (SEEDS[k] as number));
      if (value < (minimums[k] as number)) minimums[k] = value;
    }
  }
  const bands: number[] = [];
  for (let band = 0; band < BANDS; band += 1) {
    const rows = minimums.slice(band * ROWS_PER_BAND, (band + 1) * ROWS_PER_BAND);
    bands.push(mix(rows.reduce((acc, row) => Math.imul(acc ^ row, 0x01000193), band)) | 0);
  }
  return { signature: minimums.map((value) => value.toString(16).padStart(8, '0')).join(''), bands };
}

/** The estimated Jaccard similarity of two signatures: the share of minimums they agree on. */
export function similarity(a: string, b: string): number {
  if (a.length !== b.length) return 0;
  let same = 0;
  // Compared in place: a post compares its signature with every candidate's, and slicing made two strings per minimum.
  for (let i = 0; i < a.length; i += 8) {
    let k = 0;
    while (k < 8 && a.charCodeAt(i + k) === b.charCodeAt(i + k)) k += 1;
    if (k === 8) same += 1;
  }
  return same / (a.length / 8);
}
