// Bot defences in the form: a honeypot field, the signed time the reader reached the form, and the
// answer to a 428 (proof of work). The solver itself loads on demand (embed-extras.js): most readers
// never meet a challenge.
import { callApi } from './api.js';
import { h } from './dom.js';
import { loadExtras } from './extras-loader.js';
import { t } from './i18n.js';
import { registerPlugin, type ThreadScope } from './plugins.js';
import type { Challenge } from './challenge-solver.js';

/** True for the `challenge` of a 428 problem. */
function isChallenge(value: unknown): value is Challenge {
  return (value as Challenge | undefined)?.parameters?.algorithm === 'SHA-256';
}

/**
 * The honeypot: a field people never fill. Hidden from sight (off-screen), from assistive technology
 * (`aria-hidden`, `inert`) and from the keyboard; `autocomplete="off"` and a name and label no
 * autofill profile matches keep saved details out of it. One per thread's form.
 */
const honeypots = new WeakMap<ThreadScope, HTMLInputElement>();

/**
 * The form ticket (a signed render time) of each thread's form. Thread pages are shared-cached, so it is
 * asked for when the reader first reaches the form, not on every page view; a post sent back sooner than
 * a person can write goes to spam.
 */
const tickets = new WeakMap<ThreadScope, Promise<unknown>>();

registerPlugin({
  formFields(scope) {
    const input = h('input', { type: 'text', name: 'homepage', tabindex: '-1', autocomplete: 'off' }) as HTMLInputElement;
    honeypots.set(scope, input);
    // The form holds this node once formFields returns (thread.ts builds it synchronously).
    queueMicrotask(() =>
      input.form?.addEventListener(
        'focusin',
        () => tickets.set(scope, callApi(scope.base, `/api/v1/threads/${encodeURIComponent(scope.key)}/ticket`, 'GET', scope.lang).then((answer) => answer?.data.formTicket)),
        { once: true },
      ),
    );
    return h('div', { class: 'sr', 'aria-hidden': 'true', inert: '' }, h('label', {}, t(scope.lang, 'form.honeypot'), input));
  },
  async beforeSubmit(draft, scope) {
    const honeypot = honeypots.get(scope)?.value;
    if (honeypot) draft.homepage = honeypot;
    const ticket = await tickets.get(scope);
    if (typeof ticket === 'string') draft.formTicket = ticket;
  },
  // Risky posts are asked for proof of work (428): solve it (in a worker) and send again, once.
  // Without the solver (blocked by the page), the 428's own message is shown.
  async retry(result, draft, scope) {
    if (result.kind !== 'problem' || !isChallenge(result.challenge)) return null;
    const extras = await loadExtras(scope.base);
    const challengeSolution = extras ? await extras.solveChallenge(result.challenge, scope) : null;
    return challengeSolution ? { ...draft, challengeSolution } : null;
  },
});
