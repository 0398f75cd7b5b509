import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeForMatching, tokenizeForMatching } from '../../../src/text/normalize.js';

// Input → the readable normalised text (tokens joined by single spaces; runs of 3+ shown once).
const TEXT_CASES: readonly (readonly [name: string, input: string, expected: string])[] = [
  ['lower-cases', 'Hello World', 'hello world'],
  ['fullwidth letters', 'ＦＵＣＫ', 'fuck'],
  ['mathematical bold', '𝐟𝐮𝐜𝐤', 'fuck'],
  ['circled letters', 'ⓕⓤⓒⓚ', 'fuck'],
  ['small capitals', 'ꜱʜɪᴛ', 'shit'],
  ['zero-width space inside a word', 'fu\u200Bck', 'fuck'],
  ['zero-width joiner, non-joiner and word joiner', 'f\u200Du\u200Cc\u2060k', 'fuck'],
  ['soft hyphen', 'sh\u00ADit', 'shit'],
  ['BOM inside a word', 'sh\uFEFFit', 'shit'],
  ['right-to-left override', '\u202Eshit\u202C', 'shit'],
  ['bidi isolates', '\u2067fu\u2069ck', 'fuck'],
  ['left-to-right mark inside', 'cu\u200Ent', 'cunt'],
  ['Cyrillic look-alikes', 'ѕһіt', 'shit'],
  ['Cyrillic a in ass', 'аss', 'ass'],
  ['Greek capital alpha', 'ΑSS', 'ass'],
  ['Greek omicron', 'cοck', 'cock'],
  ['Latin diacritics', 'fück', 'fuck'],
  ['combining mark', 'fu\u0308ck', 'fuck'],
  ['strikethrough combining overlay', 's\u0336h\u0336i\u0336t\u0336', 'shit'],
  ['sharp s folds to ss', 'Straße', 'strasse'],
  ['fi ligature', 'ﬁne', 'fine'],
  ['leet digits', 'sh1t', 'shit'],
  ['leading leet digit', '5h1t', 'shit'],
  ['leet symbols', '@$$', 'ass'],
  ['exclamation and plus inside a word', 'b!+ch', 'bitch'],
  ['dollar at the start', '$hit', 'shit'],
  ['trailing exclamation is punctuation', 'shit!!', 'shit'],
  ['digits stay digits in mostly-digit tokens', 'A55 road', 'a55 road'],
  ['numbers untouched', 'COVID-19 in 2024', 'covid 19 in 2024'],
  ['digits beside no letter stay a number', 'reader-455@example.org', 'reader 455aexample org'],
  ['a digit run inside letters is leet', 'b00bs', 'boobs'],
  ['stretched letters', 'shiiiiiit', 'shit'],
  ['double letters kept', 'assassin classic', 'assassin classic'],
  ['spaced letters joined', 's h i t', 'shit'],
  ['dotted letters joined', 's.h.i.t.', 'shit'],
  ['dashed letters joined', 'f-u-c-k', 'fuck'],
  ['underscored letters joined', 'f_u_c_k', 'fuck'],
  ['slashed letters joined', 'c/u/n/t', 'cunt'],
  ['far-apart letters not joined', 'a     b', 'a b'],
  ['letters across lines not joined', 'a\nb', 'a b'],
  ['apostrophe splits a clitic', "don't", 'don t'],
  ['typographic apostrophe', 'Gaza’s', 'gaza s'],
  ['punctuation separates', 'hello,world;again', 'hello world again'],
  ['emoji separate', 'hi😂there', 'hi there'],
  ['tashkeel removed', 'كَلْبٌ', 'كلب'],
  ['tatweel removed', 'كــــلب', 'كلب'],
  ['alef with hamza above', 'أحمد', 'احمد'],
  ['alef with hamza below', 'إسلام', 'اسلام'],
  ['alef madda', 'آمن', 'امن'],
  ['alef wasla', 'ٱلْحَمْدُ', 'الحمد'],
  ['alef maqsura', 'مستشفى', 'مستشفي'],
  ['teh marbuta', 'مدرسة', 'مدرسه'],
  ['waw with hamza', 'مؤمن', 'مومن'],
  ['yeh with hamza', 'قائد', 'قايد'],
  ['Persian keheh and yeh', 'کتابی', 'كتابي'],
  ['Urdu heh goal and Kurdish ae', 'گروہ کە', 'گروه كه'],
  ['presentation forms', 'ﻛﻠﺐ', 'كلب'],
  ['lam-alef ligature', 'ﻻ', 'لا'],
  ['Allah ligature', 'ﷲ', 'الله'],
  ['stretched Arabic letter', 'كلللللب', 'كلب'],
  ['doubled Arabic letter kept', 'الله', 'الله'],
  ['spaced Arabic letters', 'ك ل ب', 'كلب'],
  ['dotted Arabic letters', 'ك.ل.ب', 'كلب'],
  ['ZWNJ keeps a Persian word whole', 'می‌خواهم', 'ميخواهم'],
  ['Arabic letter mark dropped', 'كلب\u061C', 'كلب'],
  ['RLM inside an Arabic word', 'كل\u200Fب', 'كلب'],
  ['Arabic punctuation separates', 'مصر، غزة؟ بيروت؛', 'مصر غزه بيروت'],
  ['Arabic-Indic digits kept', '٢٠٢٤', '٢٠٢٤'],
  ['mixed scripts', 'Sussex و القدس', 'sussex و القدس'],
  ['empty input', '', ''],
  ['only separators', ' ,.!?… ', ''],
];

