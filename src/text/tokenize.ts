// First stage of matching normalisation: fold every code point and cut the result into raw
// tokens that remember where each folded character came from in the original string.
import { foldCodePoint } from './fold.js';

/** A word cut from the folded text, before leet decoding and joining of spaced letters. */
export interface RawToken {
  /** Folded characters; may still hold ASCII digits and the leet symbols "@$!+". */
  chars: string;
  /** UTF-16 span of the token in the original text. */
  start: number;
  end: number;
  /**
   * Original start/end offset of each folded character, or null when character k is simply
   * the code unit at start + k (the common case, kept implicit to avoid two arrays per word).
   */
  starts: number[] | null;
  ends: number[] | null;
  /** Separator characters since the previous token; Infinity after a line break or at the start. */
  gapBefore: number;
  /** True when glued to the previous token by an apostrophe ("team's", "don't"). */
  clitic: boolean;
  /** Holds an ASCII digit or a leet symbol, so leet decoding may apply. */
  leet: boolean;
  /** Holds an Arabic letter, so Arabic proclitics apply. */
  arabic: boolean;
}

const SPACE = 0x20;
const LINE = 0x0a;
const QUOTE = 0x27;
const BANG = 0x21;
const PLUS = 0x2b;

// How a token's characters are obtained. While every code unit folds to exactly one character,
// positions stay implicit: SLICE when each folds to itself or its ASCII lower case (a lower-cased
// slice), MAPPED when some fold to another letter (ة → ه). BUILT keeps explicit positions, for
// ignorable characters, multi-character folds and surrogate pairs.
const SLICE = 0;
const MAPPED = 1;
const BUILT = 2;

function isLeetCode(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || code === 0x40 || code === 0x24 || code === BANG || code === PLUS;
}

function foldUnits(input: string, from: number, to: number): string {
  let out = '';
  for (let p = from; p < to; p++) out += foldCodePoint(input.charCodeAt(p));
  return out;
}

// One cutter per call; a class keeps the per-character state in fields the JIT can keep tight.
class Cutter {
  readonly tokens: RawToken[] = [];
  start = -1; // start of the current token, -1 between tokens
  mode = SLICE;
  private chars = '';
  private starts: number[] = [];
  private ends: number[] = [];
  upper = false;
  leet = false;
  arabic = false;
  private clitic = false;
  private gap = Infinity;
  private afterApostrophe = false;

  constructor(private readonly input: string) {}

  /** Adds one folded character from the original span [at, to); `single` if it is the only one. */
  add(code: number, folded: string, at: number, to: number, single: boolean): void {
    if (code === SPACE || code === LINE) {
      if (this.start >= 0) this.flush(at);
      this.gap = code === LINE ? Infinity : this.gap + 1;
      this.afterApostrophe = false;
    } else if (code === QUOTE) {
      if (this.start >= 0) {
        this.flush(at);
        this.afterApostrophe = true;
      } else this.gap += 1;
    } else if ((code === BANG || code === PLUS) && this.start < 0) {
      // Only "@" and "$" may start a word ("$hit", "@ss"); a leading "!" or "+" is punctuation.
      this.gap += 1;
      this.afterApostrophe = false;
    } else {
      if (this.start < 0) this.begin(at);
      if (code < 0x80) this.leet ||= isLeetCode(code);
      else this.arabic ||= code >= 0x0600 && code <= 0x06ff;
      if (this.mode !== BUILT && !(single && to === at + 1)) this.startBuilding(at);
      if (this.mode === BUILT) {
        this.chars += folded;
        this.starts.push(at);
        this.ends.push(to);
      } else if (code !== this.input.charCodeAt(at)) {
        if (code < 0x80 && this.input.charCodeAt(at) < 0x80) this.upper = true;
        else this.mode = MAPPED;
      }
    }
  }

  /** Notes an ignorable code point at `at`: it leaves the word whole but shifts positions. */
  ignore(at: number): void {
    if (this.start >= 0 && this.mode !== BUILT) this.startBuilding(at);
  }

