import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultPolicy, readStoredPolicy } from '../../../src/settings/policy.js';

const defaults = defaultPolicy({ banned: ['default-banned'], suspect: ['default-suspect'] });

describe('readStoredPolicy', () => {
  const cases: Array<[name: string, stored: unknown, expected: Partial<typeof defaults>, problemFields: string[]]> = [
    ['nothing stored: the defaults, no problem', undefined, {}, []],
    ['a valid partial policy: stored fields over defaults', { maxLinks: 5 }, { maxLinks: 5 }, []],
    ['an invalid field: its default, reported; the rest kept', { maxLinks: 'many', bannedWords: ['x'] }, { bannedWords: ['x'] }, ['maxLinks']],
    ['an invalid word list: its default, the other list kept', { bannedWords: 'oops', suspectWords: ['y'] }, { suspectWords: ['y'] }, ['bannedWords']],
    ['unknown fields are ignored', { retired: true, flagThreshold: 9 }, { flagThreshold: 9 }, []],
    ['not an object: the defaults, reported as the whole policy', 'garbage', {}, ['']],
    ['an array: the defaults, reported as the whole policy', [1, 2], {}, ['']],
  ];
  for (const [name, stored, expected, problemFields] of cases) {
    it(name, () => {
      const { policy, problems } = readStoredPolicy(stored, defaults);
      assert.deepEqual(policy, { ...defaults, ...expected });
      assert.deepEqual(problems.map((problem) => problem.field), problemFields);
      for (const problem of problems) assert.ok(problem.message.length > 0);
    });
  }
});
