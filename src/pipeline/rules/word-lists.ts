import type { WordFinder } from '../../text/matcher.js';
import type { ModerationInput, ModerationRule, Reason, WordHit } from '../pipeline.js';

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

const LISTS = {
  banned_words: { label: 'Banned words', key: 'words.banned' },
  suspect_words: { label: 'Suspect words', key: 'words.suspect' },
} as const;

/** What a list says of the words it found: its detail and explanation name each, and where. */
function listFindings(list: keyof typeof LISTS, hits: WordHit[]) {
  const { label, key } = LISTS[list];
  return { detail: `${label}: ${describe(hits)}`, explain: { key, params: { words: wordsOf(hits) } }, hits };
}

/** Rejects comments whose body, name, email or URL contains a banned word. */
export const bannedWords: ModerationRule = {
  name: 'banned_words',
  run(input) {
    const hits = findInFields(input, input.words.banned);
    return hits.length > 0 ? { kind: 'vote', vote: 'reject', ...listFindings('banned_words', hits) } : null;
  },
};

/** Holds comments containing a suspect word for a moderator to judge. */
export const suspectWords: ModerationRule = {
  name: 'suspect_words',
  run(input) {
    const hits = findInFields(input, input.words.suspect);
    return hits.length > 0 ? { kind: 'vote', vote: 'hold', ...listFindings('suspect_words', hits) } : null;
  },
};

/** Where a list found a word, as a reason says it once the word may no longer be named there. */
const PLACES: Record<WordHit['field'], string> = { body: 'the comment', authorName: "the author's name", authorEmail: "the author's address", authorUrl: "the author's website" };

/**
 * A stored reason without the words a list found in `fields`, nor where they stood: it says only where they were. For
 * webhooks, the author's address (naming a word found there quotes part of it); after an erasure, every erased field.
 */
export function withoutWordsIn(reason: Reason, fields: readonly WordHit['field'][]): Reason {
  const list = reason.rule === 'banned_words' || reason.rule === 'suspect_words' ? reason.rule : null;
  if (!list || !reason.hits?.some((hit) => fields.includes(hit.field))) return reason;
  const kept = reason.hits.filter((hit) => !fields.includes(hit.field));
  const places = [...new Set(reason.hits.filter((hit) => fields.includes(hit.field)).map((hit) => PLACES[hit.field]))].join(' and ');
  if (kept.length > 0) {
    const named = listFindings(list, kept);
    return { ...reason, ...named, detail: `${named.detail}; and in ${places}` };
  }
  // With no word left to name, the dashboard says so in its own language rather than "Banned words: " and nothing.
  const { label, key } = LISTS[list];
  return { ...reason, detail: `${label}: in ${places}`, explain: { key: `${key}.withheld` }, hits: [] };
}
