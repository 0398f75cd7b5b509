// Leet and symbol substitutions ("sh1t", "@$$", "b!+ch"). Every substitution is one character
// for one character, so decoded spellings keep the raw token's map back to original offsets.

const LEET: Readonly<Record<string, string>> = {
  '@': 'a', $: 's', '!': 'i', '+': 't',
  '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g',
};

function isAsciiDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** Decodes leet spellings of a raw token into one or two spellings of the same length. */
export function decodeLeet(chars: string): string[] {
  let letters = 0;
  let digits = 0;
  let symbols = 0;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (isAsciiDigit(c)) digits++;
    else if (c === '@' || c === '$' || c === '!' || c === '+') symbols++;
    else letters++;
  }
  // Digits are ambiguous ("A55" is a road, "G7" a summit), so they are decoded only in tokens with
  // at least as many letters as digits. The symbols never stand for themselves inside a word.
  const decodeDigits = digits > 0 && letters > 0 && letters >= digits;
  if (symbols === 0 && !decodeDigits) return [chars];
  let primary = '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    primary += (decodeDigits || !isAsciiDigit(c) ? LEET[c] : undefined) ?? c;
  }
  // "1" is read both as "i" ("sh1t") and as "l" ("ho1e"); mixed readings are not tried.
  if (!decodeDigits || !chars.includes('1')) return [primary];
  let alternative = '';
  for (let i = 0; i < chars.length; i++) alternative += chars[i] === '1' ? 'l' : primary[i];
  return [primary, alternative];
}
