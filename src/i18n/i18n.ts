import { ar, en, type MessageKey } from './messages.js';

/** The languages Majlis speaks. */
export const LANGUAGES = ['en', 'ar'] as const;
export type Lang = (typeof LANGUAGES)[number];

const catalogues: Record<Lang, Record<MessageKey, string>> = { en, ar };

/** True for a key of the message catalogue (schemas carry keys as their messages). */
export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(en, value);
}

/** True for a supported language code. */
export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** A stored language, or English where none (or one Majlis no longer speaks) is stored. */
export function langOrEnglish(value: unknown): Lang {
  return isLang(value) ? value : 'en';
}

/** Text direction of a language, for pages and the widget. */
export function directionOf(lang: Lang): 'rtl' | 'ltr' {
  return lang === 'ar' ? 'rtl' : 'ltr';
}

/** Chooses the response language: an explicit `lang` first, else Accept-Language by quality, else English. */
export function negotiateLang(explicit: unknown, acceptLanguage: string | undefined): Lang {
  if (typeof explicit === 'string') {
    const base = explicit.trim().toLowerCase().split(/[-_]/)[0];
    if (isLang(base)) return base;
  }
  if (!acceptLanguage) return 'en';
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { base: tag.trim().toLowerCase().split('-')[0] ?? '', quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return ranked.find((entry) => isLang(entry.base))?.base as Lang | undefined ?? 'en';
}

/** Looks a message up and fills its `{placeholders}`. */
export function translate(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return catalogues[lang][key].replace(/\{(\w+)(?::(\w+))?\}/g, (whole, name: string, unit: string | undefined) => {
    if (!(name in params)) return whole;
    return unit ? withUnit(lang, Number(params[name]), unit) : String(params[name]);
  });
}

/**
 * A number with its unit, as the language says it: `{seconds:second}` is "1 second", "4 seconds", «ثانيتين», «4 ثوانٍ»,
 * «11 ثانية» (Arabic has six plural forms; a fixed word was wrong for most numbers).
 */
function withUnit(lang: Lang, value: number, unit: string): string {
  const said = new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
  // Intl gives the Arabic dual in the nominative (ثانيتان); every Arabic message puts a unit after a verb or a
  // preposition ("انتظر ثانيتين", "خلال دقيقتين"), where the dual ends in -ين.
  return lang === 'ar' && value === 2 ? said.replace(/ان$/u, 'ين') : said;
}

/** A message to translate later, whose placeholders may themselves be messages. */
export interface LocalisedMessage {
  key: MessageKey;
  params?: Record<string, string | number | LocalisedMessage>;
}

/** Translates a message and any messages nested in its placeholders. */
export function translateMessage(lang: Lang, message: LocalisedMessage): string {
  const params = Object.fromEntries(
    Object.entries(message.params ?? {}).map(([name, value]) => [
      name,
      typeof value === 'object' ? translateMessage(lang, value) : value,
    ]),
  );
  return translate(lang, message.key, params);
}
