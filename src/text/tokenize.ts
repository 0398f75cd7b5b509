// The core of matching normalisation: fold every code unit, cut the text into words that remember
// where each folded character came from, and decode each word's spellings. Most words are plain
// slices of the input; the rest go through the general tokenizer in general-tokenize.ts.
import {
  foldCodePoint,
  UNIT_BANG_PLUS,
  UNIT_COMPLEX,
  UNIT_IGNORE,
  UNIT_LINE,
  UNIT_MAPPED,
  UNIT_QUOTE,
  UNIT_SAME,
  UNIT_SPACE,
  unitFold,
  unitKind,
} from './fold.js';
import { Cutter } from './cutter.js';
import { cutSlowWord } from './general-tokenize.js';
import { FAR_GAP, foldUnits, isLeetCode, makeToken, type MatchToken } from './token.js';

export type { MatchToken } from './token.js';

// Per-unit flags for `scanWord`, computed lazily from the fold tables: one lookup per character.
const UPPER = 1; // an ASCII capital: fold by hand
const LEET = 2; // a digit or "@$!+": leet decoding applies
const ARABIC = 4;
const MAPPED_UNIT = 8; // folds to a different character
const STOP = 16; // not a letter of a plain word: the scan ends here
const KNOWN = 32;
const scanFlagTable = new Uint8Array(0x10000);

function computeScanFlags(unit: number): number {
  const kind = unitKind(unit);
  let flags = KNOWN;
  if (kind === UNIT_SAME || kind === UNIT_MAPPED || kind === UNIT_BANG_PLUS) {
    const code = unitFold(unit);
    if (code !== unit) flags |= unit < 0x80 && code < 0x80 ? UPPER : MAPPED_UNIT;
    if (code < 0x80 && isLeetCode(code)) flags |= LEET;
    if (code >= 0x0600 && code <= 0x06ff) flags |= ARABIC;
  } else {
    flags |= STOP;
  }
  scanFlagTable[unit] = flags;
  return flags;
}

// Flags seen by the last `scanWord` call (kept out of its return value so indices stay integers).
let scannedFlags = 0;

// Scans the letters of a word from `from` while each code unit folds to one word character;
// returns the index of the first other unit and leaves the flags seen in `scannedFlags`.
function scanWord(input: string, from: number): number {
  let flags = 0;
  let j = from;
  for (; j < input.length; j++) {
    const unit = input.charCodeAt(j);
    let unitFlags = scanFlagTable[unit] as number;
    if (unitFlags === 0) unitFlags = computeScanFlags(unit);
    if (unitFlags & STOP) break;
    flags |= unitFlags;
  }
  scannedFlags = flags;
  return j;
}

function isBang(unit: number): boolean {
  return unitKind(unit) === UNIT_BANG_PLUS && unitFold(unit) === 0x21;
}

// Emoji and other astral symbols (surrogate pairs that fold to spaces) separate words.
function isSeparatorAt(input: string, i: number): boolean {
  const folded = foldCodePoint(input.codePointAt(i) as number);
  return folded !== '' && folded.trim() === '';
}

/** Cuts folded text into words (separators and apostrophes end one) and decodes their spellings. */
export function cutTokens(input: string): MatchToken[] {
  const tokens: MatchToken[] = [];
  let slow: Cutter | null = null;
  let gap = FAR_GAP;
  let clitic = false;
  for (let i = 0; i < input.length; ) {
    const unit = input.charCodeAt(i);
    const kind = unitKind(unit);
    if (kind === UNIT_SPACE || kind === UNIT_LINE || kind === UNIT_BANG_PLUS) {
      // A leading "!" or "+" is punctuation; only "@" and "$" may start a word ("$hit", "@ss").
      gap = kind === UNIT_LINE ? FAR_GAP : Math.min(gap + 1, FAR_GAP);
      clitic = false;
      i += 1;
    } else if (kind === UNIT_QUOTE || kind === UNIT_IGNORE) {
      if (kind === UNIT_QUOTE) gap = Math.min(gap + 1, FAR_GAP);
      i += 1;
    } else if (kind === UNIT_COMPLEX && isSeparatorAt(input, i)) {
      gap = Math.min(gap + 1, FAR_GAP);
      clitic = false;
      i += (input.codePointAt(i) as number) > 0xffff ? 2 : 1;
    } else {
      const end = kind === UNIT_COMPLEX ? i : scanWord(input, i);
      const flags = kind === UNIT_COMPLEX ? 0 : scannedFlags;
      const next = end < input.length ? unitKind(input.charCodeAt(end)) : UNIT_SPACE;
      let endedInWord = true;
      if (next === UNIT_IGNORE || (next === UNIT_COMPLEX && !isSeparatorAt(input, end))) {
        // This word needs explicit positions: hand it to the general tokenizer up to its end.
        slow ??= new Cutter(input, tokens);
        i = cutSlowWord(slow, input, i, gap, clitic);
        gap = slow.gap;
        endedInWord = slow.endedInWord;
      } else {
        pushSlice(tokens, input, i, end, flags, gap, clitic);
        i = end;
        gap = 0;
      }
      // An apostrophe right after a word glues the next word to it ("team's", "don't").
      clitic = endedInWord && i < input.length && unitKind(input.charCodeAt(i)) === UNIT_QUOTE;
      if (clitic) i += 1;
    }
  }
  return tokens;
}

// Emits the word input[start, end) whose units each fold to one character (positions implicit).
function pushSlice(
  tokens: MatchToken[],
  input: string,
  start: number,
  end: number,
  flags: number,
  gap: number,
  clitic: boolean,
): void {
  // A trailing "!" is punctuation ("shit!"); inside a word it is a leet "i" ("sh!t").
  while (end > start && isBang(input.charCodeAt(end - 1))) end--;
  if (end === start) return;
  // Capitals are folded by hand: toLowerCase() on a two-byte (Arabic-bearing) string is much slower.
  const chars = flags & (MAPPED_UNIT | UPPER) ? foldUnits(input, start, end) : input.slice(start, end);
  const leet = (flags & LEET) !== 0;
  tokens.push(makeToken(chars, leet, (flags & ARABIC) !== 0, start, end, null, null, gap, clitic));
}
