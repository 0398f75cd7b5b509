// Whole-word matching of a word list against text in one pass: every entry is normalised once
// into token patterns and indexed by its first word's skeleton; each text token then costs a few
// hash look-ups (its spellings, Arabic proclitic splits, trimmed spaced-letter runs).
import {
  collapseRepeats,
  letterEnd,
  letterStart,
  tokenizeForMatching,
  type MatchToken,
  type TokenVariant,
} from './normalize.js';
import { gluedVocative, splitProclitics } from './proclitics.js';

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

/** A word list compiled for repeated matching. */
export interface WordMatcher {
  /** Finds every whole-word occurrence of a list entry, ordered by position. */
  find(text: string): WordMatch[];
}

interface Pattern {
  skeleton: string;
  runs: string;
}

interface CompiledEntry {
  entry: string;
  // Position in the list: when several entries match the same span, the earliest is reported.
  order: number;
  words: Pattern[];
  arabic: boolean;
  // Two-letter Arabic words (كس، زب) collide with ordinary words once a bare preposition is
  // stripped ("بكس" is a box), so behind proclitics they only match together with the article.
  short: boolean;
}

type Via = 'whole' | 'proclitic' | 'proclitic+article';

// A stretched run ("3": three or more) in the text matches a single or double letter of the
// entry; otherwise run lengths must agree, so "ass" never matches "as" and "cok" never "cook".
function runsMatch(text: string, entry: string): boolean {
  if (text === entry) return true;
  for (let i = 0; i < entry.length; i++) {
    if (text[i] !== entry[i] && text[i] !== '3') return false;
  }
  return true;
}

function matchesSpelling(v: TokenVariant, pattern: Pattern): boolean {
  return v.skeleton === pattern.skeleton && runsMatch(v.runs, pattern.runs);
}

function matchesWord(token: MatchToken, pattern: Pattern): boolean {
  return matchesSpelling(token, pattern) || (token.alternative !== null && matchesSpelling(token.alternative, pattern));
}

function spellingsOf(tokens: readonly MatchToken[]): Pattern[][] {
  let combos: Pattern[][] = [[]];
  for (const token of tokens) {
    const variants: TokenVariant[] = token.alternative === null ? [token] : [token, token.alternative];
    combos = combos.flatMap((combo) => variants.map((v) => [...combo, { skeleton: v.skeleton, runs: v.runs }]));
  }
  return combos;
}

function compileEntry(entry: string): Pattern[][] {
  const tokens = tokenizeForMatching(entry);
  if (tokens.length === 0) return [];
  const spellings = spellingsOf(tokens);
  const first = tokens[0]?.letters ?? '';
  const glued = tokens.length >= 2 ? gluedVocative(first, tokens[1]?.letters ?? '') : undefined;
  if (glued !== undefined) {
    const { skeleton, runs } = collapseRepeats(glued);
    for (const rest of spellingsOf(tokens.slice(2))) spellings.push([{ skeleton, runs }, ...rest]);
  }
  return spellings;
}

function keyOf(patterns: readonly Pattern[]): string {
  return patterns.map((p) => `${p.skeleton}/${p.runs}`).join(' ');
}

/** Normalised keys of a list entry (one per spelling); entries with a shared key match alike. */
export function entryKeys(entry: string): string[] {
  return compileEntry(entry).map(keyOf);
}

// The first two distinct letters of a word starting at `from`, as one number: a cheap filter that
// rejects most proclitic splits before a substring is cut and collapsed.
function headKey(letters: string, from: number): number {
  const first = letters.charCodeAt(from);
  let k = from + 1;
  while (k < letters.length && letters.charCodeAt(k) === first) k++;
  return first * 0x10000 + (k < letters.length ? letters.charCodeAt(k) : 0);
}

interface Index {
  bySkeleton: Map<string, CompiledEntry[]>;
  arabicHeads: Set<number>;
}

