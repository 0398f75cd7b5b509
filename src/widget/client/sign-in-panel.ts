// The sign-in panel (docs/sign-in.md, "In the widget"), part of embed-extras.js: it takes the page's
// token (`data-majlis-sso-token` on the embed script or a thread's element, or `Majlis.login(token)`),
// asks /auth/sso/me who it signs in, and then shows "Signed in as <name>" with the badges and "Sign
// out" in place of the name, email and website fields. Without a token it shows the guest form, an
// OpenID Connect "Sign in" button when the site offers one, and only a "Sign in to comment" message
// when the policy lets no guest post. The main bundle (sign-in.ts, api.ts) sends the token.
//
// The token is kept in memory only (`session`, shared with the main bundle): the site's CMS hands it
// over again on every page, and a copy kept in the browser would outlive the reader's session there.
// A token that came back from the OpenID Connect window has no CMS to hand it over again, so that one
// is kept in sessionStorage: for this tab only, gone when the tab closes, removed on signing out.
import type { Session } from './api.js';
import { h } from './dom.js';
import { badgeLabel, t, type Lang } from './i18n.js';
import type { WidgetKey } from './keys.js';
import type { ThreadScope } from './plugins.js';

interface Reader {
  displayName: string;
  badges: string[];
}

interface SignInConfig {
  guests: boolean;
  oidc: { startUrl: string; label?: string } | null;
}

interface Panel {
  scope: ThreadScope;
  slot: HTMLElement;
}

const panels = new Set<Panel>();
const configs = new Map<string, SignInConfig | null>();
const listening = new Set<string>();
const OIDC_TOKEN = 'majlis:ssoToken';
const SIGNED_OUT = 'majlis:ssoSignedOut';
const TOKEN_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]*$/;
let reader: Reader | null = null;
// The page's token is read once; after a login or logout the page's attribute no longer counts.
let started = false;

/** The token the OpenID Connect window gave this tab, if any. */
function keptToken(): string | null {
  try {
    return sessionStorage.getItem(OIDC_TOKEN);
  } catch {
    return null;
  }
}

/** Keeps that token for this tab, or with null forgets it. */
function keepToken(token: string | null): void {
  try {
    if (token === null) sessionStorage.removeItem(OIDC_TOKEN);
    else sessionStorage.setItem(OIDC_TOKEN, token);
  } catch {
    // Storage refused (a sandboxed frame): the reader signs in again on the next page.
  }
}

/**
 * A few characters of a signed-out token's signature (useless to sign in with): the next page of the
 * site may render the same token again while the CMS's own session lasts, and that reader stays a
 * guest, without a "could not be confirmed" notice for a sign-out they chose.
 */
const mark = (token: string) => token.slice(-12);

function signedOutHere(token: string): boolean {
  try {
    return sessionStorage.getItem(SIGNED_OUT) === mark(token);
  } catch {
    return false;
  }
}

function rememberSignOut(token: string): void {
  try {
    sessionStorage.setItem(SIGNED_OUT, mark(token));
  } catch {
    // Without storage the next page says the old token could not be confirmed.
  }
}

