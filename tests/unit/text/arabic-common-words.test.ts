import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createWordMatcher } from '../../../src/text/matcher.js';
import { arabicBannedWords, arabicSuspectWords } from '../../../src/text/wordlists/arabic.js';

// Proclitic stripping must not turn a common word into a listed one: "فخرا" is "pride", not ف + خرا.
// The fixture is a hand-written list of common Modern Standard Arabic and dialect words, many of
// them starting with و ف ب ك ل ال in front of letters that spell a listed word.
const words = readFileSync(new URL('../../fixtures/arabic-common-words.txt', import.meta.url), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'));
const arabicLists = createWordMatcher([...arabicBannedWords, ...arabicSuspectWords]);

describe('default Arabic lists on common Arabic words', () => {
  it('the fixture holds several hundred words', () => {
    assert.ok(words.length >= 500, `${words.length} words`);
  });

  it('flag none of them', () => {
    const flagged = words.flatMap((word) => arabicLists.find(word).map((hit) => `${word} (${hit.entry})`));
    assert.deepEqual(flagged, []);
  });

  const glued: readonly (readonly [text: string, flagged: boolean])[] = [
    ['فخرا', false],
    ['فخراً للعرب', false],
    ['وكسكس', false],
    ['بالكسكس', false],
    // The same listed words behind real proclitics are still found.
    ['وخرا', true],
    ['فالخرا', true],
    ['وسكس', true],
  ];
  for (const [text, flagged] of glued) {
    it(`${JSON.stringify(text)} ${flagged ? 'is' : 'is not'} flagged`, () => {
      assert.equal(arabicLists.find(text).length > 0, flagged);
    });
  }
});
