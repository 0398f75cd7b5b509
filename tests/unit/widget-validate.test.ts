import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateDraft } from '../../src/widget/client/validate.js';

const draft = (authorEmail: string) => ({ body: 'A comment', authorName: 'Ken', authorEmail, authorUrl: '' });

describe('the widget checks the address before sending, as the server does', () => {
  for (const address of ['ok@日本.co.jp', 'ok@日本｡co｡jp', 'ok@日本。co。jp', '用户@例子．广告', 'مستخدم@مثال.مصر']) {
    it(`lets ${address} through`, () => {
      assert.deepEqual(validateDraft(draft(address)), []);
    });
  }
  for (const address of ['ok@日本', 'ok@日本｡', 'ok at example.org']) {
    it(`stops ${address}`, () => {
      assert.deepEqual(validateDraft(draft(address)), [{ field: 'authorEmail', key: 'authorEmail.invalid' }]);
    });
  }
});
