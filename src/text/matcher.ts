// Whole-word matching of a word list against text in one pass over its tokens: each token costs
// a few hash look-ups (its spellings, its Arabic proclitic splits, the trimmed forms of a run of
// spaced letters), never one regular expression per listed word.
import { letterEnd, letterStart, tokenizeForMatching, type MatchToken } from './normalize.js';
import { cutsIntoWholeWord, procliticsStartingWith } from './proclitics.js';
import { collapseRepeats, hasRepeat, singleRuns } from './spelling.js';
import {
  buildWordIndex,
  headKey,
  runsMatch,
  shapeKey,
  type CompiledEntry,
  type Pattern,
  type WordIndex,
} from './word-index.js';

export { entryKeys } from './word-index.js';

/** One occurrence of a list entry in a text. */
export interface WordMatch {
  /** The list entry as given. */
  entry: string;
  /** The exact original substring, `text.slice(start, end)`. */
  matched: string;
  /** UTF-16 offsets into the original text. */
  start: number;
  end: number;
}

/** Finds a word list's entries in a text, as a compiled matcher does. */
export type WordFinder = (text: string) => WordMatch[];

/** A word list compiled for repeated matching. */
export interface WordMatcher {
  /** Finds every whole-word occurrence of a list entry, ordered by position. */
  find(text: string): WordMatch[];
}

// How a candidate word was read from a token.
const WHOLE = 0;
const PROCLITIC = 1;
const PROCLITIC_ARTICLE = 2;

// Lone English words that sit next to a spelled-apart word ("you are a s h i t", "f u c k u")
// and get joined into it; dropping them at the edges recovers the word.
const STANDALONE_LETTERS = new Set(['a', 'i', 'u']);

function matchesWord(token: MatchToken, pattern: Pattern): boolean {
  if (token.skeleton === pattern.skeleton && runsMatch(token.runs, pattern.runs)) return true;
  const alternative = token.alternative;
  return alternative !== null && alternative.skeleton === pattern.skeleton && runsMatch(alternative.runs, pattern.runs);
}

// The state of one `find` call.
class Search {
  // One match per span: "sh1t" can read as two entries ("sh1t", "sh!t") but is one word.
  private readonly found = new Map<number, WordMatch & { order: number }>();

  constructor(
    private readonly index: WordIndex,
    private readonly text: string,
    private readonly tokens: readonly MatchToken[],
  ) {}

  run(): WordMatch[] {
    const hasAt = this.text.includes('@');
    for (let i = 0; i < this.tokens.length; i++) {
      const token = this.tokens[i] as MatchToken;
      this.tryHead(i, token.skeleton, token.runs, WHOLE, token.start, token.end);
      const alternative = token.alternative;
      if (alternative !== null) this.tryHead(i, alternative.skeleton, alternative.runs, WHOLE, token.start, token.end);
      if (token.arabic) this.tryProclitics(i, token);
      else if (token.spaced) this.trySpacedTrims(i, token);
      if (hasAt) this.tryAtParts(i, token);
    }
    return [...this.found.values()]
      .sort((a, b) => a.start - b.start || a.end - b.end)
      .map(({ entry, matched, start, end }) => ({ entry, matched, start, end }));
  }

  // Tries the entries whose first word is `skeleton`, read from token i (and following tokens).
  private tryHead(i: number, skeleton: string, runs: string, via: number, start: number, end: number): void {
    if (skeleton === '' || !this.index.shapes.has(shapeKey(skeleton))) return;
    const bucket = this.index.bySkeleton.get(skeleton);
    if (bucket === undefined) return;
    for (const candidate of bucket) {
      if (via !== WHOLE && (!candidate.arabic || (candidate.short && via === PROCLITIC))) continue;
      if (!runsMatch(runs, (candidate.words[0] as Pattern).runs)) continue;
      const last = this.matchRest(i, candidate, end);
      if (last >= 0) this.record(candidate, start, last);
    }
  }

  // End offset of a multi-word entry whose first word matched token i, or -1.
  private matchRest(i: number, candidate: CompiledEntry, end: number): number {
    let last = end;
    for (let k = 1; k < candidate.words.length; k++) {
      const next = this.tokens[i + k];
      if (next === undefined || !matchesWord(next, candidate.words[k] as Pattern)) return -1;
      last = next.end;
    }
    return last;
  }

  private record(candidate: CompiledEntry, start: number, end: number): void {
    const key = start * (this.text.length + 1) + end;
    const previous = this.found.get(key);
    if (previous !== undefined && previous.order <= candidate.order) return;
    const matched = this.text.slice(start, end);
    this.found.set(key, { entry: candidate.entry, matched, start, end, order: candidate.order });
  }

  // The whole token is reported: a highlighted half-word would read as a different word.
  private tryProclitics(i: number, token: MatchToken): void {
    const letters = token.letters;
    for (const split of procliticsStartingWith(letters.charCodeAt(0))) {
      const length = split.prefix.length;
      if (letters.length - length < 2 || !letters.startsWith(split.prefix)) continue;
      if (!this.index.arabicHeads.has(headKey(letters, length)) || cutsIntoWholeWord(letters, length)) continue;
      const rest = letters.slice(length);
      const via = split.withArticle ? PROCLITIC_ARTICLE : PROCLITIC;
      if (hasRepeat(rest)) {
        const collapsed = collapseRepeats(rest);
        this.tryHead(i, collapsed.skeleton, collapsed.runs, via, token.start, token.end);
      } else {
        this.tryHead(i, rest, singleRuns(rest.length), via, token.start, token.end);
      }
    }
  }

  // An "@" inside a word is leet in "@ss" but separates the parts of an e-mail address, whose
  // local part and domain must match on their own ("shit@example.com"): both readings are tried.
  private tryAtParts(i: number, token: MatchToken): void {
    const letters = token.letters;
    let from = 0;
    for (let k = 0; k <= letters.length; k++) {
      if (k < letters.length && this.text.charCodeAt(letterStart(token, k)) !== 0x40) continue;
      if (k - from >= 2 && k - from < letters.length) {
        const { skeleton, runs } = collapseRepeats(letters.slice(from, k));
        this.tryHead(i, skeleton, runs, WHOLE, letterStart(token, from), letterEnd(token, k - 1));
      }
      from = k + 1;
    }
  }

  private trySpacedTrims(i: number, token: MatchToken): void {
    const letters = token.letters;
    const dropFirst = STANDALONE_LETTERS.has(letters[0] ?? '') ? 1 : 0;
    const dropLast = STANDALONE_LETTERS.has(letters[letters.length - 1] ?? '') ? 1 : 0;
    for (let a = 0; a <= dropFirst; a++) {
      for (let b = 0; b <= dropLast; b++) {
        if ((a === 0 && b === 0) || letters.length - a - b < 2) continue;
        const { skeleton, runs } = collapseRepeats(letters.slice(a, letters.length - b));
        this.tryHead(i, skeleton, runs, WHOLE, letterStart(token, a), letterEnd(token, letters.length - b - 1));
      }
    }
  }
}

/** Builds a matcher for a word list; entries are normalised exactly like the text they are matched in. */
export function createWordMatcher(words: readonly string[]): WordMatcher {
  const index = buildWordIndex(words);
  return {
    find: (text: string): WordMatch[] => new Search(index, text, tokenizeForMatching(text)).run(),
  };
}
