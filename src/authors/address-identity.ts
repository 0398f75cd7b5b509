// The one answer to "is this the same person's address?" for bans and trust (never for display or
// for sending mail: the stored address stays exactly as typed). Every spelling a person can type for
// one mailbox must land on one key, or a ban is dodged by retyping the address:
// - letter case, in the local part too (see emailKey in email.ts for why);
// - compatibility forms and look-alike letters: NFKC (fullwidth "ｅ", ideographic full stop "｡"),
//   accents stripped, Cyrillic/Greek letters that look Latin folded to Latin (text/fold.ts, the same
//   table the word lists use), so "аdmin@" with a Cyrillic "а" is "admin@";
// - IDN spellings of the domain: the Unicode and punycode (xn--) forms of a label are one domain;
// - sub-addresses: everything from the first "+" in the local part is a tag the mailbox ignores;
// - providers that ignore dots in the local part (Gmail): "j.o.e@gmail.com" is "joe@gmail.com",
//   and googlemail.com is gmail.com.
// Merging two real mailboxes that differ only in an accent is the lesser harm: the key only finds a
// ban or a trust; trust is still granted only to someone who proved the address (see known-author.ts).
import { domainToUnicode } from 'node:url';
import { foldCodePoint } from '../text/fold.js';

/** Domains whose mailboxes ignore dots in the local part, mapped to the domain they are an alias of. */
const DOTLESS_PROVIDERS: Readonly<Record<string, string>> = { 'gmail.com': 'gmail.com', 'googlemail.com': 'gmail.com' };

const ASCII = /^[\x00-\x7F]$/;

/** Folds one part of an address: ASCII lowercased as is, anything else through the look-alike fold. */
function foldPart(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ASCII.test(ch)) {
      out += ch.toLowerCase();
      continue;
    }
    const folded = foldCodePoint(ch.codePointAt(0) ?? 0);
    // A character the fold turns into a separator (or drops) is kept as itself: it still tells addresses apart.
    out += folded === '' || /[\s\n]/.test(folded) ? ch : folded;
  }
  return out;
}

function canonicalDomain(domain: string): string {
  // NFKC first turns "｡" and fullwidth letters into their plain forms; domainToUnicode then decodes
  // xn-- labels (and applies the IDNA mapping), so both spellings of an IDN meet before folding.
  const compatible = domain.normalize('NFKC').replace(/[\u3002\uFF0E\uFF61]/g, '.').toLowerCase();
  const unicode = domainToUnicode(compatible);
  return foldPart(unicode === '' ? compatible : unicode).replace(/\.+$/, '');
}

/**
 * The canonical identity of an address, for bans and trust: case, `+tags`, provider-ignored dots,
 * compatibility and look-alike characters and IDN spellings all collapse to one key. Not an address:
 * never display it or mail it.
 */
export function addressIdentity(address: string): string {
  const normalized = address.trim().normalize('NFKC');
  const at = normalized.lastIndexOf('@');
  if (at < 0) return foldPart(normalized);
  const domain = canonicalDomain(normalized.slice(at + 1));
  let local = normalized.slice(0, at);
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  local = foldPart(local);
  const alias = DOTLESS_PROVIDERS[domain];
  if (alias !== undefined) return `${local.replaceAll('.', '')}@${alias}`;
  return `${local}@${domain}`;
}
