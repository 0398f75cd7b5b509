import type { Action } from './api.js';

/** What the queue does for each shortcut. */
export interface ShortcutTarget {
  move(step: 1 | -1): void;
  act(action: Action): void;
  toggleSelection(): void;
  help(): void;
}

const ACTION_KEYS: Record<string, Action> = { a: 'approve', r: 'reject', s: 'spam', p: 'pending' };
// On an Arabic keyboard the same keys type Arabic letters; the physical key still means the shortcut.
const KEY_OF_CODE: Record<string, string> = { KeyJ: 'j', KeyK: 'k', KeyA: 'a', KeyR: 'r', KeyS: 's', KeyP: 'p', KeyX: 'x' };

function shortcutKey(event: KeyboardEvent): string {
  if (event.key === '؟') return '?';
  if (/^[\x20-\x7e]$/.test(event.key) || event.shiftKey) return event.key;
  return KEY_OF_CODE[event.code] ?? event.key;
}

/** True while the moderator types somewhere, where letters must stay letters. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  // Checkboxes and buttons take no text, so shortcuts still work while one has the focus.
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
}

/** Listens for the dashboard's single-key shortcuts; returns a function that stops listening. */
export function listenForShortcuts(target: () => ShortcutTarget | null): () => void {
  const onKey = (event: KeyboardEvent) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented || isTyping(event.target)) return;
    if (document.querySelector('dialog[open]')) return;
    const queue = target();
    if (!queue) return;
    const key = shortcutKey(event);
    const action = ACTION_KEYS[key];
    if (key === 'j' || key === 'k') queue.move(key === 'j' ? 1 : -1);
    else if (action) queue.act(action);
    else if (key === 'x') queue.toggleSelection();
    else if (key === '?') queue.help();
    else return;
    event.preventDefault();
  };
  document.addEventListener('keydown', onKey);
  return () => document.removeEventListener('keydown', onKey);
}
