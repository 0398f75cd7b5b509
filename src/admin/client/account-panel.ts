// A signed-in author's account under their queue item: every comment the account wrote, across threads,
// and its standing (trusted, normal, banned), which applies to all of them and to what comes next.
import { api, type AccountView } from './api.js';
import { button, field, h, replace } from './dom.js';
import { report } from './errors.js';
import { t, when } from './i18n.js';
import { announce } from './notice.js';

const STANDINGS = ['trusted', 'normal', 'banned'] as const;

function standingForm(view: AccountView): HTMLElement {
  const select = h('select', {}, ...STANDINGS.map((value) => h('option', { value }, t(`tools.author.${value}`))));
  select.value = view.account.status;
  const save = button(t('account.save'), () => {
    const status = select.value as (typeof STANDINGS)[number];
    void api
      .setAccount(view.account.id, status)
      .then(() => announce(t('account.saved', { id: view.account.id, status: t(`tools.author.${status}`) })))
      .catch(report);
  });
  return h('div', { class: 'account-standing' }, field(t('account.standing'), select), save);
}

function commentList(view: AccountView): HTMLElement {
  if (view.comments.length === 0) return h('p', {}, t('account.none'));
  return h(
    'ul',
    { class: 'account-comments' },
    ...view.comments.map((comment) =>
      h(
        'li',
        {},
        h('span', { dir: 'auto' }, comment.thread.title || t('item.untitled', { key: comment.thread.key })),
        ' · ',
        h('time', { datetime: comment.createdAt }, when(comment.createdAt)),
        ' · ',
        h('span', { class: `badge ${comment.status}` }, t(`status.${comment.status}`)),
        h('p', { dir: 'auto' }, comment.deleted ? t('account.deleted') : comment.body),
      ),
    ),
  );
}

/** A closed disclosure that loads the account the first time it is opened. */
export function accountPanel(accountId: number): HTMLElement {
  const body = h('div', { class: 'account-body' }, t('account.loading'));
  const panel = h('details', { class: 'account' }, h('summary', {}, t('account.summary', { id: accountId })), body);
  panel.addEventListener('toggle', () => {
    if (!panel.open || panel.dataset.loaded) return;
    panel.dataset.loaded = 'yes';
    api
      .account(accountId)
      .then((view) =>
        replace(body, h('p', {}, h('bdi', {}, view.account.displayName), ...view.account.badges.map((badge) => [' ', h('span', { class: 'badge' }, h('bdi', {}, badge))]).flat()), standingForm(view), h('h3', {}, t('account.comments')), commentList(view)),
      )
      .catch((error: unknown) => {
        delete panel.dataset.loaded;
        replace(body, '');
        report(error);
      });
  });
  return panel;
}