  private begin(at: number): void {
    this.start = at;
    this.mode = SLICE;
    this.upper = this.leet = this.arabic = false;
    this.clitic = this.afterApostrophe;
    this.afterApostrophe = false;
  }

  private implicitChars(end: number): string {
    if (this.mode === MAPPED) return foldUnits(this.input, this.start, end);
    const slice = this.input.slice(this.start, end);
    return this.upper ? slice.toLowerCase() : slice;
  }

  private startBuilding(upTo: number): void {
    this.chars = this.implicitChars(upTo);
    this.starts = [];
    this.ends = [];
    for (let p = this.start; p < upTo; p++) {
      this.starts.push(p);
      this.ends.push(p + 1);
    }
    this.mode = BUILT;
  }

  flush(end: number): void {
    let chars: string;
    let starts: number[] | null = null;
    let ends: number[] | null = null;
    if (this.mode !== BUILT) {
      chars = this.implicitChars(end);
    } else {
      chars = this.chars;
      starts = this.starts;
      ends = this.ends;
    }
    // A trailing "!" is punctuation ("shit!"); inside a word it is a leet "i" ("sh!t").
    while (chars.endsWith('!')) {
      chars = chars.slice(0, -1);
      starts?.pop();
      ends?.pop();
    }
    end = ends === null ? this.start + chars.length : (ends[ends.length - 1] ?? this.start);
    const { start, gap: gapBefore, clitic, leet, arabic } = this;
    if (chars !== '') this.tokens.push({ chars, start, end, starts, ends, gapBefore, clitic, leet, arabic });
    this.start = -1;
    this.gap = 0;
  }
}

// Skips the plain middle of a word: code units that each fold to one word character, which is
// most of any text. Returns the index of the first unit it cannot decide on.
function scanPlainRun(input: string, from: number, cutter: Cutter): number {
  let j = from;
  for (; j < input.length; j++) {
    const c = input.charCodeAt(j);
    if (c < 0x80) {
      if (c >= 0x61 && c <= 0x7a) continue;
      if (c >= 0x41 && c <= 0x5a) cutter.upper = true;
      else if (isLeetCode(c)) cutter.leet = true;
      else break;
    } else {
      if (c >= 0xd800 && c <= 0xdfff) break;
      const folded = foldCodePoint(c);
      if (folded.length !== 1) break;
      const code = folded.charCodeAt(0);
      // Outside ASCII a single folded character is a word character unless it is one of these.
      if (code === SPACE || code === LINE || code === QUOTE) break;
      if (code !== c) cutter.mode = MAPPED;
      if (code < 0x80) cutter.leet ||= isLeetCode(code);
      else cutter.arabic ||= code >= 0x0600 && code <= 0x06ff;
    }
  }
  return j;
}

/** Cuts text into raw tokens after folding; separators and apostrophes end a token. */
export function cutRawTokens(input: string): RawToken[] {
  const cutter = new Cutter(input);
  for (let i = 0; i < input.length; ) {
    if (cutter.start >= 0 && cutter.mode !== BUILT) {
      i = scanPlainRun(input, i, cutter);
      if (i >= input.length) break;
    }
    let codePoint = input.charCodeAt(i);
    let width = 1;
    if (codePoint >= 0xd800 && codePoint <= 0xdbff && i + 1 < input.length) {
      const low = input.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        codePoint = ((codePoint - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
        width = 2;
      }
    }
    const folded = foldCodePoint(codePoint);
    if (folded === '') cutter.ignore(i);
    else if (folded.length === 1) cutter.add(folded.charCodeAt(0), folded, i, i + width, true);
    else for (let k = 0; k < folded.length; k++) cutter.add(folded.charCodeAt(k), folded[k] as string, i, i + width, false);
    i += width;
  }
  if (cutter.start >= 0) cutter.flush(input.length);
  return cutter.tokens;
}
