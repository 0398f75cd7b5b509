// Folded text for the moderation queue's search. Both the stored column and the query go through
// the same folding, so a plain substring match finds text regardless of case, diacritics, tatweel,
// Arabic letter variants or the digits it is written in, identically on SQLite and PostgreSQL (neither
// database's own case folding is used: SQLite's LIKE only folds ASCII, PostgreSQL's LIKE folds nothing).
import { foldCodePoint } from './fold.js';

// Arabic-Indic (٠–٩) and Eastern Arabic-Indic (۰–۹, Persian and Urdu) digits search as ASCII ones, so ٧٢ finds 72.
// Only here: the word matcher's fold leaves them as they are, since it reads ASCII digits inside a word as leet letters.
const ARABIC_DIGIT_RANGES = [0x0660, 0x06f0];

function asciiDigit(c: string): string {
  const code = c.charCodeAt(0);
  for (const zero of ARABIC_DIGIT_RANGES) if (code >= zero && code <= zero + 9) return String.fromCharCode(0x30 + code - zero);
  return c;
}

/** Folds text for searching: per-character matching folds, runs of separators as one space. */
export function foldForSearch(text: string): string {
  let out = '';
  let pendingSpace = false;
  for (const ch of text) {
    const folded = foldCodePoint(ch.codePointAt(0) as number);
    for (const c of folded) {
      if (c === ' ' || c === '\n') {
        pendingSpace = out !== '';
      } else {
        if (pendingSpace) out += ' ';
        pendingSpace = false;
        out += asciiDigit(c);
      }
    }
  }
  return out;
}

/** The stored search text of a comment: its author's name and its body, folded. */
export function commentSearchText(comment: { authorName: string; body: string }): string {
  return foldForSearch(`${comment.authorName}\n${comment.body}`);
}
