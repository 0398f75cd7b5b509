// Erased words go wherever they stand as words of their own, and nowhere else.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactJson, redactText } from '../../src/shared/redact.js';

describe('redaction', () => {
  it('replaces a name, an address or a text as a word of its own, in any letter case', () => {
    assert.equal(redactText('Claims to be sara@example.org… and SARA again', ['sara@example.org', 'Sara']), 'Claims to be [erased]… and [erased] again');
    assert.equal(redactText('asked L to rephrase (l.)', ['L']), 'asked [erased] to rephrase ([erased].)');
    assert.equal(redactText('قال علي: شكرًا لعلي وعليه', ['علي']), 'قال [erased]: شكرًا لعلي وعليه');
  });

  it('leaves words that merely contain it', () => {
    assert.equal(redactText('premoderation and classifier, deleted by author', ['at', 'L', 'by author']), 'premoderation and classifier, deleted [erased]');
    assert.equal(redactText('Lisa and al-Lisan', ['Lisa']), '[erased] and al-Lisan');
  });

  it("never rewrites Majlis's identifiers in JSON, whatever the name", () => {
    const reasons = [{ rule: 'classifier', vote: 'spam', label: 'spam', detail: 'spam words from Spam', explain: { key: 'classifier.hold', params: { words: 'spam' } } }];
    assert.deepEqual(redactJson(reasons, ['Spam']), [
      { rule: 'classifier', vote: 'spam', label: 'spam', detail: '[erased] words from [erased]', explain: { key: 'classifier.hold', params: { words: '[erased]' } } },
    ]);
  });
});
