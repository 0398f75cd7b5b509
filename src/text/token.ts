// The word the matching normaliser produces, and how its spellings are decoded.
import { UNIT_SAME, unitFold, unitKind } from './fold.js';
import { collapseRepeats, decodeLeet, hasRepeat, singleRuns, type TokenVariant } from './spelling.js';

/** A normalised word of the original text: its primary spelling plus where it came from. */
export interface MatchToken extends TokenVariant {
  /** A second spelling when a "1" could be read as "l" as well as "i" ("ho1e"), else null. */
  readonly alternative: TokenVariant | null;
  /** UTF-16 span of the whole token in the original text. */
  readonly start: number;
  readonly end: number;
  /**
   * Original start/end offset of each letter, or null when letter k is simply the code unit at
   * start + k (the common case, kept implicit to avoid two arrays per word).
   */
  readonly starts: readonly number[] | null;
  readonly ends: readonly number[] | null;
  /** Contains Arabic letters, so Arabic proclitics apply. */
  readonly arabic: boolean;
  /** Joined from single letters written apart ("s h i t", "ك ل ب"). */
  readonly spaced: boolean;
  /** Separator characters since the previous token, capped at FAR_GAP (also after a line break). */
  readonly gapBefore: number;
  /** Glued to the previous token by an apostrophe ("s" in "team's", "t" in "don't"). */
  readonly clitic: boolean;
}

/**
 * The gap before the first token and after a line break. A small integer rather than Infinity so
 * the field stays a small integer in every token (a double field costs an allocation per token).
 */
export const FAR_GAP = 1000;

/** Whether a folded ASCII code is a digit or one of the leet symbols "@$!+". */
export function isLeetCode(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || code === 0x40 || code === 0x24 || code === 0x21 || code === 0x2b;
}

/** Folds units that each fold to one character, copying the unchanged stretches as slices. */
export function foldUnits(input: string, from: number, to: number): string {
  let out = '';
  let copied = from;
  for (let p = from; p < to; p++) {
    const unit = input.charCodeAt(p);
    if (unitKind(unit) === UNIT_SAME) continue;
    out += input.slice(copied, p) + String.fromCharCode(unitFold(unit));
    copied = p + 1;
  }
  return out + input.slice(copied, to);
}

/** Builds a token from a word's folded characters (trailing "!" already removed). */
export function makeToken(
  chars: string,
  leet: boolean,
  arabic: boolean,
  start: number,
  end: number,
  starts: number[] | null,
  ends: number[] | null,
  gapBefore: number,
  clitic: boolean,
): MatchToken {
  let letters = chars;
  let alternative: TokenVariant | null = null;
  if (leet) {
    const spellings = decodeLeet(chars);
    letters = spellings[0] as string;
    if (spellings.length > 1) alternative = collapseRepeats(spellings[1] as string);
  }
  let skeleton = letters;
  let runs: string;
  if (hasRepeat(letters)) ({ skeleton, runs } = collapseRepeats(letters));
  else runs = singleRuns(letters.length);
  return { letters, skeleton, runs, alternative, start, end, starts, ends, arabic, spaced: false, gapBefore, clitic };
}

