import { api, whenSessionEnds } from './api.js';
import { button, h } from './dom.js';
import { initialLang, lang, setLang, t } from './i18n.js';
import { listenForShortcuts } from './keyboard.js';
import { renderLog } from './log.js';
import { renderLogin, type LoginReason } from './login.js';
import type { MessageKey } from './messages.js';
import { announce } from './notice.js';
import { leaveQueue, queueShortcuts, renderQueue } from './queue.js';
import { clearSession, readSession, saveSession } from './session.js';
import { renderSetup } from './setup.js';
import { hasUnsavedSettings, mayLeaveSettings, renderSettings } from './settings.js';
import { renderTools } from './tools.js';

type View = 'queue' | 'settings' | 'log' | 'tools';
const VIEWS: ReadonlyArray<[View, MessageKey]> = [
  ['queue', 'nav.queue'],
  ['settings', 'nav.settings'],
  ['log', 'nav.log'],
  ['tools', 'nav.tools'],
];

/** The token of the first-run link (`/admin#setup=…`) this page was opened with, if any. */
function setupToken(): string | null {
  return /^#setup=([A-Za-z0-9_-]{1,200})$/.exec(location.hash)?.[1] ?? null;
}

/** Takes the used (or useless) setup token out of the address bar and history. */
function forgetSetupToken(): void {
  history.replaceState(null, '', location.pathname + location.search);
}

/** The view named in the URL's hash, so a reload keeps the moderator where they were. */
function currentView(): View {
  const name = location.hash.slice(1);
  return VIEWS.some(([view]) => view === name) ? (name as View) : 'queue';
}

function languageButton(): HTMLButtonElement {
  const other = lang() === 'ar' ? 'en' : 'ar';
  return button(
    t('lang.switch'),
    () => {
      if (!mayLeaveSettings()) return;
      setLang(other);
      keepMailLanguage();
      const url = new URL(location.href);
      url.searchParams.set('lang', other);
      history.replaceState(null, '', url);
      render(null);
    },
    { class: 'lang', lang: other, title: t('lang.switchLabel') },
  );
}

/** Draws the whole page: the header, then the login form or the current view. */
function render(reason: LoginReason): void {
  const root = document.getElementById('app');
  if (!root) return;
  leaveQueue();
  const session = readSession();
  const main = h('main', { id: 'main', tabindex: '-1' });
  const view = currentView();
  const header = h(
    'header',
    { class: 'top' },
    // The email is wrapped in first-strong isolates so it never reorders the Arabic sentence around it.
    h('p', { class: 'brand' }, t('app.title')),
    session
      ? h('nav', { 'aria-label': t('nav.label') }, h('ul', {}, ...VIEWS.map(([name, label]) => h('li', {}, h('a', { href: `#${name}`, 'aria-current': name === view ? 'page' : undefined }, t(label))))))
      : null,
    h(
      'div',
      { class: 'who' },
      languageButton(),
      session ? h('span', { class: 'user' }, t('signedInAs', { email: `\u2068${session.moderator.email}\u2069`, role: t(`role.${session.moderator.role}`) })) : null,
      session ? button(t('logout'), () => void signOut(), { class: 'logout' }) : null,
    ),
  );
  root.replaceChildren(header, main);
  const token = session ? null : setupToken();
  if (token) {
    return renderSetup(main, token, {
      done(created) {
        forgetSetupToken();
        keepMailLanguage();
        render(null);
        announce(t('setup.welcome', { email: `\u2068${created.moderator.email}\u2069` }));
      },
      alreadyDone() {
        forgetSetupToken();
        render('setupDone');
      },
    });
  }
  if (!session) {
    return renderLogin(main, reason, () => {
      keepMailLanguage();
      render(null);
    });
  }
  if (view === 'queue') renderQueue(main);
  else if (view === 'settings') void renderSettings(main, session);
  else if (view === 'log') void renderLog(main);
  else renderTools(main, session.moderator.role === 'admin', () => render(null));
}

/**
 * Makes the dashboard's language the one of the signed-in moderator's mail (their digests), when it is not already:
 * on signing in and on every switch. Nothing to tell them if it fails; the next sign-in tries again.
 */
function keepMailLanguage(): void {
  const session = readSession();
  if (!session || session.moderator.lang === lang()) return;
  api.setMailLanguage(lang()).then(
    ({ moderator }) => saveSession({ ...session, moderator }),
    () => undefined,
  );
}

async function signOut(): Promise<void> {
  if (!mayLeaveSettings()) return;
  // The server forgets the token; even if that call fails, this tab forgets it too.
  await api.logout().catch(() => undefined);
  clearSession();
  announce('');
  render(null);
}

setLang(initialLang(location.search, navigator.languages.length > 0 ? navigator.languages : [navigator.language]));
whenSessionEnds(() => render('expired'));
// Unsaved settings are not dropped without asking: by the navigation's links, a reload or closing the tab.
document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('nav a') : null;
  if (link && !mayLeaveSettings()) event.preventDefault();
});
window.addEventListener('beforeunload', (event) => {
  if (hasUnsavedSettings()) event.preventDefault();
});
window.addEventListener('hashchange', () => {
  render(null);
  document.getElementById('main')?.focus();
});
listenForShortcuts(queueShortcuts);
render(null);
