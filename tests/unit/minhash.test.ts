// Near-duplicate fingerprints (src/bots/minhash.ts): what a campaign's copies share and unrelated comments do not.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BANDS, fingerprintOf, MIN_SIMILARITY, similarity } from '../../src/bots/minhash.js';

const SPAM = 'Earn money from home in just two hours a day, visit our site today and start your new life with us now';

function fingerprint(text: string) {
  const found = fingerprintOf(text);
  assert.ok(found, `no fingerprint for: ${text}`);
  return found;
}

describe('near-duplicate fingerprints', () => {
  it('a text is its own near-copy, with 64 minimums and 8 bands', () => {
    const { signature, bands } = fingerprint(SPAM);
    assert.equal(signature.length, 64 * 8);
    assert.equal(bands.length, BANDS);
    assert.equal(similarity(signature, signature), 1);
  });

  it('a copy with two words changed is a near-copy; an unrelated comment on the same news is not', () => {
    const spam = fingerprint(SPAM).signature;
    const edited = fingerprint(SPAM.replace('two hours', 'three hours').replace('today', 'tonight')).signature;
    const unrelated = fingerprint('The council vote on the new bridge was delayed again, and residents near the river are still waiting').signature;
    assert.ok(similarity(spam, edited) >= MIN_SIMILARITY, `edited copy: ${similarity(spam, edited)}`);
    assert.ok(similarity(spam, unrelated) < MIN_SIMILARITY, `unrelated: ${similarity(spam, unrelated)}`);
  });

  it('counts a minimum as shared only when all eight of its digits agree', () => {
    const { signature } = fingerprint(SPAM);
    const minimums = signature.match(/.{8}/g) ?? [];
    const flip = (digit: string | undefined) => (digit === '0' ? '1' : '0');
    // The last digit of the first minimum, and the first digit of the last, changed.
    minimums[0] = `${minimums[0]?.slice(0, 7)}${flip(minimums[0]?.[7])}`;
    minimums[63] = `${flip(minimums[63]?.[0])}${minimums[63]?.slice(1)}`;
    const altered = minimums.join('');
    assert.equal(altered.length, signature.length);
    assert.equal(similarity(signature, altered), 62 / 64);
    assert.equal(similarity(altered, signature), 62 / 64);
  });

  it('signatures of different lengths share nothing', () => {
    const { signature } = fingerprint(SPAM);
    assert.equal(similarity(signature, signature.slice(8)), 0);
  });

  it('Arabic letter variants and diacritics fold to one fingerprint; texts under ten words have none', () => {
    const plain = 'نحن نتابع الاخبار كل يوم ونشكر الصحيفة على هذا التقرير المفصل عن الانتخابات';
    const marked = 'نحنُ نتابع الأخبار كل يوم ونشكر الصحيفة على هذا التقرير المفصّل عن الإنتخابات';
    assert.equal(similarity(fingerprint(plain).signature, fingerprint(marked).signature), 1);
    assert.equal(fingerprintOf('Thank you for this great article, well said'), null);
  });

  it('a short text with a link has a fingerprint (the commonest spam, a bare link too); one without has none', () => {
    const spam = fingerprint('Great read! www.cheap-pills.example');
    assert.equal(similarity(spam.signature, fingerprint('Great read!! www.cheap-pills.example').signature), 1);
    assert.ok(similarity(spam.signature, fingerprint('Great read! www.other-shop.example').signature) < MIN_SIMILARITY, 'another link is another text');
    fingerprint('https://cheap-pills.example');
    assert.equal(fingerprintOf('Great read, thanks!'), null);
  });
});
