// The state machine of the general tokenizer (see general-tokenize.ts): it takes folded
// characters one at a time, with the original span each came from, and emits tokens.
import { FAR_GAP, foldUnits, isLeetCode, makeToken, type MatchToken } from './token.js';

const SPACE = 0x20;
const LINE = 0x0a;
const QUOTE = 0x27;
const BANG = 0x21;
const PLUS = 0x2b;

// How a token's characters are obtained. While every code unit folds to exactly one character,
// positions stay implicit: SLICE when each folds to itself, MAPPED when some fold to another
// character ("A" → "a", "ة" → "ه"). BUILT keeps explicit positions, for ignorable characters,
// multi-character folds and surrogate pairs.
const SLICE = 0;
const MAPPED = 1;
const BUILT = 2;

/** Tokenizer state that survives from one slow word to the next within one text. */
export class Cutter {
  /** Start of the current token, -1 between tokens. */
  start = -1;
  /** Separators since the last token (see `MatchToken.gapBefore`). */
  gap = FAR_GAP;
  /** The last unit seen was an apostrophe right after a word. */
  afterApostrophe = false;
  /** Whether the last `feed` stopped in the middle of a word (so an apostrophe there glues). */
  endedInWord = false;
  private mode = SLICE;
  private leet = false;
  private arabic = false;
  private chars = '';
  private starts: number[] = [];
  private ends: number[] = [];
  private clitic = false;

  constructor(
    private readonly input: string,
    readonly tokens: MatchToken[],
  ) {}

  /** A word character folded to `code`, from the original span [at, to). */
  word(code: number, at: number, to: number): void {
    if (this.start < 0) this.begin(at);
    if (code < 0x80) this.leet ||= isLeetCode(code);
    else this.arabic ||= code >= 0x0600 && code <= 0x06ff;
    if (this.mode !== BUILT && to !== at + 1) this.startBuilding(at);
    if (this.mode === BUILT) {
      this.chars += String.fromCharCode(code);
      this.starts.push(at);
      this.ends.push(to);
    } else if (code !== this.input.charCodeAt(at)) {
      this.mode = MAPPED;
    }
  }

  /** A separator (or, with `line`, a line break) at `at`: ends the current word. */
  space(at: number, line: boolean): void {
    if (this.start >= 0) this.flush(at);
    this.gap = line ? FAR_GAP : Math.min(this.gap + 1, FAR_GAP);
    this.afterApostrophe = false;
  }

  /** An apostrophe: ends the current word and glues the next one to it ("team's"). */
  apostrophe(at: number): void {
    if (this.start >= 0) {
      this.flush(at);
      this.afterApostrophe = true;
    } else this.gap = Math.min(this.gap + 1, FAR_GAP);
  }

  /** "!" or "+": a leet letter inside a word, punctuation at its start (unlike "@" and "$"). */
  bangOrPlus(code: number, at: number, to: number): void {
    if (this.start >= 0) this.word(code, at, to);
    else this.space(at, false);
  }

  /** An ignorable code point: it leaves the word whole but shifts positions. */
  ignore(at: number, to: number): void {
    if (this.start < 0) return;
    if (this.mode !== BUILT) this.startBuilding(at);
    // Marks and invisible characters belong to the letter before them ("كلبٌ" is reported whole).
    if (this.ends.length > 0) this.ends[this.ends.length - 1] = to;
  }

  /** A code point that folds to several characters, or a surrogate pair, at [at, to). */
  complex(folded: string, at: number, to: number): void {
    if (folded === '') return this.ignore(at, to);
    if (this.start >= 0 && this.mode !== BUILT) this.startBuilding(at);
    for (let k = 0; k < folded.length; k++) {
      const code = folded.charCodeAt(k);
      if (code === SPACE || code === LINE) this.space(at, code === LINE);
      else if (code === QUOTE) this.apostrophe(at);
      else if (code === BANG || code === PLUS) this.bangOrPlus(code, at, to);
      else {
        if (this.start < 0) {
          this.begin(at);
          this.startBuilding(at);
        }
        this.word(code, at, to);
      }
    }
  }

  private begin(at: number): void {
    this.start = at;
    this.mode = SLICE;
    this.leet = this.arabic = false;
    this.clitic = this.afterApostrophe;
    this.afterApostrophe = false;
  }

  private implicitChars(end: number): string {
    return this.mode === MAPPED ? foldUnits(this.input, this.start, end) : this.input.slice(this.start, end);
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

  /** Emits the current word, which ends at `end`; a trailing "!" is punctuation, not a letter. */
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
    while (chars.endsWith('!')) {
      chars = chars.slice(0, -1);
      starts?.pop();
      ends?.pop();
    }
    end = ends === null ? this.start + chars.length : (ends[ends.length - 1] ?? this.start);
    if (chars !== '') {
      this.tokens.push(makeToken(chars, this.leet, this.arabic, this.start, end, starts, ends, this.gap, this.clitic));
    }
    this.start = -1;
    this.gap = 0;
  }
}
