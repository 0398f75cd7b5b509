// Cuts a comment into the units features come from, each with its span in the original text so an
// explanation can point at it. Letters are folded one code unit at a time with src/text's tables
// (case, Arabic letter variants, tashkeel, tatweel, look-alikes) into a shared buffer of letter
// codes, without building strings: scoring must stay fast on long comments. Links, addresses,
// mentions and emoji are found first and kept whole.
import { foldCodePoint, UNIT_BANG_PLUS, UNIT_COMPLEX, UNIT_IGNORE, UNIT_MAPPED, UNIT_SAME, unitFold, unitKind } from '../text/fold.js';
import { findSpecials, type Special } from './specials.js';
import { LINK, MENTION, SYMBOL, type TextToken } from './text-token.js';
import { WordBuilder } from './word-builder.js';

/** A scanned comment. `letters` is shared and overwritten by the next scan. */
export interface ScannedComment {
  tokens: TextToken[];
  letters: Int32Array;
}

const KIND_OF_SPECIAL: Readonly<Record<Special['kind'], number>> = { link: LINK, email: LINK, mention: MENTION, emoji: SYMBOL };

// Links and addresses are one feature each ("link", "email") and all mentions are alike ("@"):
// which site or which user is rarely what makes a comment spam, and names would only be noise.
function specialKey(text: string, special: Special): string {
  if (special.kind === 'emoji') return text.slice(special.start, special.end);
  return special.kind === 'mention' ? '@' : special.kind;
}

/** Cuts a comment into tokens ordered by position. */
export function tokenizeComment(text: string): ScannedComment {
  const specials = findSpecials(text);
  const words = new WordBuilder();
  let next = 0; // the next special
  let nextStart = specials.length > 0 ? (specials[0] as Special).start : text.length;
  for (let i = 0; i < text.length; ) {
    if (i >= nextStart) {
      const special = specials[next++] as Special;
      words.special(KIND_OF_SPECIAL[special.kind], specialKey(text, special), special.start, special.end);
      i = Math.max(i, special.end);
      nextStart = next < specials.length ? (specials[next] as Special).start : text.length;
      continue;
    }
    const unit = text.charCodeAt(i);
    const kind = unitKind(unit);
    if (kind === UNIT_SAME || kind === UNIT_MAPPED) words.letter(unitFold(unit), i, i + 1);
    else if (kind === UNIT_BANG_PLUS) words.bangOrPlus(unitFold(unit), i);
    else if (kind === UNIT_IGNORE) words.ignore(i + 1);
    else if (kind === UNIT_COMPLEX) {
      const codePoint = text.codePointAt(i) as number;
      const width = codePoint > 0xffff ? 2 : 1;
      const folded = foldCodePoint(codePoint);
      if (folded === '') words.ignore(i + width);
      for (let k = 0; k < folded.length; k++) {
        const code = folded.charCodeAt(k);
        if (code === 0x20 || code === 0x0a || code === 0x27) words.end();
        else words.letter(code, i, i + width);
      }
      i += width;
      continue;
    } else words.end(); // separator, line break or apostrophe
    i += 1;
  }
  words.end();
  return { tokens: words.tokens, letters: words.letters };
}
