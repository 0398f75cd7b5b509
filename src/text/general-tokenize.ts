// The general tokenizer: one code point at a time, with explicit positions. The fast path in
// `cutTokens` hands it the words it cannot slice: words holding ignorable characters (tashkeel,
// zero-width and bidi controls), code points that fold to several characters, surrogate pairs.
import {
  foldCodePoint,
  UNIT_BANG_PLUS,
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
import type { MatchToken } from './token.js';

// Feeds code points from `start` to the cutter; with `toBoundary`, stops at the first separator,
// line break or apostrophe unit. Returns where it stopped.
function feed(cutter: Cutter, input: string, start: number, toBoundary: boolean): number {
  let i = start;
  while (i < input.length) {
    const unit = input.charCodeAt(i);
    const kind = unitKind(unit);
    if (kind === UNIT_SPACE || kind === UNIT_LINE || kind === UNIT_QUOTE) {
      if (toBoundary) break;
      if (kind === UNIT_QUOTE) cutter.apostrophe(i);
      else cutter.space(i, kind === UNIT_LINE);
    } else if (kind === UNIT_SAME || kind === UNIT_MAPPED) cutter.word(unitFold(unit), i, i + 1);
    else if (kind === UNIT_BANG_PLUS) cutter.bangOrPlus(unitFold(unit), i, i + 1);
    else if (kind === UNIT_IGNORE) cutter.ignore(i, i + 1);
    else {
      const codePoint = input.codePointAt(i) as number;
      const width = codePoint > 0xffff ? 2 : 1;
      cutter.complex(foldCodePoint(codePoint), i, i + width);
      i += width;
      continue;
    }
    i += 1;
  }
  cutter.endedInWord = cutter.start >= 0;
  if (cutter.endedInWord) cutter.flush(i);
  return i;
}

/** Tokenizes from `start` up to a separator, line break or apostrophe unit; returns where it stopped. */
export function cutSlowWord(cutter: Cutter, input: string, start: number, gap: number, clitic: boolean): number {
  cutter.gap = gap;
  cutter.afterApostrophe = clitic;
  return feed(cutter, input, start, true);
}

/**
 * Tokenizes a whole text with the general tokenizer only. It yields the same tokens as
 * `cutTokens` (a property test checks this) and is used for list entries, which are short and
 * compiled once: training the fast path's JIT on them made it markedly slower on real comments.
 */
export function cutTokensGenerally(input: string): MatchToken[] {
  const tokens: MatchToken[] = [];
  feed(new Cutter(input, tokens), input, 0, false);
  return tokens;
}
