import { callApi } from './api.js';
import { h } from './dom.js';
import { loadExtras } from './extras-loader.js';
import { t } from './i18n.js';
import { isOwnComment } from './own-comments.js';
import { registerPlugin, type ThreadScope } from './plugins.js';
import { wasReported } from './storage.js';

// "Report" on every comment but one's own: a reason and an optional note, sent once per reader
// (this browser remembers; the server counts one flag per reader as well).

/** Shows the comment as reported by this reader: the button stays, disabled, saying so. */
function markReported(button: HTMLButtonElement, scope: ThreadScope): void {
  button.disabled = true;
  button.removeAttribute('aria-expanded');
  button.removeAttribute('aria-label');
  button.textContent = t(scope.lang, 'reader.reported');
}

registerPlugin({
  decorate(rendered, scope) {
    const { comment } = rendered;
    if (comment.deleted || isOwnComment(comment.id)) return;
    const button = h('button', { type: 'button', class: 'lk', 'aria-expanded': 'false', 'aria-label': t(scope.lang, 'reader.reportLabel', { name: comment.authorName }) }, t(scope.lang, 'reader.report'));
    if (wasReported(comment.id)) markReported(button, scope);
    // The form itself comes with embed-extras.js (report-form.ts): most readers never report.
    const calls = {
      send: (body: object) => callApi(scope.base, `/api/v1/comments/${comment.id}/flags`, 'POST', scope.lang, body),
      done: () => markReported(button, scope),
    };
    button.addEventListener('click', () => void loadExtras(scope.base).then((extras) => extras?.openReportForm(rendered, scope, button, calls)));
    rendered.actions.appendChild(button);
  },
});
