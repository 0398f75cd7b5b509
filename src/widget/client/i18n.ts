// The bundler swaps this import for a module holding only WIDGET_KEYS (see ../bundle.ts).
import { ar, en } from '../../i18n/messages.js';
import type { WidgetKey } from './keys.js';

/** The widget's languages. */
export type Lang = 'en' | 'ar';

/** Arabic for any `ar*` tag, English otherwise. */
function pickLang(...tags: Array<string | null | undefined>): Lang {
  const tag = tags.find((candidate) => candidate && candidate.trim() !== '');
  return tag && /^ar\b/i.test(tag.trim()) ? 'ar' : 'en';
}

/** Looks a message up and fills its `{placeholders}`. */
export function t(lang: Lang, key: WidgetKey, params: Record<string, string | number> = {}): string {
  const text: string = (lang === 'ar' ? ar : en)[key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A badge as readers read it: the site's own words as given, Majlis's "staff" in the reader's language. */
export function badgeLabel(lang: Lang, badge: string): string {
  return badge === 'staff' ? t(lang, 'widget.badge.staff') : badge;
}

/** "3 comments" with the plural form the language needs (Arabic has six). */
export function countLabel(lang: Lang, count: number, locale: string = lang): string {
  if (count === 0) return t(lang, 'widget.count.zero');
  const category = new Intl.PluralRules(lang).select(count);
  const key = `widget.count.${category === 'zero' ? 'other' : category}` as WidgetKey;
  return t(lang, key, { count: new Intl.NumberFormat(locale).format(count) });
}

/**
 * The Intl locale of a thread: the page's tag as given (`ar-EG`, `ar-MA` keep their regional
 * forms), with the site's choice of digits (`arab` or `latn`) when it made one.
 */
function localeOf(tag: string | null | undefined, fallback: string, digits: string | null | undefined): string {
  let locale = fallback;
  try {
    if (tag) locale = Intl.getCanonicalLocales(tag.trim())[0] ?? fallback;
  } catch {
    // Not a language tag: keep the fallback.
  }
  if (digits !== 'arab' && digits !== 'latn') return locale;
  try {
    return new Intl.Locale(locale, { numberingSystem: digits }).toString();
  } catch {
    return locale;
  }
}

/** The catalogue language and the Intl locale for a page's language tag and the site's digits choice. */
export function languageOf(tag: string | null | undefined, digits: string | null | undefined): { lang: Lang; locale: string } {
  const lang = pickLang(tag);
  return { lang, locale: localeOf(tag?.toLowerCase().startsWith(lang) ? tag : null, lang, digits) };
}
