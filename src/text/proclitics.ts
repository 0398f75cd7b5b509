// Arabic writes conjunctions (و ف), prepositions (ب ك ل) and the article (ال) as part of the next
// word, so "والكلب" is "و + ال + كلب". A listed word must still match behind these prefixes, but a
// longer word that merely contains it must not: so only whole prefix combinations are stripped,
// and the rest of the token must equal a listed word exactly.

/** One way to read the start of an Arabic token as proclitics. */
export interface ProcliticSplit {
  /** The proclitics as normalised letters (hamza forms are already folded). */
  readonly prefix: string;
  /** The combination includes the article ال (or its merged form لل after ل). */
  readonly withArticle: boolean;
}

// ل + ال is written لل. Every combination of at most one conjunction, one preposition and the
// article, in that order.
const WITHOUT_ARTICLE = ['و', 'ف', 'ب', 'ك', 'ل', 'وب', 'فب', 'وك', 'فك', 'ول', 'فل'];
const WITH_ARTICLE = ['ال', 'وال', 'فال', 'بال', 'كال', 'لل', 'وبال', 'فبال', 'وكال', 'فكال', 'ولل', 'فلل'];
const SPLITS: readonly ProcliticSplit[] = [
  ...WITHOUT_ARTICLE.map((prefix) => ({ prefix, withArticle: false })),
  ...WITH_ARTICLE.map((prefix) => ({ prefix, withArticle: true })),
];
const NONE: readonly ProcliticSplit[] = [];
// Grouped by first letter so a token is checked only against prefixes that can start it.
const BY_FIRST_LETTER = new Map<number, readonly ProcliticSplit[]>();
for (const split of SPLITS) {
  const first = split.prefix.charCodeAt(0);
  BY_FIRST_LETTER.set(first, [...(BY_FIRST_LETTER.get(first) ?? NONE), split]);
}

/** The proclitic combinations that begin with the given letter (a word must still start with one). */
export function procliticsStartingWith(firstLetter: number): readonly ProcliticSplit[] {
  return BY_FIRST_LETTER.get(firstLetter) ?? NONE;
}

// Common words whose first letters look like proclitics but belong to the word, and which would
// read as a listed word once those letters were stripped: فخرا ("pride", not ف + خرا) and كسكس
// ("couscous", not ك + سكس). Found by checking the default lists against a list of several hundred
// common words (tests/fixtures/arabic-common-words.txt); add a word here when a list entry
// collides with an everyday word in the same way.
const WHOLE_WORDS: ReadonlySet<string> = new Set(['فخرا', 'كسكس']);

/** Whether reading the first `length` letters as proclitics would cut into a whole word ("فخرا", "وكسكس"). */
export function cutsIntoWholeWord(letters: string, length: number): boolean {
  if (WHOLE_WORDS.has(letters)) return true;
  return procliticsStartingWith(letters.charCodeAt(0)).some(
    ({ prefix }) => prefix.length < length && letters.startsWith(prefix) && WHOLE_WORDS.has(letters.slice(prefix.length)),
  );
}

// The vocative يا is a separate word in careful writing but is very often glued on in comments
// ("ياكلب"). It is not stripped from every word (it starts ordinary words such as ياسمين); instead
// a list entry written "يا X" also matches the glued "ياX".
const VOCATIVE = 'يا';

/** For an entry's first two words, the glued vocative form ("يا" + "كلب" → "ياكلب"), if it applies. */
export function gluedVocative(firstWord: string, secondWord: string): string | undefined {
  return firstWord === VOCATIVE && secondWord !== '' ? VOCATIVE + secondWord : undefined;
}
