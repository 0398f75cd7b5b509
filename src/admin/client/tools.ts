import { api } from './api.js';
import { field, h, replace } from './dom.js';
import { explain } from './errors.js';
import { t } from './i18n.js';
import { announce } from './notice.js';

const AUTHOR_STATUSES = ['trusted', 'normal', 'banned'] as const;

/** Draws the author-status and thread open/close forms. */
export function renderTools(main: HTMLElement): void {
  const email = h('input', { type: 'email', required: true, autocomplete: 'off', dir: 'ltr' });
  const status = h('select', {}, ...AUTHOR_STATUSES.map((value) => h('option', { value }, t(`tools.author.${value}`))));
  status.value = 'normal';
  const authorForm = h(
    'form',
    { class: 'tool', 'aria-labelledby': 'author-heading' },
    h('h2', { id: 'author-heading' }, t('tools.authorHeading')),
    field(t('tools.authorEmail'), email),
    field(t('tools.status'), status),
    h('button', { type: 'submit' }, t('tools.authorSave')),
  );
  authorForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = status.value as (typeof AUTHOR_STATUSES)[number];
    try {
      const { author } = await api.setAuthor(email.value.trim(), value);
      announce(t('tools.authorDone', { email: author.email, status: t(`tools.author.${value}`) }));
    } catch (error) {
      const message = explain(error);
      if (message) announce(t('tools.invalid', { detail: message }));
    }
  });

  const key = h('input', { type: 'text', required: true, autocomplete: 'off', dir: 'ltr', spellcheck: 'false' });
  const closed = h('select', {}, h('option', { value: 'true' }, t('tools.close')), h('option', { value: 'false' }, t('tools.open')));
  const threadForm = h(
    'form',
    { class: 'tool', 'aria-labelledby': 'thread-heading' },
    h('h2', { id: 'thread-heading' }, t('tools.threadHeading')),
    field(t('tools.threadKey'), key),
    field(t('tools.closed'), closed),
    h('button', { type: 'submit' }, t('tools.threadSave')),
  );
  threadForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const { thread } = await api.setThread(key.value.trim(), closed.value === 'true');
      announce(t(thread.closed ? 'tools.threadClosed' : 'tools.threadOpened', { key: thread.key }));
    } catch (error) {
      const message = explain(error);
      if (message) announce(t('tools.invalid', { detail: message }));
    }
  });
  replace(main, h('h1', {}, t('nav.tools')), h('div', { class: 'tools' }, authorForm, threadForm));
}
