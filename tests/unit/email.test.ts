import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkEmail, emailKey, isValidEmail } from '../../src/authors/email.js';
import { DIFFERENT_KEY, INVALID_EMAILS, SAME_KEY, VALID_EMAILS } from '../fixtures/email-vectors.js';

// Renders invisible and control characters so a failing vector can be read in the test output.
function show(text: string): string {
  return JSON.stringify(text).replace(/[^\x20-\x7E]/gu, (ch) => {
    const cp = ch.codePointAt(0) ?? 0;
    return /[\p{L}\p{M}\p{N}]/u.test(ch) ? ch : `\\u{${cp.toString(16).toUpperCase()}}`;
  });
}

const forbiddenChar = fc.oneof(
  fc.integer({ min: 0x00, max: 0x1f }),
  fc.constant(0x7f),
  fc.integer({ min: 0x80, max: 0x9f }),
  fc.integer({ min: 0x202a, max: 0x202e }),
  fc.integer({ min: 0x2066, max: 0x2069 }),
  fc.constantFrom(0x200e, 0x200f, 0x061c, 0x200b, 0x200c, 0x200d, 0xfeff, 0x2060),
).map((cp) => String.fromCodePoint(cp));

// Every UTF-16 code unit on its own, so lone surrogates turn up as well as astral pairs.
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit));
const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: anyCodeUnit, maxLength: 80 }),
  fc.string({ unit: fc.constantFrom('a', '@', '.', '-', 'ب', 'x', 'n', '\u0301', '"', '['), maxLength: 40 }),
);

const ATEXT = [..."abcXYZ019!#$%&'*+/=?^_`{|}~-"];
const asciiAtext = fc.constantFrom(...ATEXT);
const arabicLetter = fc
  .oneof(fc.integer({ min: 0x0621, max: 0x063a }), fc.integer({ min: 0x0641, max: 0x064a }))
  .map((cp) => String.fromCodePoint(cp));
const cjkLetter = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((cp) => String.fromCodePoint(cp));
const latinLetter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ');
const latinLabelChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789');

const localPart = fc
  .array(fc.string({ unit: fc.oneof(asciiAtext, arabicLetter, cjkLetter), minLength: 1, maxLength: 8 }), {
    minLength: 1,
    maxLength: 3,
  })
  .map((atoms) => atoms.join('.'));
const latinLabel = fc
  .tuple(latinLetter, fc.string({ unit: latinLabelChar, maxLength: 8 }))
  .map(([first, rest]) => first + rest);
const arabicLabel = fc.string({ unit: arabicLetter, minLength: 1, maxLength: 8 });
const cjkLabel = fc.string({ unit: cjkLetter, minLength: 1, maxLength: 4 });
const domain = fc
  .tuple(
    fc.array(fc.oneof(latinLabel, arabicLabel, cjkLabel), { minLength: 1, maxLength: 3 }),
    fc.constantFrom('com', 'de', 'ORG', 'مصر', 'السعودية', 'рф', '广告', 'xn--wgbh1c'),
  )
  .map(([labels, tld]) => [...labels, tld].join('.'));
const plausibleAddress = fc.tuple(localPart, domain).map(([local, host]) => `${local}@${host}`);

describe('email vectors', () => {
  it('has at least 60 vectors, valid and invalid', () => {
    assert.ok(VALID_EMAILS.length >= 20, `valid: ${VALID_EMAILS.length}`);
    assert.ok(INVALID_EMAILS.length >= 20, `invalid: ${INVALID_EMAILS.length}`);
    assert.ok(VALID_EMAILS.length + INVALID_EMAILS.length >= 60);
  });
});

describe('isValidEmail: valid vectors', () => {
  for (const vector of VALID_EMAILS) {
    it(`accepts ${show(vector.address)} (${vector.note})`, () => {
      assert.equal(checkEmail(vector.address), null);
      assert.equal(isValidEmail(vector.address), true);
    });
  }
});

describe('isValidEmail: invalid vectors', () => {
  for (const vector of INVALID_EMAILS) {
    it(`refuses ${show(vector.address.slice(0, 80))} as ${vector.reason} (${vector.note})`, () => {
      assert.equal(checkEmail(vector.address), vector.reason);
      assert.equal(isValidEmail(vector.address), false);
    });
  }
});

describe('emailKey', () => {
  it('decodes punycode and lowercases the domain', () => {
    assert.equal(emailKey('r2l@xn--ngbrx4e.de'), 'r2l@عربي.de');
    assert.equal(emailKey('R2L@XN--NGBRX4E.DE'), 'r2l@عربي.de');
    assert.equal(emailKey('user@xn--fsqu00a.xn--4rr70v'), 'user@例子.广告');
  });

  it('lowercases the local part and composes to NFC', () => {
    assert.equal(emailKey('John.Smith+Tag@Example.COM'), 'john.smith+tag@example.com');
    assert.equal(emailKey('PELE\u0301@EXAMPLE.COM'), 'pel\u00e9@example.com');
  });

  it('leaves Arabic, which has no case, exactly as typed', () => {
    assert.equal(emailKey('مستخدم@مثال.مصر'), 'مستخدم@مثال.مصر');
    assert.equal(emailKey('مُحَمَّد@مثال.مصر'), 'مُحَمَّد@مثال.مصر');
  });

  it('does not depend on a Turkish locale for I', () => {
    assert.equal(emailKey('IRMAK@example.com.tr'), 'irmak@example.com.tr');
  });

  for (const { a, b, note } of SAME_KEY) {
    it(`gives one key to ${show(a)} and ${show(b)} (${note})`, () => {
      assert.equal(emailKey(a), emailKey(b));
    });
  }

  for (const { a, b, note } of DIFFERENT_KEY) {
    it(`keeps ${show(a)} and ${show(b)} apart (${note})`, () => {
      assert.notEqual(emailKey(a), emailKey(b));
    });
  }

  it('maps every valid vector to a valid key that is its own key', () => {
    for (const { address } of VALID_EMAILS) {
      const key = emailKey(address);
      assert.equal(isValidEmail(key), true, `key of ${show(address)} is ${show(key)}`);
      assert.equal(emailKey(key), key);
    }
  });
});

describe('email properties', () => {
  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(anyString, (input) => {
        const valid = isValidEmail(input);
        const problem = checkEmail(input);
        assert.equal(valid, problem === null);
        assert.equal(typeof emailKey(input), 'string');
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts generated internationalised addresses, and their keys are stable', () => {
    fc.assert(
      fc.property(plausibleAddress, (address) => {
        assert.equal(checkEmail(address), null, show(address));
        const key = emailKey(address);
        assert.equal(isValidEmail(key), true, show(key));
        assert.equal(emailKey(key), key);
        assert.equal(emailKey(address.toUpperCase()), emailKey(address.toLowerCase()));
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses any address with a control, bidi or zero-width character anywhere', () => {
    fc.assert(
      fc.property(plausibleAddress, forbiddenChar, fc.nat(), (address, bad, at) => {
        const units = [...address];
        const position = at % (units.length + 1);
        const tainted = [...units.slice(0, position), bad, ...units.slice(position)].join('');
        assert.equal(checkEmail(tainted), 'forbidden-character', show(tainted));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses any string at all that contains a control or bidi-override character', () => {
    fc.assert(
      fc.property(anyString, forbiddenChar, fc.nat(), (input, bad, at) => {
        const position = at % (input.length + 1);
        const tainted = input.slice(0, position) + bad + input.slice(position);
        assert.equal(isValidEmail(tainted), false, show(tainted));
      }),
      { numRuns: 2000 },
    );
  });
});