describe('normalizeForMatching: text', () => {
  for (const [name, input, expected] of TEXT_CASES) {
    it(`${name}: ${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      assert.equal(normalizeForMatching(input).text, expected);
    });
  }
});

describe('normalizeForMatching: map back to the original', () => {
  const inputs = ['Hi ｓ.h.i.t!', 'كــلب والكَلْب', 'shiiiit ﷲ', 'fu\u200Bck 𝐟𝐮𝐜𝐤', "don't s h i t"];
  for (const input of inputs) {
    it(`every position of ${JSON.stringify(input)} maps into the original`, () => {
      const { text, starts, ends } = normalizeForMatching(input);
      assert.equal(starts.length, text.length);
      assert.equal(ends.length, text.length);
      for (let k = 0; k < text.length; k++) {
        const start = starts[k] as number;
        const end = ends[k] as number;
        assert.ok(start >= 0 && start <= end && end <= input.length, `position ${k}: [${start}, ${end})`);
        if (text[k] !== ' ') assert.ok(start < end, `letter ${k} maps to a non-empty span`);
      }
    });
  }

  it('maps spaced letters to each original letter', () => {
    const input = 'a s.h.i.t b';
    const { text, starts, ends } = normalizeForMatching(input);
    const k = text.indexOf('shit');
    assert.deepEqual(
      [0, 1, 2, 3].map((d) => input.slice(starts[k + d], ends[k + d])),
      ['s', 'h', 'i', 't'],
    );
  });

  it('maps a stretched run to the whole run', () => {
    const input = 'oh shiiiiit';
    const { text, starts, ends } = normalizeForMatching(input);
    const k = text.indexOf('i');
    assert.equal(input.slice(starts[k], ends[k]), 'iiiii');
  });

  it('maps a folded astral letter to both of its UTF-16 units', () => {
    const input = '𝐟x';
    const { starts, ends } = normalizeForMatching(input);
    assert.deepEqual([starts[0], ends[0]], [0, 2]);
  });
});

describe('tokenizeForMatching: tokens', () => {
  it('keeps run lengths: "ass" and "as" differ, a stretched run reads as 3', () => {
    const [ass, as, stretched] = tokenizeForMatching('ass as asssss');
    assert.deepEqual([ass?.skeleton, ass?.runs], ['as', '12']);
    assert.deepEqual([as?.skeleton, as?.runs], ['as', '11']);
    assert.deepEqual([stretched?.skeleton, stretched?.runs], ['as', '13']);
  });

  it('offers both readings of 1: i and l', () => {
    const [token] = tokenizeForMatching('ho1e');
    assert.equal(token?.letters, 'hoie');
    assert.equal(token?.alternative?.letters, 'hole');
  });

  it('marks Arabic tokens and spaced-letter tokens', () => {
    const [arabic, latin, spaced] = tokenizeForMatching('والكلب word s h i t');
    assert.equal(arabic?.arabic, true);
    assert.equal(latin?.arabic, false);
    assert.equal(spaced?.spaced, true);
    assert.equal(spaced?.letters, 'shit');
  });

  it('does not join a letter glued by an apostrophe ("team\'s a")', () => {
    const tokens = tokenizeForMatching("the team's a");
    assert.deepEqual(tokens.map((t) => t.letters), ['the', 'team', 's', 'a']);
    assert.equal(tokens[2]?.clitic, true);
  });

  it('reports the original span of each token', () => {
    const input = 'Say كــلب and sh1t';
    const spans = tokenizeForMatching(input).map((t) => input.slice(t.start, t.end));
    assert.deepEqual(spans, ['Say', 'كــلب', 'and', 'sh1t']);
  });
});
