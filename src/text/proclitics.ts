// Arabic writes conjunctions (و ف), prepositions (ب ك ل) and the article (ال) as part of the next
// word, so "والكلب" is "و + ال + كلب". A listed word must still match behind these prefixes, but a
// longer word that merely contains it must not: so only whole prefix combinations are stripped,
// and the rest of the token must equal a listed word exactly.

/** One way to read the start of an Arabic token as proclitics. */
export interface ProcliticSplit {
  /** Number of normalised letters taken by the proclitics. */
  readonly length: number;
  /** The combination includes the article ال (or its merged form لل after ل). */
  readonly withArticle: boolean;
}

// Normalised spellings (hamza forms are already folded). ل + ال is written لل.
const WITHOUT_ARTICLE = ['و', 'ف', 'ب', 'ك', 'ل', 'وب', 'فب', 'وك', 'فك', 'ول', 'فل'];
const WITH_ARTICLE = ['ال', 'وال', 'فال', 'بال', 'كال', 'لل', 'وبال', 'فبال', 'وكال', 'فكال', 'ولل', 'فلل'];
const SPLITS: readonly (ProcliticSplit & { prefix: string })[] = [
  ...WITHOUT_ARTICLE.map((prefix) => ({ prefix, length: prefix.length, withArticle: false })),
  ...WITH_ARTICLE.map((prefix) => ({ prefix, length: prefix.length, withArticle: true })),
];

// The vocative يا is a separate word in careful writing but is very often glued on in comments
// ("ياكلب"). It is not stripped from every word (it starts ordinary words such as ياسمين); instead
// a list entry written "يا X" also matches the glued "ياX". See `gluedVocative`.
const VOCATIVE = 'يا';

/** Lists the proclitic prefixes an Arabic token can start with, leaving at least two letters. */
export function splitProclitics(letters: string): ProcliticSplit[] {
  const out: ProcliticSplit[] = [];
  // Every prefix starts with one of these letters; most tokens are rejected by this one check.
  if (!'وفبكلا'.includes(letters[0] ?? ' ')) return out;
  for (const split of SPLITS) {
    if (letters.length - split.length >= 2 && letters.startsWith(split.prefix)) out.push(split);
  }
  return out;
}

/** For an entry's first two words, the glued vocative form ("يا" + "كلب" → "ياكلب"), if it applies. */
export function gluedVocative(firstWord: string, secondWord: string): string | undefined {
  return firstWord === VOCATIVE && secondWord !== '' ? VOCATIVE + secondWord : undefined;
}
