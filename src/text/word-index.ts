// A word list compiled for matching: every entry is normalised exactly like the text it is
// matched in, and indexed by the skeleton of its first word.
import { tokenizeEntry, type MatchToken } from './normalize.js';
import { gluedVocative } from './proclitics.js';
import { collapseRepeats, type TokenVariant } from './spelling.js';

/** One word of a compiled entry. */
export interface Pattern {
  readonly skeleton: string;
  readonly runs: string;
}

/** A list entry in one of its spellings. */
export interface CompiledEntry {
  /** The list entry as given. */
  readonly entry: string;
  /** Position in the list: when several entries match the same span, the earliest is reported. */
  readonly order: number;
  readonly words: readonly Pattern[];
  readonly arabic: boolean;
  /**
   * Two-letter Arabic words (كس، زب) collide with ordinary words once a bare preposition is
   * stripped ("بكس" is a box), so behind proclitics they only match together with the article.
   */
  readonly short: boolean;
}

/** Compiled entries by first-word skeleton, plus cheap numeric filters tried before it. */
export interface WordIndex {
  readonly bySkeleton: ReadonlyMap<string, readonly CompiledEntry[]>;
  /** `shapeKey` of every first-word skeleton: most text words fail this before any string hashing. */
  readonly shapes: ReadonlySet<number>;
  /** `headKey` of the Arabic first words, checked before a proclitic split is cut out. */
  readonly arabicHeads: ReadonlySet<number>;
}

/** Whether a text run-length string fits an entry's: a stretched run (3) fits 1 or 2, else equal. */
export function runsMatch(text: string, entry: string): boolean {
  // So "ass" never matches "as" and "cok" never "cook", but "asssss" matches "ass".
  if (text === entry) return true;
  for (let i = 0; i < entry.length; i++) {
    if (text.charCodeAt(i) !== entry.charCodeAt(i) && text.charCodeAt(i) !== 0x33) return false;
  }
  return true;
}

/** The first two distinct letters of a word starting at `from`, as one number. */
export function headKey(letters: string, from: number): number {
  const first = letters.charCodeAt(from);
  let k = from + 1;
  while (k < letters.length && letters.charCodeAt(k) === first) k++;
  return first * 0x10000 + (k < letters.length ? letters.charCodeAt(k) : 0);
}

/** First two letters and length of a skeleton as one number. */
export function shapeKey(skeleton: string): number {
  const second = skeleton.length > 1 ? skeleton.charCodeAt(1) : 0;
  return (skeleton.charCodeAt(0) * 0x10000 + second) * 32 + Math.min(skeleton.length, 31);
}

// Every combination of the words' spellings ("1" as "i" or "l"), capped so that a long entry full
// of 1s cannot blow up: past the cap only primary spellings are added.
const MAX_SPELLINGS = 64;

function spellingsOf(tokens: readonly MatchToken[]): Pattern[][] {
  let combos: Pattern[][] = [[]];
  for (const token of tokens) {
    const alternative = combos.length < MAX_SPELLINGS ? token.alternative : null;
    const variants: TokenVariant[] = alternative === null ? [token] : [token, alternative];
    combos = combos.flatMap((combo) => variants.map((v) => [...combo, { skeleton: v.skeleton, runs: v.runs }]));
  }
  return combos;
}

function compileEntry(entry: string): Pattern[][] {
  const tokens = tokenizeEntry(entry);
  if (tokens.length === 0) return [];
  const spellings = spellingsOf(tokens);
  const glued = tokens.length >= 2 ? gluedVocative(tokens[0]?.letters ?? '', tokens[1]?.letters ?? '') : undefined;
  if (glued !== undefined) {
    const { skeleton, runs } = collapseRepeats(glued);
    for (const rest of spellingsOf(tokens.slice(2))) spellings.push([{ skeleton, runs }, ...rest]);
  }
  return spellings;
}

function keyOf(patterns: readonly Pattern[]): string {
  return patterns.map((p) => `${p.skeleton}/${p.runs}`).join(' ');
}

/** Normalised keys of a list entry (one per spelling); entries with a shared key match alike. */
export function entryKeys(entry: string): string[] {
  return compileEntry(entry).map(keyOf);
}

/** Compiles a word list; entries that normalise alike are kept once, under the first given. */
export function buildWordIndex(words: readonly string[]): WordIndex {
  const bySkeleton = new Map<string, CompiledEntry[]>();
  const shapes = new Set<number>();
  const arabicHeads = new Set<number>();
  const seen = new Set<string>();
  for (const [order, entry] of words.entries()) {
    for (const patterns of compileEntry(entry)) {
      const key = keyOf(patterns);
      if (seen.has(key)) continue;
      seen.add(key);
      const head = patterns[0] as Pattern;
      const arabic = /[\u0600-\u06ff]/.test(head.skeleton);
      const compiled: CompiledEntry = { entry, order, words: patterns, arabic, short: head.skeleton.length <= 2 };
      const bucket = bySkeleton.get(head.skeleton);
      if (bucket) bucket.push(compiled);
      else bySkeleton.set(head.skeleton, [compiled]);
      shapes.add(shapeKey(head.skeleton));
      if (arabic) arabicHeads.add(headKey(head.skeleton, 0));
    }
  }
  return { bySkeleton, shapes, arabicHeads };
}
