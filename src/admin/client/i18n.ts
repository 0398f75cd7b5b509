import { ar, en, type MessageKey } from './messages.js';

/** The dashboard's languages. */
export type Lang = 'en' | 'ar';

let current: Lang = 'en';

/** Arabic for any `ar*` tag, English otherwise; `?lang=` wins over the browser's language. */
export function initialLang(search: string, browserLanguages: readonly string[]): Lang {
  const fromQuery = new URLSearchParams(search).get('lang');
  const tag = fromQuery ?? browserLanguages[0] ?? 'en';
  return /^ar\b/i.test(tag.trim()) ? 'ar' : 'en';
}

/** Sets the language and mirrors it on <html> so the whole page flips direction. */
export function setLang(lang: Lang): void {
  current = lang;
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
  document.title = t('app.title');
}

/** The language in use. */
export function lang(): Lang {
  return current;
}

/** True for a key of the dashboard's catalogue (reason keys arrive from the server as plain strings). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/** Looks a message up and fills its `{placeholders}`. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text: string = (current === 'ar' ? ar : en)[key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/**
 * The key's variant for `count` where the language has one ("1 comment", not "1 comments"): `key.one` when the
 * language's plural rules call `count` one and the catalogue has it; the key itself otherwise, whose wording fits every
 * other count (the Arabic ones are written so: «… من التعليقات», «… : {count}»).
 */
export function plural(key: MessageKey, count: number): MessageKey {
  const variant = `${key}.one`;
  return new Intl.PluralRules(current).select(count) === 'one' && isMessageKey(variant) ? variant : key;
}

/** A number in the language's own digits. */
export function num(value: number): string {
  return new Intl.NumberFormat(current).format(value);
}

/** A date and time for people, in the language's conventions. */
export function when(iso: string): string {
  return new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** A list of words joined as the language joins them ("abuse and spam", «الإساءة والإزعاج»). */
export function list(items: readonly string[]): string {
  return new Intl.ListFormat(current, { type: 'conjunction' }).format(items);
}
