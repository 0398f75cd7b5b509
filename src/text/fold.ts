// Per-code-point folding used by the matching normaliser. Each code point of the original text
// folds to a short string whose characters are word characters (letters, digits), one of the
// leet symbols "@$!+", an apostrophe "'", a separator " " or a line break "\n". An empty string
// means "ignore this code point without splitting the word" (zero-width, bidi, marks, tatweel).

// Symbols that stand for letters inside words (leet): they fold to themselves and are decoded later.
const LEET_SYMBOLS = '@$!+';

// Default-ignorable and format characters are invisible, so they are dropped rather than treated as
// spaces: that covers ZWSP/ZWJ/word joiner/BOM/soft hyphen, the bidi controls, and also ZWNJ and
// the Arabic letter mark, which are legitimate in Persian and Arabic words and must not split them.
const IGNORABLE = /^[\p{Default_Ignorable_Code_Point}\p{Cf}]$/u;
const MARKS = /[\p{Mn}\p{Me}]/gu;
// Spacing marks (Mc) belong to Indic words; keeping them avoids splitting those words apart.
const WORD = /^[\p{L}\p{N}\p{Mc}]$/u;
const LINE_BREAK = /^[\n\r\v\f\u0085\u2028\u2029]$/;
const APOSTROPHES = new Set(["'", '\u2019', '\u2018', '\u02BC', '`', '\u00B4']);

// Applied after NFKC, case folding and mark stripping. Cyrillic/Greek/small-capital letters that
// look Latin become Latin; Arabic letter variants and Persian/Urdu look-alikes become the common
// Arabic letter. Hamza carriers (أ إ آ ؤ ئ ۀ) need no entry: NFD splits off the hamza as a mark.
const LOOKALIKES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', п: 'n', р: 'p', с: 'c', т: 't',
  у: 'y', х: 'x', ь: 'b', ѕ: 's', і: 'i', ј: 'j', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l', һ: 'h', ү: 'y',
  ө: 'o',
  // Greek
  α: 'a', β: 'b', γ: 'y', ε: 'e', η: 'n', ι: 'i', κ: 'k', μ: 'u', ν: 'v', ο: 'o', ρ: 'p',
  τ: 't', υ: 'u', χ: 'x', ω: 'w', ϲ: 'c',
  // Latin letters that NFKC/NFD leave alone, and small capitals
  ı: 'i', ł: 'l', ø: 'o', đ: 'd', ð: 'd', ħ: 'h', ŧ: 't', ƀ: 'b', ɨ: 'i', ʉ: 'u', æ: 'ae',
  œ: 'oe', ŋ: 'n', ɡ: 'g', ɑ: 'a', ɩ: 'i', ᴀ: 'a', ʙ: 'b', ᴄ: 'c', ᴅ: 'd', ᴇ: 'e', ғ: 'f',
  ɢ: 'g', ʜ: 'h', ɪ: 'i', ᴊ: 'j', ᴋ: 'k', ʟ: 'l', ᴍ: 'm', ɴ: 'n', ᴏ: 'o', ᴘ: 'p', ʀ: 'r',
  ꜱ: 's', ᴛ: 't', ᴜ: 'u', ᴠ: 'v', ᴡ: 'w', ʏ: 'y', ᴢ: 'z',
  // Arabic letter variants, Persian/Urdu/Kurdish look-alikes, tatweel and the high hamza
  ى: 'ي', ة: 'ه', ٱ: 'ا', ٲ: 'ا', ٳ: 'ا', ک: 'ك', ڪ: 'ك', ی: 'ي', ې: 'ي', ۍ: 'ي', ێ: 'ي',
  ے: 'ي', ہ: 'ه', ە: 'ه', ھ: 'ه', ۃ: 'ه', ۆ: 'و', ۇ: 'و', ۈ: 'و', ۋ: 'و', ـ: '', ٴ: '',
};

