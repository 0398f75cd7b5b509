import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { letterEnd, letterStart, normalizeForMatching, type MatchToken } from '../../../src/text/normalize.js';
import { cutTokensGenerally } from '../../../src/text/general-tokenize.js';
import { cutTokens } from '../../../src/text/tokenize.js';
import { createWordMatcher } from '../../../src/text/matcher.js';
import { defaultBannedWords, defaultSuspectWords } from '../../../src/text/wordlists/index.js';

// Characters the normaliser treats specially, so generated strings hit its edge cases often.
const TRICKY = [
  ' ', '.', '-', '_', '\n', "'", '’', '!', '+', '@', '$', '0', '1', '3', '5', '7', 'a', 's', 'h',
  'i', 't', 'A', 'S', 'ß', 'ﬁ', 'ｆ', 'ѕ', 'α', '\u200B', '\u200C', '\u200D', '\u200E', '\u200F',
  '\u202E', '\u2066', '\u061C', '\u00AD', '\uFEFF', '\u0301', '\u0336', 'ك', 'ل', 'ب', 'و', 'ا',
  'ال', 'أ', 'ة', 'ى', 'ـ', 'َ', 'ّ', 'ﻛ', 'ﷲ', 'ﷺ', '😀', '𝐟', '\uD800', '\uDC00', '…', '⑴',
];
const unit = fc.oneof(
  fc.constantFrom(...TRICKY),
  fc.string({ unit: 'binary', maxLength: 3 }),
  fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
);
const text = fc.array(unit, { maxLength: 60 }).map((parts) => parts.join(''));

const words = [...defaultBannedWords, ...defaultSuspectWords];
const banned = createWordMatcher(words);
// Texts made of listed words, evasive spellings and noise, so that matches actually happen.
const evasions = fc.constantFrom('sh1t', 'f u c k', 'كــلب', 'والشرموطة');
const wordy = fc
  .array(fc.oneof(fc.constantFrom(...words), fc.constantFrom(...TRICKY), evasions), { maxLength: 30 })
  .map((parts) => parts.join(''));

describe('normalizeForMatching: properties', () => {
  it('never throws and maps every position into the original', () => {
    fc.assert(
      fc.property(text, (input) => {
        const { text: normalized, starts, ends, tokens } = normalizeForMatching(input);
        assert.equal(starts.length, normalized.length);
        assert.equal(ends.length, normalized.length);
        for (let k = 0; k < normalized.length; k++) {
          const start = starts[k] as number;
          const end = ends[k] as number;
          assert.ok(start >= 0 && start <= end && end <= input.length);
        }
        for (const token of tokens) {
          assert.ok(token.start >= 0 && token.start < token.end && token.end <= input.length);
          assert.equal(token.skeleton.length, token.runs.length);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(text, (input) => {
        assert.deepEqual(normalizeForMatching(input), normalizeForMatching(input));
      }),
      { numRuns: 300 },
    );
  });
});

// Everything a match depends on, with per-letter spans spelled out whether implicit or not.
function describeToken(token: MatchToken): unknown {
  const { letters, skeleton, runs, alternative, start, end, arabic, gapBefore, clitic } = token;
  const spans = [...letters].map((_, k) => [letterStart(token, k), letterEnd(token, k)]);
  return { letters, skeleton, runs, alternative: alternative?.letters, start, end, arabic, gapBefore, clitic, spans };
}

describe('cutTokens: the fast path agrees with the general tokenizer', () => {
  it('gives the same tokens for any text', () => {
    fc.assert(
      fc.property(fc.oneof(text, wordy), (input) => {
        assert.deepEqual(cutTokens(input).map(describeToken), cutTokensGenerally(input).map(describeToken));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('createWordMatcher: properties', () => {
  it('reports offsets inside the text whose slice is the matched string', () => {
    fc.assert(
      fc.property(fc.oneof(text, wordy), (input) => {
        for (const match of banned.find(input)) {
          assert.ok(match.start >= 0 && match.start < match.end && match.end <= input.length);
          assert.equal(input.slice(match.start, match.end), match.matched);
          assert.ok(words.includes(match.entry));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('finds a listed word standing alone between spaces', () => {
    fc.assert(
      fc.property(fc.constantFrom(...words), fc.constantFrom('', 'hello ', 'مرحبا '), (word, before) => {
        const input = `${before}${word} end`;
        const found = banned.find(input);
        assert.ok(found.length > 0, `${JSON.stringify(word)} not found in ${JSON.stringify(input)}`);
      }),
      { numRuns: 1000 },
    );
  });
});
