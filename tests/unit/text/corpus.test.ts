import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createWordMatcher } from '../../../src/text/matcher.js';
import { defaultBannedWords, defaultSuspectWords } from '../../../src/text/wordlists/index.js';

// Ordinary news comments (politics, religion, sport, economy, places such as مصر, غزة, Sussex and
// Scunthorpe) must almost never be flagged by the default lists.
function readCorpus(name: string): string[] {
  const path = new URL(`../../fixtures/corpus/${name}`, import.meta.url);
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

const corpora = {
  en: readCorpus('news-comments.en.txt'),
  ar: readCorpus('news-comments.ar.txt'),
};
const banned = createWordMatcher(defaultBannedWords);
const suspect = createWordMatcher(defaultSuspectWords);

describe('default word lists on ordinary news comments', () => {
  it('each corpus has at least 150 comments', () => {
    assert.ok(corpora.en.length >= 150, `en: ${corpora.en.length}`);
    assert.ok(corpora.ar.length >= 150, `ar: ${corpora.ar.length}`);
  });

  it('flag under 1% of them (banned + suspect) and print what they flag', () => {
    const lines = [...corpora.en, ...corpora.ar];
    const flagged: string[] = [];
    for (const line of lines) {
      const hits = [
        ...banned.find(line).map((m) => `banned "${m.matched}"`),
        ...suspect.find(line).map((m) => `suspect "${m.matched}"`),
      ];
      if (hits.length > 0) flagged.push(`  ${hits.join(', ')} in: ${line}`);
    }
    const rate = flagged.length / lines.length;
    console.log(
      `corpus: ${lines.length} comments (${corpora.en.length} en, ${corpora.ar.length} ar), ` +
        `${flagged.length} flagged = ${(rate * 100).toFixed(2)}%${flagged.length > 0 ? `\n${flagged.join('\n')}` : ''}`,
    );
    assert.ok(rate < 0.01, `flag rate ${rate}`);
  });

  it('rejects none of them outright', () => {
    const rejected = [...corpora.en, ...corpora.ar].filter((line) => banned.find(line).length > 0);
    assert.deepEqual(rejected, []);
  });
});