function computeFold(codePoint: number): string {
  const ch = String.fromCodePoint(codePoint);
  if (IGNORABLE.test(ch)) return '';
  if (LINE_BREAK.test(ch)) return '\n';
  if (APOSTROPHES.has(ch)) return "'";
  // Upper-then-lower approximates full case folding (ß → ss) with what JavaScript offers.
  const folded = ch.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFD').replace(MARKS, '');
  let out = '';
  for (const c of folded) {
    for (const d of LOOKALIKES[c] ?? c) {
      out += WORD.test(d) || LEET_SYMBOLS.includes(d) ? d : LINE_BREAK.test(d) ? '\n' : ' ';
    }
  }
  return out;
}

// Folding a code point is slow (several normalize calls), and text repeats the same few hundred
// code points, so results are cached: a flat array for the BMP and a map for the rest.
const bmpCache: (string | undefined)[] = new Array<string | undefined>(0x10000);
const astralCache = new Map<number, string>();

/** Folds one code point for matching; the result is cached, so calling it per character is cheap. */
export function foldCodePoint(codePoint: number): string {
  if (codePoint < 0x10000) {
    const hit = bmpCache[codePoint];
    if (hit !== undefined) return hit;
    const computed = computeFold(codePoint);
    bmpCache[codePoint] = computed;
    return computed;
  }
  let hit = astralCache.get(codePoint);
  if (hit === undefined) {
    hit = computeFold(codePoint);
    // Astral code points are unbounded in hostile input; cap the cache rather than grow forever.
    if (astralCache.size < 4096) astralCache.set(codePoint, hit);
  }
  return hit;
}

// Kinds of a UTF-16 code unit, for the tokenizer's table-driven fast path.
/** Folds to one word character: itself (SAME) or another one (MAPPED: "A" → "a", "ة" → "ه"). */
export const UNIT_SAME = 1;
export const UNIT_MAPPED = 2;
/** Folds to a separator, a line break or an apostrophe. */
export const UNIT_SPACE = 3;
export const UNIT_LINE = 4;
export const UNIT_QUOTE = 5;
/** "!" or "+": a leet letter inside a word, punctuation at its start. */
export const UNIT_BANG_PLUS = 6;
/** Dropped without splitting the word. */
export const UNIT_IGNORE = 7;
/** Surrogates and code points folding to several characters: use `foldCodePoint`. */
export const UNIT_COMPLEX = 8;

const unitKinds = new Uint8Array(0x10000);
const unitFolds = new Uint16Array(0x10000);

function classifyUnit(unit: number): number {
  let kind = UNIT_COMPLEX;
  if (unit < 0xd800 || unit > 0xdfff) {
    const folded = foldCodePoint(unit);
    const code = folded.charCodeAt(0);
    if (folded === '') kind = UNIT_IGNORE;
    else if (/^ +$/.test(folded)) kind = UNIT_SPACE; // "…" folds to "...", i.e. three separators
    else if (/^[ \n]+$/.test(folded)) kind = UNIT_LINE;
    else if (folded.length > 1) kind = UNIT_COMPLEX;
    else if (code === 0x20) kind = UNIT_SPACE;
    else if (code === 0x0a) kind = UNIT_LINE;
    else if (code === 0x27) kind = UNIT_QUOTE;
    else if (code === 0x21 || code === 0x2b) kind = UNIT_BANG_PLUS;
    else kind = code === unit ? UNIT_SAME : UNIT_MAPPED;
    if (kind !== UNIT_COMPLEX) unitFolds[unit] = code;
  }
  unitKinds[unit] = kind;
  return kind;
}

/** The kind of a UTF-16 code unit (one of the UNIT_ constants); cached like `foldCodePoint`. */
export function unitKind(unit: number): number {
  const kind = unitKinds[unit] as number;
  return kind !== 0 ? kind : classifyUnit(unit);
}

/** The single folded character of a unit whose kind is SAME, MAPPED or BANG_PLUS. */
export function unitFold(unit: number): number {
  return unitFolds[unit] as number;
}
