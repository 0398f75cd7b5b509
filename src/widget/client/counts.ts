import { fetchCounts } from './api.js';
import { countLabel, languageOf } from './i18n.js';
import { isThreadKey } from './thread.js';

const filled = new WeakSet<Element>();
const MAX_KEYS = 100;

/**
 * Fills every `[data-majlis-count]` element under `root` with its thread's count, asking the
 * server once per hundred distinct threads (the API's limit), however many elements there are.
 */
export async function fillCounts(base: string, root: ParentNode = document): Promise<void> {
  const elements = Array.from(root.querySelectorAll('[data-majlis-count]')).filter((el) => !filled.has(el));
  const byKey = new Map<string, Element[]>();
  for (const element of elements) {
    const key = element.getAttribute('data-majlis-count');
    if (!key || !isThreadKey(key)) continue;
    filled.add(element);
    byKey.set(key, [...(byKey.get(key) ?? []), element]);
  }
  const keys = [...byKey.keys()];
  for (let start = 0; start < keys.length; start += MAX_KEYS) {
    const batch = keys.slice(start, start + MAX_KEYS);
    try {
      const counts = await fetchCounts(base, batch);
      for (const key of batch) {
        for (const element of byKey.get(key) ?? []) {
          const tag = element.getAttribute('data-majlis-lang') || element.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang;
          const { lang, locale } = languageOf(tag, element.getAttribute('data-majlis-digits'));
          element.textContent = countLabel(lang, counts[key] ?? 0, locale);
        }
      }
    } catch {
      // Counts are decoration: leave whatever text the page had.
      for (const key of batch) for (const element of byKey.get(key) ?? []) filled.delete(element);
    }
  }
}