/** GETs or POSTs a sign-in path, with the token when given; null when nothing came back. */
async function ask(base: string, path: string, lang: Lang, token?: string, method = 'GET'): Promise<{ status: number; data: Record<string, unknown> } | null> {
  try {
    const response = await fetch(new URL(`/api/v1/auth/sso/${path}?lang=${lang}`, base).toString(), {
      method,
      headers: { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      credentials: 'omit',
    });
    const data: unknown = response.status === 204 ? {} : await response.json().catch(() => ({}));
    return { status: response.status, data: typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {} };
  } catch {
    return null;
  }
}

/** The site's sign-in offer (methods, OpenID Connect, whether guests may post), read once per server. */
async function configOf(base: string, lang: Lang): Promise<SignInConfig | null> {
  if (configs.has(base)) return configs.get(base) ?? null;
  const answer = await ask(base, 'config', lang);
  const oidc = answer?.data.oidc as { startUrl?: unknown; label?: unknown } | null | undefined;
  const config =
    answer?.status === 200
      ? {
          guests: answer.data.guests !== false,
          oidc: typeof oidc?.startUrl === 'string' ? { startUrl: oidc.startUrl, ...(typeof oidc.label === 'string' ? { label: oidc.label } : {}) } : null,
        }
      : null;
  configs.set(base, config);
  return config;
}

/** A message with an isolated name in it: the name is text in a <bdi>, never markup. */
function withName(lang: Lang, key: WidgetKey, name: string): Array<Node | string> {
  const [before = '', after = ''] = t(lang, key, { name: '\u0000' }).split('\u0000');
  return [before, h('bdi', {}, name), after];
}

function notifyAll(key: WidgetKey, tone: 'ok' | 'bad'): void {
  for (const { scope } of panels) scope.notify(tone, t(scope.lang, key));
}

/** Opens the provider in a popup; its page on the Majlis server posts the token back (see listen). */
function openProvider(panel: Panel, session: Session, startUrl: string): void {
  const { scope } = panel;
  listen(scope.base, session);
  const url = new URL(startUrl, scope.base);
  if (!/^https?:$/.test(url.protocol)) return;
  url.searchParams.set('origin', location.origin);
  const popup = window.open(url.toString(), 'majlis-sign-in', 'popup,width=520,height=680');
  if (!popup) scope.notify('bad', t(scope.lang, 'widget.popupBlocked'));
}

/** Accepts `{ type: 'majlis:sso', token }` from the Majlis server's own origin, and from nowhere else. */
function listen(base: string, session: Session): void {
  const origin = new URL(base).origin;
  if (listening.has(origin)) return;
  listening.add(origin);
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data as { type?: unknown; token?: unknown } | null;
    if (event.origin !== origin || data?.type !== 'majlis:sso' || typeof data.token !== 'string' || !TOKEN_SHAPE.test(data.token)) return;
    started = true;
    bind(session);
    void adopt(base, session, data.token, true);
  });
}

/** Draws one thread's panel, and shows or hides the form's fields to match. */
function render(panel: Panel, session: Session): void {
  const { scope, slot } = panel;
  const form = slot.closest('form');
  if (!form) return;
  const lang = scope.lang;
  const config = configs.get(scope.base);
  const signedIn = reader !== null && !!session.token;
  const blocked = !signedIn && config?.guests === false;
  // The panel sits under the form's heading, above the fields it replaces.
  const heading = form.querySelector(':scope>.fh');
  if (heading && heading.nextElementSibling !== slot) heading.after(slot);
  const guestOnly = [
    form.querySelector(':scope>p.nt'),
    ...['authorName', 'authorEmail', 'authorUrl'].map((name) => form.querySelector(`[name=${name}]`)?.closest('.f')),
    form.querySelector('input[type=checkbox]:not([name])')?.closest('.f'),
  ];
  for (const child of Array.from(form.children) as HTMLElement[]) {
    if (child !== slot && child !== heading) child.hidden = blocked || (signedIn && guestOnly.includes(child));
  }
  if (signedIn && reader) {
    const out = h('button', { type: 'button', class: 'lk' }, t(lang, 'widget.signOut'));
    out.addEventListener('click', () => {
      void signOut(scope.base, session);
      scope.notify('ok', t(lang, 'widget.signedOut'), true);
      // The site may sign its reader out too.
      document.dispatchEvent(new CustomEvent('majlis:signout'));
    });
    slot.replaceChildren(
      h('div', { class: 'hd f' }, h('span', {}, ...withName(lang, 'widget.signedInAs', reader.displayName)), ...reader.badges.map((badge) => h('bdi', { class: 'bg' }, badgeLabel(lang, badge))), out),
    );
    return;
  }
  const oidc = config?.oidc;
  let button: HTMLButtonElement | null = null;
  if (oidc) {
    button = h('button', { type: 'button', class: 'sc' }, oidc.label?.trim().slice(0, 60) || t(lang, 'widget.signIn'));
    button.addEventListener('click', () => openProvider(panel, session, oidc.startUrl));
  }
  slot.replaceChildren(...(blocked ? [h('p', { class: 'nt' }, t(lang, 'widget.signInToComment'))] : []), ...(button ? [h('div', { class: 'f' }, button)] : []));
}

