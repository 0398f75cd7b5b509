import { callApi, problemText, type OwnComment } from './api.js';
import type { EditCalls } from './edit-form.js';
import { loadExtras } from './extras-loader.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { registerPlugin, type RenderedComment, type ThreadScope } from './plugins.js';
import { loadOwn, saveOwn, type OwnEntry } from './storage.js';

// The reader's own comments: kept in this browser with their edit tokens, so the author sees a
// pending comment (marked) after reloads, hears once how moderation decided, and may edit or
// delete within the edit window. No other reader ever receives a pending comment.

interface Known {
  token: string;
  status: OwnComment['status'];
  until: number;
}

const known = new Map<number, Known>();
// Only the most recent comments are looked up on each load.
const LOOKUPS = 20;

/** True for a comment this browser posted (it gets edit and delete instead of report). */
export function isOwnComment(id: number): boolean {
  return known.has(id);
}

/** True for this browser's own comment while it awaits moderation: nobody can answer or react to it yet. */
export function isAwaitingModeration(id: number): boolean {
  return known.get(id)?.status === 'pending';
}

function path(id: number): string {
  return `/api/v1/comments/${id}`;
}

function remember(scope: ThreadScope, entry: OwnEntry, own: OwnComment): void {
  known.set(own.comment.id, { token: entry.token, status: own.status, until: Date.parse(own.editableUntil) });
  const settled = own.status !== 'pending' && Date.now() > Date.parse(own.editableUntil);
  saveOwn(own.comment.id, settled ? null : { ...entry, seen: own.status });
  if (own.status === 'pending') scope.insert(own.comment, false);
  else if (own.status === 'approved') scope.redraw(own.comment);
}

async function lookUp(scope: ThreadScope, entry: OwnEntry): Promise<void> {
  const answer = await callApi(scope.base, path(entry.id), 'GET', scope.lang, undefined, entry.token);
  if (!answer) return;
  if (answer.status === 404 || answer.status === 403) return saveOwn(entry.id, null);
  if (answer.status !== 200) return;
  const own = answer.data as unknown as OwnComment;
  // The outcome of moderation is told once: when it differs from what the author last saw.
  if (entry.seen === 'pending' && own.status !== 'pending') scope.notify(own.status === 'approved' ? 'ok' : 'bad', own.message);
  remember(scope, entry, own);
}

/**
 * The live stream says a comment joined or left the public thread. When it is this browser's own, its author sees
 * where it stands now: published, or back with the moderators after their edit (kept in view, marked, as after a
 * reload); one that was rejected or is gone leaves. Returns false for anyone else's comment.
 */
export function ownCommentMoved(scope: ThreadScope, id: number): boolean {
  const own = known.get(id);
  if (!own) return false;
  void (async () => {
    const answer = await callApi(scope.base, path(id), 'GET', scope.lang, undefined, own.token);
    const now = answer?.status === 200 ? (answer.data as unknown as OwnComment) : null;
    if (!now || now.status === 'rejected') return scope.remove(id, true, now !== null);
    own.status = now.status;
    scope.redraw(now.comment);
  })();
  return true;
}

function confirmDelete(rendered: RenderedComment, scope: ThreadScope, own: Known): void {
  const { comment, actions } = rendered;
  const before = Array.from(actions.childNodes);
  const yes = h('button', { type: 'button', class: 'lk' }, t(scope.lang, 'reader.delete'));
  const no = h('button', { type: 'button', class: 'lk' }, t(scope.lang, 'reader.cancel'));
  no.addEventListener('click', () => {
    actions.replaceChildren(...before);
    (before.find((node) => node instanceof HTMLButtonElement && node.dataset.act === 'delete') as HTMLElement | undefined)?.focus();
  });
  yes.addEventListener('click', () => {
    void (async () => {
      const answer = await callApi(scope.base, path(comment.id), 'DELETE', scope.lang, undefined, own.token);
      if (answer?.status !== 204) return scope.notify('bad', problemText(answer, t(scope.lang, 'widget.networkError')), true);
      saveOwn(comment.id, null);
      known.delete(comment.id);
      scope.remove(comment.id, own.status === 'approved');
      scope.notify('ok', t(scope.lang, 'reader.deleted'), true);
    })();
  });
  actions.replaceChildren(h('span', { class: 'mt', role: 'alert' }, t(scope.lang, 'reader.deleteConfirm')), yes, no);
  yes.focus();
}

function decorate(rendered: RenderedComment, scope: ThreadScope): void {
  const own = known.get(rendered.comment.id);
  if (!own || rendered.comment.deleted) return;
  if (own.status === 'pending') {
    rendered.item.classList.add('pd');
    rendered.actions.querySelector('[data-act="reply"]')?.remove();
    rendered.head.appendChild(h('span', { class: 'bg' }, t(scope.lang, 'reader.pending')));
  }
  if (Date.now() >= own.until) return;
  const edit = h('button', { type: 'button', class: 'lk' }, t(scope.lang, 'reader.edit'));
  // The form itself comes with embed-extras.js (edit-form.ts): most readers never edit.
  const calls: EditCalls = {
    send: (body) => callApi(scope.base, path(rendered.comment.id), 'PATCH', scope.lang, { body }, own.token),
    saved(edited) {
      own.status = edited.status;
      if (edited.status === 'rejected') {
        scope.remove(edited.comment.id, false);
        return scope.notify('bad', edited.message, true);
      }
      scope.redraw({ ...edited.comment, replies: [] });
      // Said either way, so no notice from before (a refused post, say) stays beside the saved text.
      scope.notify(edited.status === 'pending' ? 'wt' : 'ok', edited.status === 'pending' ? edited.message : t(scope.lang, 'reader.saved'), true);
    },
  };
  edit.addEventListener('click', () => void loadExtras(scope.base).then((extras) => extras?.openEditForm(rendered, scope, edit, calls)));
  const remove = h('button', { type: 'button', class: 'lk', 'data-act': 'delete' }, t(scope.lang, 'reader.delete'));
  remove.addEventListener('click', () => confirmDelete(rendered, scope, own));
  rendered.actions.append(edit, remove);
}

registerPlugin({
  decorate,
  async afterLoad(scope) {
    await Promise.all(loadOwn(scope.key).slice(-LOOKUPS).map((entry) => lookUp(scope, entry)));
  },
  async afterPost(answer, scope) {
    if (!answer.editToken) return;
    const entry: OwnEntry = { id: answer.comment.id, thread: scope.key, token: answer.editToken, seen: answer.status };
    saveOwn(entry.id, entry);
    const own = await callApi(scope.base, path(entry.id), 'GET', scope.lang, undefined, entry.token);
    const until = own?.status === 200 ? Date.parse(String(own.data.editableUntil)) : Date.now();
    known.set(entry.id, { token: entry.token, status: answer.status as Known['status'], until });
  },
});

