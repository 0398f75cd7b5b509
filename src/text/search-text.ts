// Folded text for the moderation queue's search. Both the stored column and the query go through
// the same folding, so a plain substring match finds text regardless of case, diacritics, tatweel
// or Arabic letter variants, identically on SQLite and PostgreSQL (neither database's own case
// folding is used: SQLite's LIKE only folds ASCII, PostgreSQL's LIKE folds nothing).
import { foldCodePoint } from './fold.js';

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
        out += c;
      }
    }
  }
  return out;
}

/** The stored search text of a comment: its author's name and its body, folded. */
export function commentSearchText(comment: { authorName: string; body: string }): string {
  return foldForSearch(`${comment.authorName}\n${comment.body}`);
}
