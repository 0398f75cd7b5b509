import { MIN_PASSWORD_LENGTH } from '../../moderators/password-rules.js';
import { ApiError, api } from './api.js';
import { field, fieldError, h, replace, uid } from './dom.js';
import { explain } from './errors.js';
import { t } from './i18n.js';
import { saveSession, type Session } from './session.js';

/** What the setup page hands back: the new admin's session, or word that an admin already exists. */
export interface SetupOutcome {
  done(session: Session): void;
  alreadyDone(): void;
}

type Control = HTMLInputElement;

/**
 * The "create the first administrator" page, opened through the one-time link printed at start
 * (`/admin#setup=…`). Checks the password rules before sending, then shows the server's own
 * (localised) answer next to the field it concerns.
 */
export function renderSetup(root: HTMLElement, token: string, outcome: SetupOutcome): void {
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true, dir: 'ltr' });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'new-password', required: true, minlength: String(MIN_PASSWORD_LENGTH), dir: 'ltr' });
  const repeat = h('input', { type: 'password', name: 'repeat', autocomplete: 'new-password', required: true, dir: 'ltr' });
  const hint = h('p', { class: 'hint', id: uid('hint') }, t('setup.passwordHint'));
  const errors = { email: fieldError(email), password: fieldError(password, hint.id), repeat: fieldError(repeat) };
  const message = h('p', { class: 'error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t('setup.submit'));
  const form = h(
    'form',
    { class: 'login setup', 'aria-labelledby': 'setup-heading', novalidate: true },
    h('h1', { id: 'setup-heading' }, t('setup.heading')),
    h('p', {}, t('setup.intro')),
    message,
    field(t('setup.email'), email, errors.email.element),
    field(t('setup.password'), password, h('div', {}, hint, errors.password.element)),
    field(t('setup.repeat'), repeat, errors.repeat.element),
    submit,
  );

  const fail = (first: Control) => {
    message.textContent = t('setup.fix');
    first.focus();
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    Object.values(errors).forEach((error) => error.clear());
    if (password.value.length < MIN_PASSWORD_LENGTH) {
      errors.password.show(t('setup.tooShort'));
      return fail(password);
    }
    if (repeat.value !== password.value) {
      errors.repeat.show(t('setup.mismatch'));
      return fail(repeat);
    }
    submit.disabled = true;
    try {
      const session = await api.createFirstAdmin(token, email.value.trim(), password.value);
      saveSession(session);
      outcome.done(session);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) return outcome.alreadyDone();
      const problems = error instanceof ApiError ? (error.problem?.errors ?? []) : [];
      const onFields = problems.filter((problem): problem is { field: 'email' | 'password'; message: string } => problem.field === 'email' || problem.field === 'password');
      for (const problem of onFields) errors[problem.field].show(problem.message);
      const first = onFields[0];
      if (first) fail(first.field === 'email' ? email : password);
      // Anything else (a stale link, too many tries) is said in the server's words, in the page's language.
      else message.textContent = (error instanceof ApiError ? (problems[0]?.message ?? error.problem?.detail) : undefined) ?? explain(error) ?? '';
    } finally {
      submit.disabled = false;
    }
  });

  replace(root, form);
  email.focus();
  // The link may be stale (an admin was made another way meanwhile): say so before anyone types a password.
  void api.setupStatus().then(
    ({ needed }) => {
      if (!needed) outcome.alreadyDone();
    },
    () => undefined,
  );
}
