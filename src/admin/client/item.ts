import { ACTION_STATUS, type Action, type QueueItem, type Status } from './api.js';
import { accountPanel } from './account-panel.js';
import { button, h, uid } from './dom.js';
import { highlighted, hitsIn } from './highlight.js';
import { num, t, when } from './i18n.js';
import { explain } from './reason-text.js';

/** The order of the action buttons, and of the shortcut keys a r s p. */
export const ACTIONS: readonly Action[] = ['approve', 'reject', 'spam', 'pending'];
/** The action that confirms a comment's status as it is, where there is one to confirm. */
const CONFIRMING: Partial<Record<Status, 'reject' | 'spam'>> = { rejected: 'reject', spam: 'spam' };

/** What an item's controls call back into. */
export interface ItemHandlers {
  decide(item: QueueItem, action: Action): void;
  toggle(id: number, selected: boolean): void;
  /** Publishes a staff reply; resolves whether it was stored (the form clears only then). */
  reply(item: QueueItem, body: string, authorName: string): Promise<boolean>;
}

/** The name staff replies were last signed with in this browser. */
const STAFF_NAME = 'majlis:staffName';

/**
 * "Reply as staff" for a published comment: a small form under the item. The reply is published at once
 * with the staff badge under the name given (remembered in this browser).
 */
function staffReplyForm(item: QueueItem, handlers: ItemHandlers): HTMLElement {
  const bodyId = uid('reply');
  const nameId = uid('reply-name');
  const body = h('textarea', { id: bodyId, class: 'reply-body', dir: 'auto', rows: '3', required: '' }) as HTMLTextAreaElement;
  const name = h('input', { id: nameId, class: 'reply-name', dir: 'auto', required: '', maxlength: '100', autocomplete: 'off' }) as HTMLInputElement;
  name.value = localStorage.getItem(STAFF_NAME) ?? t('reply.defaultName');
  const form = h(
    'form',
    { class: 'staff-reply', hidden: '' },
    h('label', { for: bodyId }, t('reply.body', { name: item.authorName })),
    body,
    h('label', { for: nameId }, t('reply.name')),
    name,
    h('button', { type: 'submit', class: 'primary' }, t('reply.send')),
  ) as HTMLFormElement;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    localStorage.setItem(STAFF_NAME, name.value.trim());
    void handlers.reply(item, body.value, name.value).then((stored) => {
      if (!stored) return;
      body.value = '';
      form.hidden = true;
    });
  });
  const open = button(t('reply.open'), () => {
    form.hidden = !form.hidden;
    open.setAttribute('aria-expanded', String(!form.hidden));
    if (!form.hidden) body.focus();
  }, { class: 'action reply', 'aria-expanded': 'false' });
  return h('div', { class: 'staff-reply-box' }, open, form);
}

