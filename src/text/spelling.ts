// Spellings of a token: leet and symbol substitutions ("sh1t", "@$$", "b!+ch") and stretched
// letters ("shiiiit"). Every substitution is one character for one character, so a decoded
// spelling keeps the token's map back to original offsets.

/** One spelling of a token: its letters, the letters with repeats collapsed, and the run lengths. */
export interface TokenVariant {
  /** Normalised letters, one per original-position entry (substitutions are one-to-one). */
  readonly letters: string;
  /** `letters` with every run of a repeated letter reduced to one ("shiiit" → "shit"). */
  readonly skeleton: string;
  /** One digit per skeleton letter: run length 1, 2, or 3 meaning "three or more" (stretched). */
  readonly runs: string;
}

const LEET: Readonly<Record<string, string>> = {
  '@': 'a', $: 's', '!': 'i', '+': 't',
  '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g',
};

function isAsciiDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

function isLeetSymbol(c: string): boolean {
  return c === '@' || c === '$' || c === '!' || c === '+';
}

// Whether a letter (not a digit, not a leet symbol) sits right before or after chars[from, to).
function touchesLetter(chars: string, from: number, to: number): boolean {
  const before = chars[from - 1];
  const after = chars[to];
  return (before !== undefined && !isLeetSymbol(before)) || (after !== undefined && !isLeetSymbol(after));
}

// Marks the digits that stand for letters: a digit run counts only inside a run of letters, so the
// "455" of "reader-455@example.org" or the "7175" of "sam.7175@…" stays a number ("@" there is
// the address separator, not a letter). Returns null when no digit is read as a letter.
function leetDigits(chars: string): boolean[] | null {
  let marks: boolean[] | null = null;
  for (let i = 0; i < chars.length; ) {
    if (!isAsciiDigit(chars[i] as string)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < chars.length && isAsciiDigit(chars[j] as string)) j++;
    if (touchesLetter(chars, i, j)) {
      marks ??= new Array<boolean>(chars.length).fill(false);
      marks.fill(true, i, j);
    }
    i = j;
  }
  return marks;
}

/** Decodes leet spellings of a raw token into one or two spellings of the same length. */
export function decodeLeet(chars: string): string[] {
  let letters = 0;
  let digits = 0;
  let symbols = 0;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (isAsciiDigit(c)) digits++;
    else if (isLeetSymbol(c)) symbols++;
    else letters++;
  }
  // Digits are ambiguous ("A55" is a road, "G7" a summit), so they are decoded only in tokens with
  // at least as many letters as digits. The symbols never stand for themselves inside a word.
  const digitMarks = digits > 0 && letters > 0 && letters >= digits ? leetDigits(chars) : null;
  if (symbols === 0 && digitMarks === null) return [chars];
  let primary = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    primary += (digitMarks?.[i] === true || !isAsciiDigit(c) ? LEET[c] : undefined) ?? c;
  }
  // "1" is read both as "i" ("sh1t") and as "l" ("ho1e"); mixed readings are not tried.
  if (digitMarks === null || !digitMarks.some((leet, i) => leet && chars[i] === '1')) return [primary];
  let alternative = '';
  for (let i = 0; i < chars.length; i++) alternative += digitMarks[i] === true && chars[i] === '1' ? 'l' : primary[i];
  return [primary, alternative];
}

const ONES: string[] = [''];

/** A run-length string of n single letters ("1111"), cached for ordinary word lengths. */
export function singleRuns(n: number): string {
  // Only short lengths are cached, so a hostile 5,000-letter token cannot grow the cache.
  if (n > 64) return '1'.repeat(n);
  while (ONES.length <= n) ONES.push(`${ONES[ONES.length - 1] as string}1`);
  return ONES[n] as string;
}

/** Whether any letter repeats the one before it. */
export function hasRepeat(letters: string): boolean {
  for (let i = 1; i < letters.length; i++) if (letters.charCodeAt(i) === letters.charCodeAt(i - 1)) return true;
  return false;
}

/** Collapses repeated letters into a skeleton plus run lengths (3 stands for "three or more"). */
export function collapseRepeats(letters: string): TokenVariant {
  if (!hasRepeat(letters)) return { letters, skeleton: letters, runs: singleRuns(letters.length) };
  let skeleton = '';
  let runs = '';
  for (let i = 0; i < letters.length; ) {
    let j = i + 1;
    while (j < letters.length && letters[j] === letters[i]) j++;
    skeleton += letters[i];
    runs += j - i >= 3 ? '3' : String(j - i);
    i = j;
  }
  return { letters, skeleton, runs };
}
