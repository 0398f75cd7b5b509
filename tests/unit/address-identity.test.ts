import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addressIdentity } from '../../src/authors/address-identity.js';

describe('addressIdentity: one key for every spelling of one mailbox', () => {
  const same: Array<[string, string, string]> = [
    ['letter case', 'Troll@Example.ORG', 'troll@example.org'],
    ['a +tag', 'troll+again@example.org', 'troll@example.org'],
    ['Gmail ignores dots', 't.r.o.l.l@gmail.com', 'troll@gmail.com'],
    ['googlemail is gmail', 'Troll@googlemail.com', 'troll@gmail.com'],
    ['a Cyrillic а and о', 'trоll@exаmple.org', 'troll@example.org'],
    ['a Greek ο', 'trοll@example.org', 'troll@example.org'],
    ['fullwidth letters', 'ｔｒｏｌｌ@example.org', 'troll@example.org'],
    ['an accent', 'tröll@example.org', 'troll@example.org'],
    ['IDN in punycode and in Unicode', 'ok@xn--wgv71a.jp', 'ok@日本.jp'],
    ['ideographic full stops', 'ok@日本｡jp', 'ok@日本.jp'],
    ['Arabic letter variants', 'أحمد@مثال.مصر', 'احمد@مثال.مصر'],
    ['surrounding spaces', '  troll@example.org ', 'troll@example.org'],
  ];
  for (const [what, a, b] of same) {
    it(`treats ${what} as the same identity`, () => assert.equal(addressIdentity(a), addressIdentity(b)));
  }

  const different: Array<[string, string, string]> = [
    ['other people', 'anna@example.org', 'hanna@example.org'],
    ['dots outside Gmail', 't.roll@example.org', 'troll@example.org'],
    ['another domain', 'troll@example.org', 'troll@example.net'],
    ['a plus at the very start is a name, not a tag', '+troll@example.org', '@example.org'],
  ];
  for (const [what, a, b] of different) {
    it(`keeps ${what} apart`, () => assert.notEqual(addressIdentity(a), addressIdentity(b)));
  }
});
