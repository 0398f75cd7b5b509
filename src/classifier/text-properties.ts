// Properties of a whole comment that words alone miss, mostly for spam: links, long numbers,
// mentions, shouting in capitals, symbol-heavy text, "!!!!", stretched letters, length. Each is a
// coarse bucket written as the phrase an explanation shows ("links: 2").
import { LINK, MENTION, NUMBER, SYMBOL, WORD, type TextToken } from './text-token.js';

// A run of at least this many digits looks like a phone number, a code or a price.
const LONG_NUMBER = 5;
// Below this many Latin letters the share of capitals means little ("OK", "UN").
const MIN_LATIN_FOR_CASE = 6;

function bucket(value: number, edges: readonly number[], names: readonly string[]): string {
  let k = 0;
  while (k < edges.length && value >= (edges[k] as number)) k++;
  return names[k] as string;
}

function lengthRange(length: number): string {
  if (length < 16) return 'under 16';
  if (length >= 2048) return '2048 or more';
  const low = 2 ** Math.floor(Math.log2(length));
  return `${low}–${low * 2 - 1}`;
}

// Counts of each token kind, the letters inside words, and the flags, in one pass.
function tally(tokens: readonly TextToken[]) {
  const counts = { links: 0, mentions: 0, longNumbers: 0, emoji: 0, inWords: 0, stretched: false, arabic: false };
  for (const token of tokens) {
    if (token.kind === WORD) counts.inWords += token.end - token.start;
    else if (token.kind === LINK) counts.links++;
    else if (token.kind === MENTION) counts.mentions++;
    else if (token.kind === SYMBOL) counts.emoji++;
    else if (token.kind === NUMBER && token.to - token.from >= LONG_NUMBER) counts.longNumbers++;
    counts.stretched ||= token.stretched;
    counts.arabic ||= token.arabic;
  }
  return counts;
}

/** The properties of a comment, as phrases; each is one feature. */
export function textProperties(text: string, tokens: readonly TextToken[]): string[] {
  let upper = 0;
  let lower = 0;
  let visible = 0;
  let bangs = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x20) visible++;
    if (code >= 0x41 && code <= 0x5a) upper++;
    else if (code >= 0x61 && code <= 0x7a) lower++;
    else if (code === 0x21) bangs++;
  }
  const { links, mentions, longNumbers, emoji, inWords, stretched, arabic } = tally(tokens);
  const properties = [
    `length: ${lengthRange(text.length)} characters`,
    links === 0 ? 'no links' : `links: ${bucket(links, [2, 3], ['1', '2', '3 or more'])}`,
    `mentions: ${bucket(mentions, [1, 2, 3], ['none', '1', '2', '3 or more'])}`,
    `long numbers: ${bucket(longNumbers, [1, 2], ['none', '1', '2 or more'])}`,
    `emoji: ${bucket(emoji, [1, 3], ['none', '1–2', '3 or more'])}`,
    `exclamation marks: ${bucket(bangs, [1, 2, 4], ['none', '1', '2–3', '4 or more'])}`,
    `characters outside words: ${bucket(visible === 0 ? 0 : 1 - inWords / visible, [0.1, 0.25, 0.5], ['under 10%', '10–25%', '25–50%', 'over 50%'])}`,
  ];
  if (upper + lower >= MIN_LATIN_FOR_CASE) {
    properties.push(`capital letters: ${bucket(upper / (upper + lower), [0.1, 0.4, 0.7], ['under 10%', '10–40%', '40–70%', 'over 70%'])}`);
  }
  if (stretched) properties.push('stretched letters');
  if (arabic && lower + upper > 0) properties.push('Arabic and Latin letters');
  return properties;
}
