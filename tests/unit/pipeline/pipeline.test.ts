import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { moderate, type ModerationInput } from '../../../src/pipeline/pipeline.js';
import type { WordFinder } from '../../../src/text/matcher.js';
import { defaultPolicy } from '../../../src/settings/policy.js';
import { moderationRules } from '../../../src/pipeline/rules/index.js';
import { createWordMatcher } from '../../../src/text/matcher.js';

const finder = (words: string[]): WordFinder => {
  const matcher = createWordMatcher(words);
  return (text) => matcher.find(text);
};

type Overrides = Partial<Omit<ModerationInput, 'policy'>> & { policy?: Partial<ModerationInput['policy']> };

function input(overrides: Overrides = {}): ModerationInput {
  const { policy, ...rest } = overrides;
  return {
    comment: { body: 'An ordinary remark.', authorName: 'Reader', authorEmail: 'reader@example.org', authorUrl: null },
    author: { status: 'normal', approvedCount: 0, known: false },
    thread: { closed: false, createdAt: new Date('2026-11-01T00:00:00Z') },
    recent: { lastPostAt: null, duplicate: false },
    words: { banned: finder(['scoundrel', 'حقير']), suspect: finder(['casino']) },
    now: new Date('2026-11-26T10:00:00Z'),
    isEdit: false,
    classifier: null,
    ...rest,
    policy: { ...defaultPolicy({ banned: [], suspect: [] }), ...policy },
  };
}

const decided = (result: ReturnType<typeof moderate>) => {
  assert.equal(result.outcome, 'decided');
  return result as Extract<typeof result, { outcome: 'decided' }>;
};

describe('the moderation pipeline', () => {
  const cases: Array<[string, ModerationInput, string, string[]]> = [
    ['holds everything under premoderation all', input(), 'pending', ['premoderation']],
    ['approves under premoderation none', input({ policy: { premoderation: 'none' } }), 'approved', ['premoderation']],
    ['holds a first comment under first-time', input({ policy: { premoderation: 'first-time' } }), 'pending', ['premoderation']],
    ['holds a known author without approved comments', input({ policy: { premoderation: 'first-time' }, author: { status: 'normal', approvedCount: 0, known: true } }), 'pending', ['premoderation']],
    ['holds an unverified author with approved comments', input({ policy: { premoderation: 'first-time' }, author: { status: 'normal', approvedCount: 4, known: false } }), 'pending', ['premoderation']],
    ['approves a known author with approved comments', input({ policy: { premoderation: 'first-time' }, author: { status: 'normal', approvedCount: 4, known: true } }), 'approved', ['premoderation']],
    ['sends banned authors to spam', input({ policy: { premoderation: 'none' }, author: { status: 'banned', approvedCount: 9, known: true } }), 'spam', ['author_status', 'premoderation']],
    ['approves proven trusted authors despite premoderation and links', input({ author: { status: 'trusted', approvedCount: 0, known: true }, comment: { body: 'http://a.x http://b.x http://c.x', authorName: 'T', authorEmail: 't@x.org', authorUrl: null } }), 'approved', ['author_status']],
    ['holds a comment that only types a trusted address, as an unknown author', input({ author: { status: 'trusted', approvedCount: 0, known: false }, comment: { body: 'http://a.x', authorName: 'T', authorEmail: 't@x.org', authorUrl: null } }), 'pending', ['author_status', 'premoderation']],
    ['rejects a banned word even from a trusted author', input({ author: { status: 'trusted', approvedCount: 0, known: true }, comment: { body: 'you scoundrel', authorName: 'T', authorEmail: 't@x.org', authorUrl: null } }), 'rejected', ['author_status', 'banned_words']],
    ['spam beats reject', input({ author: { status: 'banned', approvedCount: 0, known: false }, comment: { body: 'you scoundrel', authorName: 'T', authorEmail: 't@x.org', authorUrl: null } }), 'spam', ['author_status', 'banned_words', 'premoderation']],
    ['holds a suspect word', input({ policy: { premoderation: 'none' }, comment: { body: 'best casino', authorName: 'T', authorEmail: 't@x.org', authorUrl: null } }), 'pending', ['suspect_words', 'premoderation']],
    ['checks the name, email and URL too', input({ policy: { premoderation: 'none' }, comment: { body: 'hello', authorName: 'Mr Scoundrel', authorEmail: 't@x.org', authorUrl: 'https://casino.example' } }), 'rejected', ['banned_words', 'suspect_words', 'premoderation']],
    ['holds more links than maxLinks', input({ policy: { premoderation: 'none', maxLinks: 1 }, comment: { body: 'www.a.example and https://b.example', authorName: 'T', authorEmail: 't@x.org', authorUrl: null } }), 'pending', ['link_limit', 'premoderation']],
    ['rejects an Arabic banned word with tatweel', input({ comment: { body: 'يا حقــــير', authorName: 'T', authorEmail: 't@x.org', authorUrl: null } }), 'rejected', ['banned_words', 'premoderation']],
  ];
  for (const [name, given, status, rules] of cases) {
    it(name, () => {
      const result = decided(moderate(moderationRules, given));
      assert.equal(result.status, status);
      assert.deepEqual(result.reasons.map((r) => r.rule), rules);
    });
  }

  it('records where a word matched, as written', () => {
    const result = decided(moderate(moderationRules, input({ comment: { body: 'What a S-C-O-U-N-D-R-E-L', authorName: 'T', authorEmail: 't@x.org', authorUrl: null } })));
    const reason = result.reasons.find((r) => r.rule === 'banned_words');
    assert.deepEqual(reason?.hits, [{ field: 'body', entry: 'scoundrel', matched: 'S-C-O-U-N-D-R-E-L', start: 7, end: 24 }]);
    assert.match(reason?.detail ?? '', /"S-C-O-U-N-D-R-E-L" matches "scoundrel" in body at 7/);
  });

  it('refuses a closed or auto-closed thread, a flood and a duplicate, before any vote', () => {
    assert.deepEqual(moderate(moderationRules, input({ thread: { closed: true, createdAt: null } })), { outcome: 'refused', rule: 'thread_closed', code: 'thread_closed', retryAfterSeconds: undefined });
    const old = input({ policy: { autoCloseAfterDays: 7 }, thread: { closed: false, createdAt: new Date('2026-11-01T00:00:00Z') } });
    assert.equal(moderate(moderationRules, old).outcome, 'refused');
    const young = input({ policy: { autoCloseAfterDays: 30 } });
    assert.equal(moderate(moderationRules, young).outcome, 'decided');
    const flood = moderate(moderationRules, input({ recent: { lastPostAt: new Date('2026-11-26T09:59:50Z'), duplicate: false } }));
    assert.deepEqual(flood, { outcome: 'refused', rule: 'flood', code: 'flood', retryAfterSeconds: 5 });
    assert.equal(moderate(moderationRules, input({ recent: { lastPostAt: null, duplicate: true } })).outcome, 'refused');
  });

  it('does not apply flood and duplicate checks to an edit', () => {
    const edit = input({ isEdit: true, recent: { lastPostAt: new Date('2026-11-26T09:59:59Z'), duplicate: true } });
    assert.equal(moderate(moderationRules, edit).outcome, 'decided');
  });
});
