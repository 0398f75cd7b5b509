// Collects folded letters into words for `tokenizeComment`: runs of three or more equal letters
// are cut to two, a trailing "!" is punctuation, leet digits and symbols inside a word are read
// as letters the way the word matcher reads them ("sh1t", "@$$"), and a word made only of digits
// becomes a number shape ("0000" for any four digits).
import { decodeLeet } from '../text/spelling.js';
import { NUMBER, WORD, type TextToken } from './text-token.js';

const BANG = 0x21;
const ZERO = 0x30;
// Numbers longer than this are all alike: a phone number is a phone number.
const MAX_NUMBER_SHAPE = 12;

function isDigit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x660 && code <= 0x669) || (code >= 0x6f0 && code <= 0x6f9);
}

function isLeet(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || code === 0x40 || code === 0x24 || code === BANG || code === 0x2b;
}

let shared = new Int32Array(4096);

/** Builds the tokens of one text into a letter buffer shared by every scan. */
export class WordBuilder {
  readonly tokens: TextToken[] = [];
  letters = shared;
  private length = 0;
  private start = -1;
  private wordEnd = 0;
  /** Where the word ends without its trailing "!"s. */
  private endBeforeBangs = 0;
  private from = 0;
  private arabic = false;
  private stretched = false;
  private leet = false;

  /** A folded letter from the original span [at, to). */
  letter(code: number, at: number, to: number): void {
    if (this.start < 0) this.begin(at);
    this.wordEnd = to;
    if (code !== BANG) this.endBeforeBangs = to;
    const n = this.length;
    if (n - this.from >= 2 && this.letters[n - 1] === code && this.letters[n - 2] === code) {
      this.stretched ||= code !== BANG; // "!!!" is punctuation, not a stretched letter
      return;
    }
    if (n === this.letters.length) this.grow();
    this.letters[this.length++] = code;
    if (code >= 0x600 && code <= 0x6ff) this.arabic = true;
    else if (code < 0x80 && isLeet(code)) this.leet = true;
  }

  /** "!" or "+": a leet letter inside a word, punctuation before one. */
  bangOrPlus(code: number, at: number): void {
    if (this.start >= 0) this.letter(code, at, at + 1);
  }

  /** A mark, tatweel or invisible character: part of the word it sits in. */
  ignore(to: number): void {
    if (this.start < 0) return;
    if (this.wordEnd === this.endBeforeBangs) this.endBeforeBangs = to;
    this.wordEnd = to;
  }

  /** A link, address, mention or emoji: a token of its own, hashed from `key`. */
  special(kind: number, key: string, start: number, end: number): void {
    this.end();
    const from = this.length;
    for (let k = 0; k < key.length; k++) {
      if (this.length === this.letters.length) this.grow();
      this.letters[this.length++] = key.charCodeAt(k);
    }
    this.tokens.push({ kind, start, end, from, to: this.length, arabic: false, stretched: false });
  }

  /** Ends the current word, if any. */
  end(): void {
    if (this.start < 0) return;
    // A trailing "!" is punctuation ("shit!!"), inside a word a leet "i" ("sh!t").
    if (this.letters[this.length - 1] === BANG) {
      while (this.length > this.from && this.letters[this.length - 1] === BANG) this.length--;
      this.wordEnd = this.endBeforeBangs;
    }
    if (this.length > this.from) this.tokens.push(this.finish());
    this.start = -1;
  }

  private begin(at: number): void {
    this.start = at;
    this.from = this.length;
    this.arabic = this.stretched = this.leet = false;
  }

  private finish(): TextToken {
    const { from, start, wordEnd: end, arabic, stretched } = this;
    let digits = 0;
    for (let k = from; k < this.length; k++) if (isDigit(this.letters[k] as number)) digits++;
    if (digits === this.length - from) {
      this.length = from + Math.min(digits, MAX_NUMBER_SHAPE);
      this.letters.fill(ZERO, from, this.length);
      return { kind: NUMBER, start, end, from, to: this.length, arabic: false, stretched: false };
    }
    if (this.leet) {
      // Rare (digits or "@$!+" inside a word), so decoding may build a string.
      const decoded = decodeLeet(String.fromCharCode(...this.letters.subarray(from, this.length)))[0] as string;
      for (let k = 0; k < decoded.length; k++) this.letters[from + k] = decoded.charCodeAt(k);
    }
    return { kind: WORD, start, end, from, to: this.length, arabic, stretched };
  }

  private grow(): void {
    const grown = new Int32Array(this.letters.length * 2);
    grown.set(this.letters);
    shared = this.letters = grown;
  }
}
