import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LINK, MENTION, NUMBER, SYMBOL, WORD } from '../../../src/classifier/text-token.js';
import { tokenizeComment } from '../../../src/classifier/tokens.js';

const KIND_NAMES = { [WORD]: 'word', [NUMBER]: 'number', [LINK]: 'link', [MENTION]: 'mention', [SYMBOL]: 'emoji' } as const;

// Each token as [kind, the original text it covers, the folded form its features are hashed from].
function tokensOf(text: string): [string, string, string][] {
  const { tokens, letters } = tokenizeComment(text);
  return tokens.map((t) => [
    KIND_NAMES[t.kind as keyof typeof KIND_NAMES],
    text.slice(t.start, t.end),
    String.fromCharCode(...letters.subarray(t.from, t.to)),
  ]);
}

const CASES: readonly (readonly [name: string, text: string, tokens: [string, string, string][]])[] = [
  ['case folds', 'Hello WORLD', [['word', 'Hello', 'hello'], ['word', 'WORLD', 'world']]],
  ['tatweel is dropped inside the span', 'كــلب', [['word', 'كــلب', 'كلب']]],
  ['tashkeel is dropped inside the span', 'كَلْبٌ', [['word', 'كَلْبٌ', 'كلب']]],
  ['hamza forms and teh marbuta fold', 'أحمد مدرسة', [['word', 'أحمد', 'احمد'], ['word', 'مدرسة', 'مدرسه']]],
  ['stretched letters are cut to two', 'sooooo كلللللب', [['word', 'sooooo', 'soo'], ['word', 'كلللللب', 'كللب']]],
  ['leet inside a word', 'sh1t and @$$', [['word', 'sh1t', 'shit'], ['word', 'and', 'and'], ['word', '@$$', 'ass']]],
  ['a trailing "!" is punctuation', 'shit!! sh!t', [['word', 'shit', 'shit'], ['word', 'sh!t', 'shit']]],
  ['numbers become shapes', 'call 0800 1234567', [['word', 'call', 'call'], ['number', '0800', '0000'], ['number', '1234567', '0000000']]],
  ['Arabic-Indic digits are numbers', 'عام ٢٠٢٤', [['word', 'عام', 'عام'], ['number', '٢٠٢٤', '0000']]],
  ['an e-mail address is one token', 'mail reader-455@example.org', [['word', 'mail', 'mail'], ['link', 'reader-455@example.org', 'email']]],
  ['a mention is one token', '@USER hi', [['mention', '@USER', '@'], ['word', 'hi', 'hi']]],
  ['a link with a scheme', 'see https://x.example/a?b=1 now', [['word', 'see', 'see'], ['link', 'https://x.example/a?b=1', 'link'], ['word', 'now', 'now']]],
  ['a bare domain', 'visit cheap-deals.example.com today', [['word', 'visit', 'visit'], ['link', 'cheap-deals.example.com', 'link'], ['word', 'today', 'today']]],
  ['emoji are tokens of their own', 'great😂😂 ok', [['word', 'great', 'great'], ['emoji', '😂', '😂'], ['emoji', '😂', '😂'], ['word', 'ok', 'ok']]],
  ['punctuation separates', 'مصر، غزة؟ yes.no', [['word', 'مصر', 'مصر'], ['word', 'غزة', 'غزه'], ['word', 'yes', 'yes'], ['word', 'no', 'no']]],
  ['empty text', '', []],
];

describe('tokenizeComment', () => {
  for (const [name, text, expected] of CASES) {
    it(`${name}: ${JSON.stringify(text)}`, () => {
      assert.deepEqual(tokensOf(text), expected);
    });
  }

  it('marks Arabic words and stretched words', () => {
    const { tokens } = tokenizeComment('كلللب dog');
    assert.deepEqual(tokens.map((t) => [t.arabic, t.stretched]), [[true, true], [false, false]]);
  });
});
