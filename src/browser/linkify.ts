// Comment bodies are plain text; the widget and the server-rendered thread both turn the web
// addresses in them into links the same way, with this one pure function.

/** A run of comment text: plain, or a web address (`href` is exactly the text shown). */
export interface TextRun {
  text: string;
  href?: string;
}

// An address ends at a direction embedding, override or isolate: inside a link's text, a right-to-left override would
// show "https://evil.example/\u202Emoc.elpmaxe" as an address it is not. (The marks, LRM, RLM and ALM, reorder no
// letters; left out, they keep the widget's bundle within its budget.)
const CANDIDATE = /\bhttps?:\/\/[^\s<>"'`\u202A-\u202E\u2066-\u2069]+/giu;
// Punctuation that ends a sentence rather than an address ("see https://a.example/x.").
const TRAILING = /[.,;:!?،؛۔»«”’)\]}]+$/u;

function trimAddress(candidate: string): string {
  let text = candidate.replace(TRAILING, '');
  // Keep a closing parenthesis that closes one inside the address (Wikipedia-style paths).
  const rest = candidate.slice(text.length);
  for (const char of rest) {
    if (char !== ')' || (text.match(/\(/g) ?? []).length <= (text.match(/\)/g) ?? []).length) break;
    text += char;
  }
  return text;
}

function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * Splits text into plain runs and http(s) addresses. Nothing else becomes a link (no `javascript:`,
 * no `www.` guessing), and a link's text is always its real address, so it cannot pose as another.
 */
export function splitLinks(text: string): TextRun[] {
  const runs: TextRun[] = [];
  let last = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index ?? 0;
    const address = trimAddress(match[0]);
    if (!isWebAddress(address)) continue;
    if (start > last) runs.push({ text: text.slice(last, start) });
    runs.push({ text: address, href: address });
    last = start + address.length;
  }
  if (last < text.length) runs.push({ text: text.slice(last) });
  return runs;
}

/** The rel of every link a reader wrote: user content, not endorsed, no window.opener. */
export const UGC_REL = 'ugc nofollow noopener';
