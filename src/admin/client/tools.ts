import { api } from './api.js';
import { field, h, replace } from './dom.js';
import { explain } from './errors.js';
import { t } from './i18n.js';
import { announce } from './notice.js';
import { ownPasswordForm, teamSection, type OwnRoleChanged } from './team.js';

const AUTHOR_STATUSES = ['trusted', 'normal', 'banned'] as const;

/** Draws the author-status form, the thread form (open or closed, title and address), one's own password and, for admins, the team. */
export function renderTools(main: HTMLElement, isAdmin: boolean, ownRoleChanged: OwnRoleChanged): void {
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
  const closed = h(
    'select',
    {},
    h('option', { value: '' }, t('tools.unchanged')),
    h('option', { value: 'true' }, t('tools.close')),
    h('option', { value: 'false' }, t('tools.open')),
  );
  // The article's title and address: whatever a moderator sets here, posts never change afterwards.
  const title = h('input', { type: 'text', autocomplete: 'off', dir: 'auto', maxlength: '300' });
  const url = h('input', { type: 'url', autocomplete: 'off', dir: 'ltr', maxlength: '2000', placeholder: 'https://' });
  const threadForm = h(
    'form',
    { class: 'tool', 'aria-labelledby': 'thread-heading' },
    h('h2', { id: 'thread-heading' }, t('tools.threadHeading')),
    field(t('tools.threadKey'), key),
    field(t('tools.closed'), closed),
    field(t('tools.threadTitle'), title),
    field(t('tools.threadUrl'), url),
    h('button', { type: 'submit' }, t('tools.threadSave')),
  );
  threadForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const change = {
      ...(closed.value ? { closed: closed.value === 'true' } : {}),
      ...(title.value.trim() ? { title: title.value.trim() } : {}),
      ...(url.value.trim() ? { url: url.value.trim() } : {}),
    };
    try {
      const { thread } = await api.setThread(key.value.trim(), change);
      if (change.closed === undefined) announce(t('tools.threadSaved', { key: thread.key }));
      else announce(t(thread.closed ? 'tools.threadClosed' : 'tools.threadOpened', { key: thread.key }));
      // Done: the next thread the moderator names must not get this one's title, address or state.
      closed.value = '';
      title.value = '';
      url.value = '';
    } catch (error) {
      const message = explain(error);
      if (message) announce(t('tools.invalid', { detail: message }));
    }
  });
  replace(main, h('h1', {}, t('nav.tools')), h('div', { class: 'tools' }, authorForm, threadForm, ownPasswordForm()), isAdmin ? teamSection(ownRoleChanged) : null);
}
