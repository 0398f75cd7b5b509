import type { WordFinder } from '../../text/matcher.js';
import type { ModerationInput, ModerationRule, WordHit } from '../pipeline.js';

const FIELDS = ['body', 'authorName', 'authorEmail', 'authorUrl'] as const;

function findInFields(input: ModerationInput, find: WordFinder): WordHit[] {
  return FIELDS.flatMap((field) => {
    const text = input.comment[field];
    return text ? find(text).map((hit) => ({ field, ...hit })) : [];
  });
}

function describe(hits: WordHit[]): string {
  return hits.map((hit) => `"${hit.matched}" matches "${hit.entry}" in ${hit.field} at ${hit.start}`).join('; ');
}

function wordsOf(hits: WordHit[]): string {
  return [...new Set(hits.map((hit) => hit.matched))].join(', ');
}

/** Rejects comments whose body, name, email or URL contains a banned word. */
export const bannedWords: ModerationRule = {
  name: 'banned_words',
  run(input) {
    const hits = findInFields(input, input.words.banned);
    return hits.length > 0 ? { kind: 'vote', vote: 'reject', detail: `Banned words: ${describe(hits)}`, explain: { key: 'words.banned', params: { words: wordsOf(hits) } }, hits } : null;
  },
};

/** Holds comments containing a suspect word for a moderator to judge. */
export const suspectWords: ModerationRule = {
  name: 'suspect_words',
  run(input) {
    const hits = findInFields(input, input.words.suspect);
    return hits.length > 0 ? { kind: 'vote', vote: 'hold', detail: `Suspect words: ${describe(hits)}`, explain: { key: 'words.suspect', params: { words: wordsOf(hits) } }, hits } : null;
  },
};
