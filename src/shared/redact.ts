// Erasure leaves no copy behind: every string that held an erased author's address, name or text
// is rewritten with the erased parts replaced. Only where they stand as words of their own: an author
// called "at" or "L" must not turn "premoderation" into "premoder[erased]ion".

/** What replaces erased text. */
export const ERASED = '[erased]';

/**
 * Keys whose values are Majlis's own identifiers (a rule's name, a vote, a message key, a status…), never a person's
 * words: an author named "spam" must not rewrite the vote `spam` of a stored reason or a webhook payload.
 */
const IDENTIFIER_KEYS = new Set(['rule', 'vote', 'label', 'key', 'field', 'entry', 'event', 'status', 'actor', 'lang', 'threadKey']);

function patternOf(erased: readonly string[]): RegExp | null {
  const parts = [...new Set(erased.map((text) => text.trim()).filter((text) => text !== ''))]
    // Longest first, so an address is replaced whole before a name inside it.
    .sort((a, b) => b.length - a.length)
    .map((text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  // Not inside a longer word: no letter, mark or digit may touch either end.
  return parts.length === 0 ? null : new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])(?:${parts.join('|')})(?![\\p{L}\\p{M}\\p{N}])`, 'giu');
}

/** `text` with every occurrence of each erased string (any letter case, as a word of its own) replaced by "[erased]". */
export function redactText(text: string, erased: readonly string[]): string {
  const pattern = patternOf(erased);
  return pattern ? text.replace(pattern, ERASED) : text;
}

/** A JSON value with {@link redactText} applied to every string in it, keys and identifiers excepted. */
export function redactJson<T>(value: T, erased: readonly string[]): T {
  const pattern = patternOf(erased);
  if (!pattern) return value;
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return node.replace(pattern, ERASED);
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, IDENTIFIER_KEYS.has(key) && typeof child === 'string' ? child : walk(child)]));
    }
    return node;
  };
  return walk(value) as T;
}
