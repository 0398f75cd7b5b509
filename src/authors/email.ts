// The comment form's email rule. zod's default email() only knows ASCII, so every Arabic address
// would be refused; this rule accepts internationalised addresses (RFC 6531/6532, IDNA) while
// refusing what has no business in an address that moderators read and that may reach a mail header.
//
// Decisions, so that nobody has to rediscover them:
// - Quoted local parts ("john doe"@x) and address literals (x@[127.0.0.1]) are refused: they are
//   valid RFC 5322 but no real comment author needs them, and they carry spaces, backslashes and
//   quotes into places that were never built for them.
// - Lengths count Unicode code points, not UTF-16 units or UTF-8 octets: 254 for the whole address
//   (the RFC 5321 path limit, and what SPEC section 3 calls "characters") and 64 for the local part.
//   RFC 6531 counts the local part in octets, which would cap an Arabic local part at 32 letters and
//   a Devanagari one near 20; the form is not the mail server, so we prefer not to turn away a real
//   reader. Domains are held to the DNS limits that cannot bend: each label at most 63 octets and
//   the whole name at most 253 octets in its ASCII (punycode) form.
// - Non-ASCII characters must be letters, marks or decimal digits, in the local part as well as in
//   domain labels: emoji, fullwidth "＠", Arabic commas and the like are look-alike tools, not names.
// - Every control, format (bidi marks, embeddings, overrides, isolates, ZWJ, ZWNJ, BOM, soft hyphen),
//   default-ignorable, whitespace, private-use, unassigned and lone-surrogate code point is refused.
//   ZWNJ and the Arabic letter mark are legitimate in running Arabic and Persian text, but inside an
//   address they only make two identical-looking addresses differ.
import { domainToASCII, domainToUnicode } from 'node:url';

/** Why an address was refused, so callers and tests can tell which rule fired. */
export type EmailProblem =
  | 'empty'
  | 'too-long'
  | 'forbidden-character'
  | 'at-sign'
  | 'local-part'
  | 'local-part-too-long'
  | 'domain'
  | 'label-too-long'
  | 'domain-too-long'
  | 'top-level-domain';

const MAX_ADDRESS = 254;
const MAX_LOCAL = 64;
const MAX_LABEL = 63;
const MAX_DOMAIN_ASCII = 253;
// NFC can at most roughly triple-compose (e.g. Hangul L+V+T, stacked Vietnamese marks), so longer
// raw input can never shrink to 254 code points; refusing it early bounds the work an attacker buys.
const MAX_RAW_UNITS = 1024;

// Cc: C0, DEL, C1. Cf: bidi marks/embeddings/overrides/isolates, ALM, ZWJ/ZWNJ, BOM, soft hyphen.
// Cs: lone surrogates (a valid pair is one astral code point under the u flag, so it never matches).
// Default_Ignorable_Code_Point adds invisible letters such as Hangul fillers and variation selectors.
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Z}\p{White_Space}\p{Default_Ignorable_Code_Point}]/u;
// RFC 5322 atext, extended by RFC 6532 with non-ASCII, which we narrow to letters, marks and digits.
const LOCAL_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-\p{L}\p{M}\p{Nd}]+$/u;
const LABEL_CHARS = /^[A-Za-z0-9\-\p{L}\p{M}\p{Nd}]+$/u;
// A combining mark cannot begin an atom or label: it would attach to the dot or "@" before it.
const STARTS_WITH_MARK = /^\p{M}/u;
const ALL_DIGITS = /^\p{Nd}+$/u;
const ASCII_ONLY = /^[\x00-\x7F]*$/;
const PUNYCODE_PREFIX = /^xn--/i;
// UTS 46 (IDNA) maps the ideographic full stop and its fullwidth and halfwidth forms to "." before
// anything else, so `ok@日本｡co｡jp` is the same address as `ok@日本.co.jp` (a CJK keyboard types them).
const IDNA_DOTS = /[\u3002\uFF0E\uFF61]/gu;

function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

function checkLocalPart(local: string): EmailProblem | null {
  if (local.length === 0) return 'local-part';
  for (const atom of local.split('.')) {
    // An empty atom is a leading, trailing or doubled dot.
    if (atom.length === 0 || !LOCAL_ATOM.test(atom) || STARTS_WITH_MARK.test(atom)) return 'local-part';
  }
  if (codePointLength(local) > MAX_LOCAL) return 'local-part-too-long';
  return null;
}

