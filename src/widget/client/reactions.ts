// The reaction button ("Respect" / «أحترم», or the site's own label): one per reader per comment.
import { callApi, problemText, type PublicComment } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { isAwaitingModeration } from './own-comments.js';
import { registerPlugin, type ThreadScope } from './plugins.js';
import { loadCommenterKey, loadDetails, read, write } from './storage.js';

const READER_ID = 'majlis:readerId';
const REACTED = 'majlis:reacted';

/** This browser's random id (kept, so a reader counts once); see src/reactions/reader-identity.ts. */
function readerId(): string {
  const stored = read(READER_ID);
  if (stored && /^[A-Za-z0-9_-]{16,64}$/.test(stored)) return stored;
  const fresh = crypto.randomUUID();
  write(READER_ID, fresh);
  return fresh;
}

/** The comments this browser reacted to, so the button shows its state after a reload. */
function reactedIds(): Set<string> {
  return new Set((read(REACTED) ?? '').split(',').filter(Boolean));
}

function remember(key: string, reacted: boolean): void {
  const ids = reactedIds();
  if (reacted) ids.add(key);
  else ids.delete(key);
  write(REACTED, [...ids].slice(-500).join(','));
}

// Every button shown, by server and comment, so a live count reaches each copy (the thread, the picks).
const buttons = new Map<string, Set<HTMLButtonElement>>();

function labelOf(scope: ThreadScope): string {
  return scope.host.dataset.majlisReactionLabel?.trim().slice(0, 40) || t(scope.lang, 'widget.react');
}

// Whose comment each button is for: its name says so, as Reply and Report do.
const authors = new WeakMap<HTMLButtonElement, string>();

function show(button: HTMLButtonElement, scope: ThreadScope, count: number, reacted?: boolean): void {
  const params = { label: labelOf(scope), count: new Intl.NumberFormat(scope.locale).format(count), name: authors.get(button) ?? '' };
  button.textContent = t(scope.lang, 'widget.reactLabel', params);
  button.setAttribute('aria-label', t(scope.lang, 'widget.reactLabelFor', params));
  if (reacted !== undefined) button.setAttribute('aria-pressed', String(reacted));
}

/** A toggle button with the comment's count; pressing it reacts or takes the reaction back. */
function reactionButton(comment: PublicComment, scope: ThreadScope): HTMLButtonElement {
  const key = `${new URL(scope.base).host}|${comment.id}`;
  const button = h('button', { type: 'button', class: 'lk rx', 'data-reactions-for': String(comment.id) });
  authors.set(button, comment.authorName);
  show(button, scope, comment.reactions, reactedIds().has(key));
  const shown = buttons.get(key) ?? new Set();
  for (const old of shown) if (!old.isConnected) shown.delete(old);
  buttons.set(key, shown.add(button));
  // Not `disabled` while the answer comes: a disabled button drops the keyboard's focus to the top of the page.
  let sending = false;
  button.addEventListener('click', () => {
    if (sending) return;
    sending = true;
    const react = button.getAttribute('aria-pressed') !== 'true';
    const email = loadDetails()?.authorEmail;
    const commenterKey = loadCommenterKey();
    void callApi(scope.base, `/api/v1/comments/${comment.id}/reactions`, react ? 'POST' : 'DELETE', scope.lang, {
      readerId: readerId(),
      ...(commenterKey && email ? { commenterKey, authorEmail: email } : {}),
    }).then((answer) => {
      sending = false;
      if (answer?.status !== 200) return scope.notify('bad', problemText(answer, t(scope.lang, 'widget.networkError')));
      const result = answer.data as { reactions: number; reacted: boolean };
      remember(key, result.reacted);
      showReactionCount(scope, comment.id, result.reactions);
      show(button, scope, result.reactions, result.reacted);
    });
  });
  return button;
}

/** Shows a new count on every button of a comment (a live `reactions` event); the text around it does not move. */
export function showReactionCount(scope: ThreadScope, id: number, count: number): void {
  for (const button of buttons.get(`${new URL(scope.base).host}|${id}`) ?? []) show(button, scope, count);
}

registerPlugin({
  decorate({ comment, head, actions }, scope) {
    if (comment.featured) head.appendChild(h('span', { class: 'bg' }, t(scope.lang, 'widget.pick')));
    if (!comment.deleted && !isAwaitingModeration(comment.id)) actions.prepend(reactionButton(comment, scope));
  },
});
