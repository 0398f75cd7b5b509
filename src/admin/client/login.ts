import { ApiError, api } from './api.js';
import { field, h, replace } from './dom.js';
import { explain } from './errors.js';
import { t } from './i18n.js';
import { saveSession, type Session } from './session.js';

/** Why the login form is shown, when there is more to say than "sign in". */
export type LoginReason = 'expired' | 'setupDone' | null;

/** Draws the sign-in form; calls `done` with the session once the API accepts the password. */
export function renderLogin(root: HTMLElement, reason: LoginReason, done: (session: Session) => void): void {
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true, dir: 'ltr' });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true, dir: 'ltr' });
  const message = h('p', { class: 'error', role: 'alert' });
  if (reason === 'expired') message.textContent = t('login.expired');
  if (reason === 'setupDone') message.textContent = t('setup.alreadyDone');
  const submit = h('button', { type: 'submit', class: 'primary' }, t('login.submit'));
  const form = h('form', { class: 'login', 'aria-labelledby': 'login-heading' }, h('h1', { id: 'login-heading' }, t('login.heading')), message, field(t('login.email'), email), field(t('login.password'), password), submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    try {
      const session = await api.login(email.value.trim(), password.value);
      saveSession(session);
      done(session);
    } catch (error) {
      if (error instanceof ApiError && error.status === 429) {
        message.textContent = t('login.locked', { minutes: Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60)) });
      } else if (error instanceof ApiError && error.status === 401) {
        message.textContent = t('login.invalid');
      } else {
        message.textContent = explain(error) ?? '';
      }
      password.value = '';
      password.focus();
    } finally {
      submit.disabled = false;
    }
  });
  replace(root, h('div', { class: 'login-page' }, form));
  email.focus();
  // A fresh installation has nobody to sign in as: point at the ways to make the first admin.
  void api.setupStatus().then(
    ({ needed }) => {
      if (needed) message.after(h('p', { class: 'note' }, t('login.noModerator'), ' ', h('code', { dir: 'ltr' }, 'npm run admin -- create')));
    },
    () => undefined,
  );
}