function checkLabel(label: string): EmailProblem | null {
  if (label.length === 0) return 'domain';
  if (!LABEL_CHARS.test(label) || STARTS_WITH_MARK.test(label)) return 'domain';
  if (label.startsWith('-') || label.endsWith('-')) return 'domain';
  if (codePointLength(label) > MAX_LABEL) return 'label-too-long';
  if (PUNYCODE_PREFIX.test(label)) {
    // An A-label must decode, and to something that would itself pass as a label: otherwise
    // xn--ls8h (an emoji) would slip in through the back door that its Unicode form cannot use.
    const decoded = domainToUnicode(label.toLowerCase());
    if (decoded === '' || ASCII_ONLY.test(decoded) || decoded.includes('.')) return 'domain';
    if (!LABEL_CHARS.test(decoded) || STARTS_WITH_MARK.test(decoded)) return 'domain';
  }
  return null;
}

function checkDomain(domain: string): EmailProblem | null {
  const labels = domain.split('.');
  if (labels.length < 2) return 'domain';
  for (const label of labels) {
    const problem = checkLabel(label);
    if (problem !== null) return problem;
  }
  const tld = labels[labels.length - 1] ?? '';
  if (ALL_DIGITS.test(tld)) return 'top-level-domain';
  // The WHATWG/UTS 46 conversion also applies the IDNA bidi and joiner rules we do not restate.
  const ascii = domainToASCII(domain);
  if (ascii === '') return 'domain';
  if (ascii.split('.').some((label) => label.length > MAX_LABEL)) return 'label-too-long';
  if (ascii.length > MAX_DOMAIN_ASCII) return 'domain-too-long';
  return null;
}

/** Returns why a trimmed address is refused, or null when it is acceptable; never throws. */
export function checkEmail(input: string): EmailProblem | null {
  if (typeof input !== 'string' || input.length === 0) return 'empty';
  if (input.length > MAX_RAW_UNITS) return 'too-long';
  // Checked before NFC as well as after, so nothing hidden is ever handed to the normaliser's output.
  if (FORBIDDEN.test(input)) return 'forbidden-character';
  const address = input.normalize('NFC');
  if (FORBIDDEN.test(address)) return 'forbidden-character';
  if (codePointLength(address) > MAX_ADDRESS) return 'too-long';
  const parts = address.split('@');
  if (parts.length !== 2) return 'at-sign';
  const [local = '', domain = ''] = parts;
  return checkLocalPart(local) ?? checkDomain(domain.replace(IDNA_DOTS, '.'));
}

/** The address with its domain's ideographic and fullwidth full stops written as ".", as IDNA reads them (the local part is left alone). */
export function withIdnaDots(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? address : address.slice(0, at + 1) + address.slice(at + 1).replace(IDNA_DOTS, '.');
}

/** Whether a trimmed string is an address the comment form accepts (see the decisions above). */
export function isValidEmail(input: string): boolean {
  return checkEmail(input) === null;
}

/** The identity key of an author's address: NFC, lowercase local part, lowercase Unicode domain. */
export function emailKey(address: string): string {
  // Case is folded in the local part too: RFC 5321 lets a server treat it as significant, but almost
  // none does, and readers retype their address in varying case. Merging the rare distinct mailboxes
  // is the lesser harm than splitting one reader into several authors (and dodging a ban by typing
  // "Spammer@" instead of "spammer@").
  const normalized = withIdnaDots(address.normalize('NFC'));
  const at = normalized.lastIndexOf('@');
  if (at < 0) return normalized.toLowerCase().normalize('NFC');
  // toLowerCase, not toLocaleLowerCase: the key must not depend on the server's locale (Turkish I).
  const local = normalized.slice(0, at).toLowerCase();
  const domain = normalized.slice(at + 1);
  const unicodeDomain = domainToUnicode(domain);
  const keyDomain = unicodeDomain === '' ? domain.toLowerCase() : unicodeDomain;
  return `${local}@${keyDomain}`.normalize('NFC');
}

/** The author key anonymised and imported address-less comments belong to: not an address, so no reader can ever post as it. */
export const ANONYMOUS_AUTHOR_KEY = '~anonymous';
