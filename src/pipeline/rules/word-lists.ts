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

/** A list's vote on the words found: its detail and explanation name each, and where. */
function listVote(list: keyof typeof LISTS, vote: 'reject' | 'hold', hits: WordHit[]) {
  const { label, key } = LISTS[list];
  return { kind: 'vote' as const, vote, detail: `${label}: ${describe(hits)}`, explain: { key, params: { words: wordsOf(hits) } }, hits };
}

/** Rejects comments whose body, name, email or URL contains a banned word. */
export const bannedWords: ModerationRule = {
  name: 'banned_words',
  run(input) {
    const hits = findInFields(input, input.words.banned);
    return hits.length > 0 ? listVote('banned_words', 'reject', hits) : null;
  },
};

/** Holds comments containing a suspect word for a moderator to judge. */
export const suspectWords: ModerationRule = {
  name: 'suspect_words',
  run(input) {
    const hits = findInFields(input, input.words.suspect);
    return hits.length > 0 ? listVote('suspect_words', 'hold', hits) : null;
  },
};

/**
 * A stored reason as it may leave the dashboard (webhooks): a word a list found in the author's address is not named,
 * nor where it stood, since that would quote part of the address. The reason says only that the address matched.
 */
export function withoutAddressWords(reason: Reason): Reason {
  const list = reason.rule === 'banned_words' || reason.rule === 'suspect_words' ? LISTS[reason.rule] : null;
  if (!list || !reason.hits?.some((hit) => hit.field === 'authorEmail')) return reason;
  const kept = reason.hits.filter((hit) => hit.field !== 'authorEmail');
  const words = kept.length > 0 ? `${describe(kept)}; ` : '';
  return { ...reason, detail: `${list.label}: ${words}one in the author's address`, explain: { key: list.key, params: { words: wordsOf(kept) } }, hits: kept };
}