/** A thread link only for web addresses: a stored `javascript:` URL must never become a link. */
function threadLink(item: QueueItem): Node {
  const title = item.thread.title || t('item.untitled', { key: item.thread.key });
  const url = item.thread.url;
  if (url && /^https?:\/\//i.test(url)) return h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', dir: 'auto' }, title);
  return h('span', { dir: 'auto' }, title);
}

function reasonsOf(item: QueueItem): Node | null {
  if (item.reasons.length === 0) return null;
  const otherFields = (['authorName', 'authorEmail', 'authorUrl'] as const)
    .map((name) => ({ name, hits: hitsIn(item, name) }))
    .filter((entry) => entry.hits.length > 0);
  return h(
    'div',
    { class: 'reasons' },
    h('h3', {}, t('item.reasons')),
    h(
      'ul',
      {},
      ...item.reasons.map((reason) => h('li', {}, h('code', {}, reason.rule), ' ', h('span', { dir: 'auto' }, explain(reason)))),
      ...otherFields.map((entry) =>
        h('li', {}, t('item.matchIn', { field: t(`field.${entry.name}`), words: '' }), ...entry.hits.map((hit) => h('mark', { dir: 'auto' }, hit.matched))),
      ),
    ),
  );
}

/**
 * The classifier's score as a badge, when it scored the comment: the score the queue is ordered by (the model in
 * force's), not the one the reasons quote from the comment's posting.
 */
function riskOf(item: QueueItem): Array<Node | string> {
  if (item.riskScore === null) return [];
  return [' · ', h('span', { class: 'badge risk', title: t('item.riskTitle') }, t('item.risk', { score: num(Math.round(item.riskScore * 100)) }))];
}

function flagsOf(item: QueueItem): Node | null {
  if (item.flags.length === 0) return null;
  return h(
    'div',
    { class: 'flags' },
    h('h3', {}, t('item.flags')),
    h('ul', {}, ...item.flags.map((flag) => h('li', {}, h('strong', {}, t(`flag.reason.${flag.reason}`)), ' ', h('span', { dir: 'auto' }, flag.note ?? t('item.noNote'))))),
  );
}

/** One queue item: who wrote what where, why it is here, and the buttons to decide. */
export function renderItem(item: QueueItem, selected: boolean, handlers: ItemHandlers): HTMLLIElement {
  const titleId = uid('item');
  const authorId = uid('author');
  const checkbox = h('input', { type: 'checkbox', class: 'select', 'aria-label': t('queue.selectOne', { id: item.id }) });
  checkbox.checked = selected;
  checkbox.addEventListener('change', () => handlers.toggle(item.id, checkbox.checked));
  const actions = ACTIONS.filter((action) => ACTION_STATUS[action] !== item.status).map((action) =>
    button(t(`action.${action}`), () => handlers.decide(item, action), { class: `action ${action}`, 'data-action': action }),
  );
  // The rules' rejection confirmed by a moderator is a decision the classifier learns from; unconfirmed, it teaches nothing.
  // A status a moderator already gave or confirmed has nothing more to confirm.
  const confirming = CONFIRMING[item.status];
  if (confirming && !item.decidedByModerator) actions.push(button(t(`action.confirm.${confirming}`), () => handlers.decide(item, confirming), { class: 'action confirm', 'data-action': 'confirm' }));
  const article = h(
    'article',
    { class: 'item', tabindex: '-1', 'data-id': String(item.id), 'data-status': item.status, 'aria-labelledby': `${authorId} ${titleId}` },
    h(
      'header',
      {},
      checkbox,
      h(
        'div',
        { class: 'head' },
        h('h2', { id: titleId, class: 'item-title' }, threadLink(item)),
        h(
          'p',
          { class: 'meta' },
          // Named by who wrote it and where: twenty comments on one article are not twenty items named alike.
          h('bdi', { class: 'author', id: authorId }, item.authorName),
          ' · ',
          h('bdi', { class: 'email' }, item.authorEmail),
          ' · ',
          h('span', { class: `badge ident ${item.identifiedBy}`, title: t('ident.title') }, t(`ident.${item.identifiedBy}`)),
          ' · ',
          h('time', { datetime: item.createdAt }, when(item.createdAt)),
          ' · ',
          h('span', { class: `badge ${item.status}` }, t(`status.${item.status}`)),
          ...(item.hiddenByAncestor ? [' · ', h('span', { class: 'badge hidden-above', title: t('hiddenAbove.title') }, t('hiddenAbove'))] : []),
          ...riskOf(item),
        ),
      ),
    ),
    h('p', { class: 'body', dir: 'auto' }, highlighted(item.body, hitsIn(item, 'body'))),
    reasonsOf(item),
    flagsOf(item),
    item.accountId === null ? null : accountPanel(item.accountId),
    h('div', { class: 'actions', role: 'group', 'aria-label': t('item.label', { id: item.id, name: item.authorName }) }, ...actions),
    // Readers see it, so a reply beneath it is published (the API refuses one beneath a hidden comment).
    item.status === 'approved' && !item.hiddenByAncestor ? staffReplyForm(item, handlers) : null,
  );
  return h('li', {}, article);
}
