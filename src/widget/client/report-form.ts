// The report form: a reason and an optional note for one comment. Loaded with embed-extras.js on the
// first click on "Report" (report.ts draws the button).
import { problemText, type Answer } from './api.js';
import { h, uid } from './dom.js';
import { t } from './i18n.js';
import type { RenderedComment, ThreadScope } from './plugins.js';
import { saveReported } from './storage.js';

const REASONS = ['spam', 'abuse', 'off_topic', 'other'] as const;

/**
 * What the main bundle does for the form: sends the flag (its api.ts holds the reader's sign-in token,
 * which this bundle's copy does not) and marks the button once the flag is stored.
 */
export interface ReportCalls {
  /** `reason` is left out when none was chosen: the server says to choose one. */
  send(body: { reason?: string; note?: string }): Promise<Answer>;
  done(): void;
}

/** Opens the report form under a comment's actions (or focuses the one already open). */
export function openReportForm(rendered: RenderedComment, scope: ThreadScope, button: HTMLButtonElement, report: ReportCalls): void {
  const { comment, actions } = rendered;
  const existing = actions.nextElementSibling;
  if (existing instanceof HTMLFormElement) return existing.querySelector('input')?.focus();
  const group = uid('reason');
  const noteId = uid('note');
  // None chosen beforehand: a hurried reader would send the first ("spam") for whatever they meant.
  const radios = REASONS.map((reason) =>
    h('label', { class: 'ck' }, h('input', { type: 'radio', name: group, value: reason }), h('span', {}, t(scope.lang, `reader.reason.${reason}`))),
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
  const cancelled = () => {
    close();
    button.focus();
  };
  cancel.addEventListener('click', cancelled);
  form.addEventListener('keydown', (event) => event.key === 'Escape' && cancelled());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    // Without a reason the server's refusal says, in the reader's language, to choose one.
    const reason = form.querySelector<HTMLInputElement>('input:checked')?.value;
    void (async () => {
      const body = { reason, ...(note.value.trim() ? { note: note.value.trim() } : {}) };
      const answer = await report.send(body);
      if (answer?.status !== 202) {
        error.textContent = problemText(answer, t(scope.lang, 'widget.networkError'));
        return;
      }
      saveReported(comment.id);
      close();
      report.done();
      const thanks = h('p', { class: 'mt', role: 'status', tabindex: '-1' }, String(answer.data.message ?? ''));
      actions.after(thanks);
      thanks.focus();
    })();
  });
  actions.after(form);
  button.setAttribute('aria-expanded', 'true');
  form.querySelector('input')?.focus();
}
