import { button, h } from './dom.js';
import { t } from './i18n.js';
import type { MessageKey } from './messages.js';

/** The shortcut keys and what they do, as listed in the help dialog. */
const SHORTCUTS: ReadonlyArray<[string, MessageKey]> = [
  ['j', 'help.next'],
  ['k', 'help.prev'],
  ['a', 'help.approve'],
  ['r', 'help.reject'],
  ['s', 'help.spam'],
  ['p', 'help.pending'],
  ['x', 'help.select'],
  ['?', 'help.help'],
];

/** Opens the shortcut list as a modal dialog; focus goes to Close and back to where it was after. */
export function openHelp(): void {
  if (document.querySelector('dialog.help[open]')) return;
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const dialog = h(
    'dialog',
    { class: 'help', 'aria-labelledby': 'help-heading' },
    h('h2', { id: 'help-heading' }, t('help.heading')),
    h('dl', {}, ...SHORTCUTS.flatMap(([key, label]) => [h('dt', {}, h('kbd', {}, key)), h('dd', {}, t(label))])),
    h('p', {}, t('help.note')),
  );
  const close = button(t('close'), () => dialog.close());
  dialog.append(close);
  dialog.addEventListener('close', () => {
    dialog.remove();
    opener?.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
  close.focus();
}
