// Character classes that make submitted text unsafe or deceptive to store and show.

/** C0/C1 controls except tab, LF and CR. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
/** Controls that reorder text (embeddings, overrides, isolates): they can disguise names and links. */
const BIDI_OVERRIDE = /[\u202A-\u202E\u2066-\u2069]/u;
/**
 * Characters that take no room on screen, and marks (Arabic harakat, accents, variation selectors), which only
 * dress a letter: text made only of them is blank.
 */
const INVISIBLE = /[\s\p{M}\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202F\u205F-\u2064\u2066-\u206F\u3000\uFEFF]/gu;

/** Counts characters as readers see them (code points), not UTF-16 units. */
export function charLength(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** True when nothing visible remains after removing whitespace and invisible characters. */
export function isBlank(text: string): boolean {
  return text.replace(INVISIBLE, '') === '';
}

/** True for text with lone surrogates or control characters other than tab and newlines. */
export function hasUnsafeCharacters(text: string, options: { allowNewlines: boolean }): boolean {
  if (!text.isWellFormed()) return true;
  if (CONTROL.test(text)) return true;
  if (!options.allowNewlines && /[\t\r\n]/.test(text)) return true;
  return false;
}

/** True for text carrying bidi embedding, override or isolate controls. */
export function hasBidiOverride(text: string): boolean {
  return BIDI_OVERRIDE.test(text);
}

/** The text without bidi embedding, override and isolate controls (a title shown isolated needs none, and may be reversed by one). */
export function withoutBidiControls(text: string): string {
  return text.replace(new RegExp(BIDI_OVERRIDE.source, 'gu'), '');
}

/** A line a page describes itself with (its title), made storable: lone surrogates as U+FFFD, controls gone, breaks as spaces. */
export function asStorableLine(text: string): string {
  return text.toWellFormed().replace(new RegExp(CONTROL.source, 'gu'), '').replace(/[\t\r\n]+/g, ' ');
}

/**
 * Cuts text to at most `max` characters (code points, as the limits count them), between two graphemes: a family emoji
 * or a flag stays whole or goes, and a letter keeps its marks. A single grapheme longer than `max` is cut by code points.
 */
export function cutToCharacters(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = '';
  let count = 0;
  // Made here, not once for the module: the widget's bundle takes this file and would keep it.
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) {
    count += charLength(segment);
    if (count > max) break;
    cut += segment;
  }
  return cut || [...text].slice(0, max).join('');
}

/** Parses an absolute http(s) URL without spaces or controls; returns null otherwise. */
export function parseWebUrl(text: string): URL | null {
  if (/[\s\u0000-\u001F\u007F]/u.test(text) || hasBidiOverride(text)) return null;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' ? url : null;
  } catch {
    return null;
  }
}

/** What {@link cleanText} removed. */
export interface CleanedText {
  text: string;
  /** Control characters (or lone surrogates) were removed or replaced. */
  controls: boolean;
  /** Bidi embedding, override or isolate controls were removed. */
  bidi: boolean;
}

/**
 * Makes text from elsewhere (an import) pass the same rules as the form: lone surrogates become
 * U+FFFD, control characters go, line breaks and tabs become spaces where the field allows none,
 * and bidi controls go where the form refuses them. Says what it changed, for the import summary.
 */
export function cleanText(text: string, options: { allowNewlines: boolean; allowBidi: boolean }): CleanedText {
  let controls = !text.isWellFormed();
  let cleaned = text.toWellFormed().replace(new RegExp(CONTROL.source, 'gu'), () => ((controls = true), ''));
  if (!options.allowNewlines) cleaned = cleaned.replace(/[\t\r\n]+/g, ' ');
  let bidi = false;
  if (!options.allowBidi) cleaned = cleaned.replace(new RegExp(BIDI_OVERRIDE.source, 'gu'), () => ((bidi = true), ''));
  return { text: cleaned, controls, bidi };
}
