// The matching normaliser. Stored text is never changed: this only produces tokens to match
// against, each able to point back at the exact span of the original string it came from.
import { decodeLeet } from './leet.js';
import { cutRawTokens, type RawToken } from './tokenize.js';

/** One spelling of a token: its letters, the letters with repeats collapsed, and the run lengths. */
export interface TokenVariant {
  /** Normalised letters, one per original-position entry (substitutions are one-to-one). */
  readonly letters: string;
  /** `letters` with every run of a repeated letter reduced to one ("shiiit" → "shit"). */
  readonly skeleton: string;
  /** One digit per skeleton letter: run length 1, 2, or 3 meaning "three or more" (stretched). */
  readonly runs: string;
}

/** A normalised word of the original text: its primary spelling plus where it came from. */
export interface MatchToken extends TokenVariant {
  /** A second spelling when a "1" could be read as "l" as well as "i" ("ho1e"), else null. */
  readonly alternative: TokenVariant | null;
  /** UTF-16 span of the whole token in the original text. */
  readonly start: number;
  readonly end: number;
  /** Original start/end of each letter, or null when letter k is the code unit at start + k. */
  readonly starts: readonly number[] | null;
  readonly ends: readonly number[] | null;
  /** Contains Arabic letters, so Arabic proclitics apply. */
  readonly arabic: boolean;
  /** Joined from single letters written apart ("s h i t", "ك ل ب"). */
  readonly spaced: boolean;
}

/** Original UTF-16 offset where letter k of a token starts. */
export function letterStart(token: MatchToken, k: number): number {
  return token.starts === null ? token.start + k : (token.starts[k] as number);
}

/** Original UTF-16 offset where letter k of a token ends. */
export function letterEnd(token: MatchToken, k: number): number {
  return token.ends === null ? token.start + k + 1 : (token.ends[k] as number);
}

// Longest separator run still read as "letters spelled apart" ("s - h - i - t").
const MAX_SPACED_GAP = 3;
const ONES: string[] = [''];

function ones(n: number): string {
  // Cached for ordinary word lengths only, so a hostile 5,000-letter token cannot grow the cache.
  if (n > 64) return '1'.repeat(n);
  while (ONES.length <= n) ONES.push(`${ONES[ONES.length - 1] as string}1`);
  return ONES[n] as string;
}

/** Collapses repeated letters into a skeleton plus run lengths (3 stands for "three or more"). */
export function collapseRepeats(letters: string): TokenVariant {
  if (!hasRepeat(letters)) return { letters, skeleton: letters, runs: ones(letters.length) };
  let skeleton = '';
  let runs = '';
  for (let i = 0; i < letters.length; ) {
    let j = i + 1;
    while (j < letters.length && letters[j] === letters[i]) j++;
    skeleton += letters[i];
    runs += j - i >= 3 ? '3' : String(j - i);
    i = j;
  }
  return { letters, skeleton, runs };
}

function hasRepeat(letters: string): boolean {
  for (let i = 1; i < letters.length; i++) if (letters.charCodeAt(i) === letters.charCodeAt(i - 1)) return true;
  return false;
}

// Tokens are the hot allocation of matching, so the primary spelling is stored inline.
function toToken(raw: RawToken): MatchToken {
  const { start, end, starts, ends, arabic } = raw;
  let letters = raw.chars;
  let alternative: TokenVariant | null = null;
  if (raw.leet) {
    const spellings = decodeLeet(letters);
    letters = spellings[0] as string;
    if (spellings.length > 1) alternative = collapseRepeats(spellings[1] as string);
  }
  const { skeleton, runs } = hasRepeat(letters) ? collapseRepeats(letters) : { skeleton: letters, runs: ones(letters.length) };
  return { letters, skeleton, runs, alternative, start, end, starts, ends, arabic, spaced: false };
}

// A lone letter, not glued by an apostrophe ("s" in "team's"), can be part of a spelled-apart word.
function isSingleLetter(raw: RawToken): boolean {
  return raw.chars.length === 1 && !raw.clitic && (raw.chars === '@' || raw.chars === '$' || /\p{L}/u.test(raw.chars));
}

/** Joins lone letters from index i on when two or more follow each other closely; returns how many. */
function joinSpacedLetters(raws: readonly RawToken[], i: number, out: MatchToken[]): number {
  let j = i + 1;
  while (j < raws.length && (raws[j] as RawToken).gapBefore <= MAX_SPACED_GAP && isSingleLetter(raws[j] as RawToken)) j++;
  if (j - i < 2) return 0;
  let letters = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let arabic = false;
  for (let k = i; k < j; k++) {
    const raw = raws[k] as RawToken;
    letters += decodeLeet(raw.chars)[0];
    starts.push(raw.start);
    ends.push(raw.end);
    arabic ||= raw.arabic;
  }
  const start = starts[0] as number;
  const end = ends[ends.length - 1] as number;
  out.push({ ...collapseRepeats(letters), alternative: null, start, end, starts, ends, arabic, spaced: true });
  return j - i;
}

/** Normalises text into match tokens: folded, leet-decoded, spaced letters joined, repeats collapsed. */
export function tokenizeForMatching(input: string): MatchToken[] {
  const raws = cutRawTokens(input);
  const tokens: MatchToken[] = [];
  for (let i = 0; i < raws.length; i++) {
    const raw = raws[i] as RawToken;
    if (isSingleLetter(raw)) {
      const joined = joinSpacedLetters(raws, i, tokens);
      if (joined > 0) {
        i += joined - 1;
        continue;
      }
    }
    tokens.push(toToken(raw));
  }
  return tokens;
}

/** A readable normalised form of a text with a map from each of its positions to the original. */
export interface NormalizedText {
  /** Primary spellings of the tokens separated by single spaces; runs of 3+ letters shown once. */
  readonly text: string;
  /** For each UTF-16 index of `text`, the start / end offset of its source in the original. */
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  readonly tokens: readonly MatchToken[];
}

/** Normalises text for display and tests; matching itself uses `tokenizeForMatching`. */
export function normalizeForMatching(input: string): NormalizedText {
  const tokens = tokenizeForMatching(input);
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let previousEnd = 0;
  for (const token of tokens) {
    if (text !== '') {
      text += ' ';
      starts.push(previousEnd);
      ends.push(token.start);
    }
    const letters = token.letters;
    for (let i = 0; i < letters.length; ) {
      let j = i + 1;
      while (j < letters.length && letters[j] === letters[i]) j++;
      // A stretched run (3+) shows as one letter mapped to the whole run; doubles stay doubled.
      const step = j - i >= 3 ? j - i : 1;
      for (let k = i; k < j; k += step) {
        text += letters[k];
        starts.push(letterStart(token, k));
        ends.push(letterEnd(token, Math.min(k + step, j) - 1));
      }
      i = j;
    }
    previousEnd = token.end;
  }
  return { text, starts, ends, tokens };
}
