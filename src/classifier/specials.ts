// Finds the parts of a comment that are not words: links, e-mail addresses, @mentions and emoji.
// One regular expression whose every branch starts with a literal finds candidates quickly (a
// general URL pattern tried at every position cost more than the rest of scoring); each
// candidate is then widened to its whole span by hand.

/** A link, address, mention or emoji, with its UTF-16 span. */
export interface Special {
  kind: 'link' | 'email' | 'mention' | 'emoji';
  start: number;
  end: number;
}

const CANDIDATE =
  /https?:\/\/|www\.|@|\.(?:com|net|org|info|biz|io|co|ly|me|uk|us|ru|xyz|online|site)\b|[\u00a9\u00ae\u203c-\u3299\ud83c-\ud83e]/gi;
const PICTOGRAPHIC = /^\p{Extended_Pictographic}$/u;
const NOT_SPACE = /\S/;

function isWordCode(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f;
}

// Moves from `at` while the characters satisfy `test`; `step` is +1 (right) or −1 (left).
function extend(text: string, at: number, step: 1 | -1, test: (code: number, ch: string) => boolean): number {
  let i = at;
  while (i + step >= 0 && i + step < text.length && test(text.charCodeAt(i + step), text[i + step] as string)) i += step;
  return i;
}

const addressCode = (code: number) => isWordCode(code) || code === 0x2e || code === 0x2b || code === 0x2d;
const domainCode = (code: number) => isWordCode(code) || code === 0x2e || code === 0x2d;
const visible = (_code: number, ch: string) => NOT_SPACE.test(ch);

// "name@host.tld" is an address, "@name" a mention; both are widened from the "@" at `at`.
function aroundAt(text: string, at: number, from: number): Special | null {
  const left = Math.max(extend(text, at, -1, addressCode), from);
  const right = extend(text, at, 1, domainCode);
  if (left < at && text.slice(at + 1, right + 1).includes('.')) return { kind: 'email', start: left, end: right + 1 };
  const name = extend(text, at, 1, isWordCode);
  return name > at ? { kind: 'mention', start: at, end: name + 1 } : null;
}

// A link from `start` to the next space; `at` is where its candidate was found.
function linkAround(text: string, start: number, at: number): Special {
  return { kind: 'link', start, end: extend(text, at, 1, visible) + 1 };
}

function emojiAt(text: string, at: number): Special | null {
  const codePoint = text.codePointAt(at) as number;
  const width = codePoint > 0xffff ? 2 : 1;
  return PICTOGRAPHIC.test(String.fromCodePoint(codePoint)) ? { kind: 'emoji', start: at, end: at + width } : null;
}

/** The links, addresses, mentions and emoji of a text, in order and not overlapping. */
export function findSpecials(text: string): Special[] {
  const found: Special[] = [];
  let from = 0; // nothing found may start before the end of the previous one
  CANDIDATE.lastIndex = 0;
  for (let match = CANDIDATE.exec(text); match !== null; match = CANDIDATE.exec(text)) {
    const at = match.index;
    const first = text.charCodeAt(at);
    let special: Special | null;
    if (first === 0x40) special = aroundAt(text, at, from); // "@"
    else if (first === 0x2e) special = linkAround(text, Math.max(extend(text, at, -1, domainCode), from), at); // ".com"
    else if (first < 0x80) special = linkAround(text, at, at); // "http://", "www."
    else special = emojiAt(text, at);
    if (special === null || special.start < from) continue;
    found.push(special);
    from = special.end;
    CANDIDATE.lastIndex = Math.max(CANDIDATE.lastIndex, from);
  }
  return found;
}
