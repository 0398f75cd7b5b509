import { callApi, problemText } from './api.js';
import { h, uid } from './dom.js';
import { t } from './i18n.js';
import { isOwnComment } from './own-comments.js';
import { registerPlugin, type RenderedComment, type ThreadScope } from './plugins.js';
import { saveReported, wasReported } from './storage.js';

// "Report" on every comment but one's own: a reason and an optional note, sent once per reader
// (this browser remembers; the server counts one flag per reader as well).

const REASONS = ['spam', 'abuse', 'off_topic', 'other'] as const;

function markReported(button: HTMLButtonElement, scope: ThreadScope): void {
  button.disabled = true;
  button.removeAttribute('aria-expanded');
  button.removeAttribute('aria-label');
  button.textContent = t(scope.lang, 'reader.reported');
}

function openForm(rendered: RenderedComment, scope: ThreadScope, button: HTMLButtonElement): void {
  const { comment, actions } = rendered;
  const existing = actions.nextElementSibling;
  if (existing instanceof HTMLFormElement) return existing.querySelector('input')?.focus();
  const group = uid('reason');
  const noteId = uid('note');
  const radios = REASONS.map((reason, index) =>
    h('label', { class: 'ck' }, h('input', { type: 'radio', name: group, value: reason, checked: index === 0 }), h('span', {}, t(scope.lang, `reader.reason.${reason}`))),
  );
  const note = h('textarea', { id: noteId, class: 'in', dir: 'auto', rows: '2', maxlength: '500' });
  const error = h('p', { class: 'er', role: 'alert' });
  const cancel = h('button', { type: 'button', class: 'lk' }, t(scope.lang, 'reader.cancel'));
  const form = h(
    'form',
    { novalidate: true },
    h('fieldset', {}, h('legend', {}, t(scope.lang, 'reader.reportWhy')), ...radios),
    h('div', { class: 'f' }, h('label', { for: noteId }, t(scope.lang, 'reader.reportNote')), note),
    error,
    h('div', { class: 'bt' }, h('button', { type: 'submit', class: 'pr' }, t(scope.lang, 'reader.reportSend')), cancel),
  );
  const close = () => {
    form.remove();
    button.setAttribute('aria-expanded', 'false');
  };
  cancel.addEventListener('click', () => {
    close();
    button.focus();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const reason = form.querySelector<HTMLInputElement>('input:checked')?.value ?? 'other';
    void (async () => {
      const body = { reason, ...(note.value.trim() ? { note: note.value.trim() } : {}) };
      const answer = await callApi(scope.base, `/api/v1/comments/${comment.id}/flags`, 'POST', scope.lang, body);
      if (answer?.status !== 202) {
        error.textContent = problemText(answer, t(scope.lang, 'widget.networkError'));
        return;
      }
      saveReported(comment.id);
      close();
      markReported(button, scope);
      const thanks = h('p', { class: 'mt', role: 'status', tabindex: '-1' }, String(answer.data.message ?? ''));
      actions.after(thanks);
      thanks.focus();
    })();
  });
  actions.after(form);
  button.setAttribute('aria-expanded', 'true');
  form.querySelector('input')?.focus();
}

registerPlugin({
  decorate(rendered, scope) {
    const { comment } = rendered;
    if (comment.deleted || isOwnComment(comment.id)) return;
    const button = h('button', { type: 'button', class: 'lk', 'aria-expanded': 'false', 'aria-label': t(scope.lang, 'reader.reportLabel', { name: comment.authorName }) }, t(scope.lang, 'reader.report'));
    if (wasReported(comment.id)) markReported(button, scope);
    button.addEventListener('click', () => openForm(rendered, scope, button));
    rendered.actions.appendChild(button);
  },
});