function renderAll(session: Session): void {
  for (const panel of panels) {
    if (panel.slot.isConnected) render(panel, session);
    else panels.delete(panel);
  }
}

/** Forgets the token here (memory and the tab's storage), then has the server refuse it from now on. */
async function signOut(base: string, session: Session): Promise<void> {
  const token = session.token;
  session.token = null;
  reader = null;
  started = true;
  keepToken(null);
  renderAll(session);
  if (token) {
    rememberSignOut(token);
    notifyAll('widget.signedOut', 'ok');
    await ask(base, 'logout', 'en', token, 'POST');
  }
}

/**
 * Signs in with a token, checked with /auth/sso/me; `keep` keeps it in this tab's storage (a token
 * from the OpenID Connect window, see above). A refused token leaves the reader a guest, told why.
 */
async function adopt(base: string, session: Session, token: string, keep: boolean): Promise<void> {
  if (token === session.token && reader) return;
  session.token = token;
  reader = null;
  const lang = panels.values().next().value?.scope.lang ?? 'en';
  const answer = await ask(base, 'me', lang, token);
  if (session.token !== token) return; // another login or a logout came first
  const who = answer?.status === 200 ? (answer.data.reader as Reader | undefined) : undefined;
  if (who && typeof who.displayName === 'string' && Array.isArray(who.badges)) {
    reader = { displayName: who.displayName, badges: who.badges.filter((badge) => typeof badge === 'string') };
    keepToken(keep ? token : null);
  } else {
    // Refused (expired, revoked, another site's) or unreachable: the reader is a guest again.
    session.token = null;
    keepToken(null);
    notifyAll('widget.signInFailed', 'bad');
  }
  renderAll(session);
}

/** `Majlis.login(token)`; with `null`, `Majlis.logout()`. */
export function login(base: string, session: Session, token: string | null): Promise<void> {
  started = true;
  bind(session);
  token = token?.trim() ?? null;
  return token && TOKEN_SHAPE.test(token) ? adopt(base, session, token, false) : signOut(base, session);
}

/** What the main bundle calls when the server refuses the token on a post, flag or reaction. */
function bind(session: Session): void {
  session.refused ??= () => {
    session.token = null;
    reader = null;
    keepToken(null);
    notifyAll('widget.signInFailed', 'bad');
    renderAll(session);
  };
}

/** The token the page hands over: on the thread's element (or an ancestor), or on the embed script. */
function pageToken(host: HTMLElement): string | null {
  const holder = host.closest('[data-majlis-sso-token]') ?? document.querySelector('script[data-majlis-sso-token]');
  return holder?.getAttribute('data-majlis-sso-token') || null;
}

/** Adds a thread's form to the panels; the first one takes the page's token and the site's offer. */
export function signIn(scope: ThreadScope, slot: HTMLElement, session: Session): void {
  const panel = { scope, slot };
  panels.add(panel);
  bind(session);
  render(panel, session);
  if (!started) {
    started = true;
    const given = pageToken(scope.host)?.trim();
    const token = given && !signedOutHere(given) ? given : null;
    const kept = given ? null : keptToken();
    if (token || kept) void adopt(scope.base, session, token ?? kept ?? '', !token);
  }
  void configOf(scope.base, scope.lang).then((config) => {
    if (config?.oidc) listen(scope.base, session);
    render(panel, session);
  });
}
