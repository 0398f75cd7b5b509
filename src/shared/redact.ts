// Erasure leaves no copy behind: every string that held an erased author's address, name or text
// is rewritten with the erased parts replaced.

/** What replaces erased text. */
const ERASED = '[erased]';

function patternOf(erased: readonly string[]): RegExp | null {
  const parts = [...new Set(erased.map((text) => text.trim()).filter((text) => text !== ''))]
    // Longest first, so an address is replaced whole before a name inside it.
    .sort((a, b) => b.length - a.length)
    .map((text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return parts.length === 0 ? null : new RegExp(parts.join('|'), 'giu');
}

/** `text` with every occurrence of each erased string (any letter case) replaced by "[erased]". */
export function redactText(text: string, erased: readonly string[]): string {
  const pattern = patternOf(erased);
  return pattern ? text.replace(pattern, ERASED) : text;
}

/** A JSON value with {@link redactText} applied to every string in it, keys excepted. */
export function redactJson<T>(value: T, erased: readonly string[]): T {
  const pattern = patternOf(erased);
  if (!pattern) return value;
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return node.replace(pattern, ERASED);
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, walk(child)]));
    return node;
  };
  return walk(value) as T;
}
