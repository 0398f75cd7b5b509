// The form that edits a reader's own comment within the edit window. Loaded with embed-extras.js on the
// first click on "Edit" (own-comments.ts draws the button and keeps the comment's edit token).
import { problemText, type Answer, type OwnComment } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import type { RenderedComment, ThreadScope } from './plugins.js';

/** What the main bundle does for the form: sends the text with the edit token, and draws what was saved. */
export interface EditCalls {
  send(body: string): Promise<Answer>;
  saved(edited: OwnComment): void;
}

/** Puts the form in place of the comment's text; Cancel or Escape puts the text back and the focus on `opener` (Edit). */
export function openEditForm(rendered: RenderedComment, scope: ThreadScope, opener: HTMLElement, calls: EditCalls): void {
  const { comment, body, actions } = rendered;
  if (!body.isConnected) return;
  const id = `majlis-edit-${comment.id}`;
  const text = h('textarea', { id, class: 'in', dir: 'auto', rows: '4' });
  text.value = comment.body;
  const error = h('p', { class: 'er', role: 'alert' });
  const cancel = h('button', { type: 'button', class: 'lk' }, t(scope.lang, 'reader.cancel'));
  const form = h('form', { novalidate: true }, h('label', { for: id }, t(scope.lang, 'reader.editLabel')), text, error, h('div', { class: 'bt' }, h('button', { type: 'submit', class: 'pr' }, t(scope.lang, 'reader.save')), cancel));
  const close = () => {
    form.replaceWith(body);
    actions.hidden = false;
  };
  const cancelled = () => {
    close();
    opener.focus();
  };
  cancel.addEventListener('click', cancelled);
  form.addEventListener('keydown', (event) => event.key === 'Escape' && cancelled());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const answer = await calls.send(text.value);
      if (answer?.status !== 200) {
        error.textContent = problemText(answer, t(scope.lang, 'widget.networkError'));
        text.focus();
        return;
      }
      // Closed first: a comment with a form open on it is not drawn again (thread.ts, redraw).
      close();
      calls.saved(answer.data as unknown as OwnComment);
    })();
  });
  body.replaceWith(form);
  actions.hidden = true;
  text.focus();
}
