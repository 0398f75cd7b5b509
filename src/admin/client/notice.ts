import { button, replace } from './dom.js';

let timer: number | undefined;

/**
 * Announces a message in the page's live region, optionally with one action button beside it; `focus` puts the
 * keyboard's focus on that button once the bar shows (it is hidden while the message is empty).
 */
export function announce(message: string, action?: { label: string; run: () => void; focus?: boolean }): void {
  const region = document.getElementById('notice');
  const slot = document.getElementById('notice-action');
  if (!region || !slot) return;
  const actionButton = action
    ? button(action.label, () => {
        slot.replaceChildren();
        action.run();
      }, { class: 'undo' })
    : null;
  replace(slot, actionButton);
  // Clearing first makes screen readers announce a message even when it repeats.
  region.textContent = '';
  window.clearTimeout(timer);
  timer = window.setTimeout(() => {
    region.textContent = message;
    // A plain message fades after a while; one with an Undo stays until something replaces it.
    if (!action) timer = window.setTimeout(() => (region.textContent = ''), 10_000);
    if (action?.focus) actionButton?.focus();
  }, 30);
}