function buildIndex(words: readonly string[]): Index {
  const bySkeleton = new Map<string, CompiledEntry[]>();
  const arabicHeads = new Set<number>();
  const seen = new Set<string>();
  for (const [order, entry] of words.entries()) {
    for (const patterns of compileEntry(entry)) {
      // Entries that normalise alike ("fuck", "f u c k", "FUCK") are reported under the first given.
      const key = keyOf(patterns);
      if (seen.has(key)) continue;
      seen.add(key);
      const head = patterns[0] as Pattern;
      const arabic = /[\u0600-\u06ff]/.test(head.skeleton);
      const compiled: CompiledEntry = { entry, order, words: patterns, arabic, short: head.skeleton.length <= 2 };
      const bucket = bySkeleton.get(head.skeleton);
      if (bucket) bucket.push(compiled);
      else bySkeleton.set(head.skeleton, [compiled]);
      if (arabic) arabicHeads.add(headKey(head.skeleton, 0));
    }
  }
  return { bySkeleton, arabicHeads };
}

/** Builds a matcher for a word list; entries are normalised exactly like the text they are matched in. */
export function createWordMatcher(words: readonly string[]): WordMatcher {
  const { bySkeleton, arabicHeads } = buildIndex(words);

  return {
    find(text: string): WordMatch[] {
      const tokens = tokenizeForMatching(text);
      // One match per span: "sh1t" can read as two entries ("sh1t", "sh!t") but is one word.
      const found = new Map<number, WordMatch & { order: number }>();

      const tryHead = (i: number, variant: TokenVariant, via: Via, start: number, end: number): void => {
        const bucket = bySkeleton.get(variant.skeleton);
        if (bucket === undefined) return;
        for (const candidate of bucket) {
          if (via !== 'whole' && (!candidate.arabic || (candidate.short && via === 'proclitic'))) continue;
          if (!runsMatch(variant.runs, (candidate.words[0] as Pattern).runs)) continue;
          let last = end;
          let ok = true;
          for (let k = 1; k < candidate.words.length && ok; k++) {
            const next = tokens[i + k];
            ok = next !== undefined && matchesWord(next, candidate.words[k] as Pattern);
            if (next !== undefined) last = next.end;
          }
          if (!ok) continue;
          const key = start * (text.length + 1) + last;
          const previous = found.get(key);
          if (previous !== undefined && previous.order <= candidate.order) continue;
          found.set(key, { entry: candidate.entry, matched: text.slice(start, last), start, end: last, order: candidate.order });
        }
      };

      for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i] as MatchToken;
        tryHead(i, token, 'whole', token.start, token.end);
        if (token.alternative !== null) tryHead(i, token.alternative, 'whole', token.start, token.end);
        const letters = token.letters;
        if (token.arabic) {
          // The whole token is reported: a highlighted half-word would read as a different word.
          for (const split of splitProclitics(letters)) {
            if (!arabicHeads.has(headKey(letters, split.length))) continue;
            const via = split.withArticle ? 'proclitic+article' : 'proclitic';
            tryHead(i, collapseRepeats(letters.slice(split.length)), via, token.start, token.end);
          }
        } else if (token.spaced) {
          trySpacedTrims(i, token, letters, tryHead);
        }
      }
      return [...found.values()]
        .sort((a, b) => a.start - b.start || a.end - b.end)
        .map(({ entry, matched, start, end }) => ({ entry, matched, start, end }));
    },
  };
}

// Lone English words that sit next to a spelled-apart word ("you are a s h i t", "f u c k u")
// and get joined into it; dropping them at the edges recovers the word.
const STANDALONE_LETTERS = new Set(['a', 'i', 'u']);

function trySpacedTrims(
  i: number,
  token: MatchToken,
  letters: string,
  tryHead: (i: number, variant: TokenVariant, via: Via, start: number, end: number) => void,
): void {
  const dropFirst = STANDALONE_LETTERS.has(letters[0] ?? '') ? 1 : 0;
  const dropLast = STANDALONE_LETTERS.has(letters[letters.length - 1] ?? '') ? 1 : 0;
  for (let a = 0; a <= dropFirst; a++) {
    for (let b = 0; b <= dropLast; b++) {
      if ((a === 0 && b === 0) || letters.length - a - b < 2) continue;
      const start = letterStart(token, a);
      const end = letterEnd(token, letters.length - b - 1);
      tryHead(i, collapseRepeats(letters.slice(a, letters.length - b)), 'whole', start, end);
    }
  }
}
