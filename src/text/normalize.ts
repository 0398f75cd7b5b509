// The matching normaliser. Stored text is never changed: this only produces tokens to match
// against, each able to point back at the exact span of the original string it came from.
import { collapseRepeats } from './spelling.js';
import { cutTokensGenerally } from './general-tokenize.js';
import { cutTokens, type MatchToken } from './tokenize.js';

export type { TokenVariant } from './spelling.js';
export type { MatchToken } from './tokenize.js';

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

// A lone letter, not glued by an apostrophe ("s" in "team's"), can be part of a spelled-apart word.
function isSingleLetter(token: MatchToken): boolean {
  return token.letters.length === 1 && !token.clitic && token.alternative === null && /\p{L}/u.test(token.letters);
}

// End of the run of closely spaced lone letters that starts at i (i + 1 when there is none).
function spacedRunEnd(tokens: readonly MatchToken[], i: number): number {
  if (!isSingleLetter(tokens[i] as MatchToken)) return i + 1;
  let j = i + 1;
  for (; j < tokens.length; j++) {
    const next = tokens[j] as MatchToken;
    if (next.gapBefore > MAX_SPACED_GAP || !isSingleLetter(next)) break;
  }
  return j;
}

// Joins the lone letters tokens[i..j) into one spaced token.
function joinLetters(tokens: readonly MatchToken[], i: number, j: number): MatchToken {
  let letters = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let arabic = false;
  for (let k = i; k < j; k++) {
    const token = tokens[k] as MatchToken;
    letters += token.letters;
    starts.push(token.start);
    ends.push(token.end);
    arabic ||= token.arabic;
  }
  const { skeleton, runs } = collapseRepeats(letters);
  const { start, gapBefore, clitic } = tokens[i] as MatchToken;
  const end = (tokens[j - 1] as MatchToken).end;
  const spaced = true;
  return { letters, skeleton, runs, alternative: null, start, end, starts, ends, arabic, spaced, gapBefore, clitic };
}

function joinSpacedLetters(tokens: MatchToken[]): MatchToken[] {
  let out: MatchToken[] | null = null; // copied only when some letters are joined
  for (let i = 0; i < tokens.length; i++) {
    const j = spacedRunEnd(tokens, i);
    if (j - i >= 2) {
      out ??= tokens.slice(0, i);
      out.push(joinLetters(tokens, i, j));
      i = j - 1;
    } else {
      out?.push(tokens[i] as MatchToken);
    }
  }
  return out ?? tokens;
}

/** Normalises text into match tokens: folded, leet-decoded, spaced letters joined, repeats collapsed. */
export function tokenizeForMatching(input: string): MatchToken[] {
  return joinSpacedLetters(cutTokens(input));
}

/** Normalises a word-list entry exactly like text, through the general tokenizer (see general-tokenize.ts). */
export function tokenizeEntry(entry: string): MatchToken[] {
  return joinSpacedLetters(cutTokensGenerally(entry));
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
      // The gap between two tokens; empty when both come from one code point ("ﷺ").
      text += ' ';
      starts.push(Math.min(previousEnd, token.start));
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
