import { fillCounts } from './counts.js';
// Plugins: each registers itself; a new feature is one more import here.
import './own-comments.js';
import './report.js';
import './challenge.js';
import './reactions.js';
import './picks.js';
import './live.js';
import './sign-in.js';
import { session } from './api.js';
import { loadExtras } from './extras-loader.js';
import { saveCommenterKey } from './storage.js';
import { isThreadKey, ThreadView, type Outcome } from './thread.js';

/**
 * What the page may call: `Majlis.mount(el)` for single-page sites that add threads later, and
 * `Majlis.login(token)` / `Majlis.logout()` when their reader signs in or out (docs/sign-in.md).
 */
interface MajlisApi {
  mount(element: Element, options?: { eager?: boolean }): void;
  scan(root?: ParentNode): void;
  counts(root?: ParentNode): Promise<void>;
  login(token: string): Promise<void>;
  logout(): Promise<void>;
}

declare global {
  interface Window {
    Majlis?: MajlisApi;
  }
}

// Captured now: document.currentScript is only set while this script first runs.
const script = document.currentScript;
const base = script instanceof HTMLScriptElement && script.src ? new URL(script.src).origin : location.origin;
const mounted = new WeakSet<Element>();
let outcome = readOutcome();
adoptConfirmedKey();

/**
 * The email-confirmation link comes back as `#majlis-commenter-key=ck2.m.…`: keep the key, so this
 * browser counts as the confirmed author, and take it out of the address bar and history.
 */
function adoptConfirmedKey(): void {
  const params = new URLSearchParams(location.hash.slice(1));
  const key = params.get('majlis-commenter-key');
  if (!key || !/^ck2\.(m|c\d{1,15})\.[A-Za-z0-9_-]{20,100}$/.test(key)) return;
  saveCommenterKey(key);
  params.delete('majlis-commenter-key');
  const rest = params.toString();
  try {
    history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
  } catch {
    // A sandboxed page may refuse; the key is kept all the same.
  }
}

function readOutcome(): Outcome | null {
  const params = new URLSearchParams(location.hash.slice(1));
  const status = params.get('majlis-status');
  return status === 'approved' || status === 'pending' || status === 'rejected' ? { status } : null;
}

function start(host: HTMLElement, key: string): void {
  try {
    // The outcome of a no-JavaScript post belongs to the thread the reader posted in: the first one.
    const view = new ThreadView(host, base, key);
    const carried = outcome;
    outcome = null;
    view.load(carried).catch(() => undefined);
  } catch {
    // A broken thread must never break the host page.
  }
}

const observer =
  typeof IntersectionObserver === 'function'
    ? new IntersectionObserver(
        (entries) => {
          for (const entry of entries) {
            if (!entry.isIntersecting) continue;
            observer?.unobserve(entry.target);
            const key = entry.target.getAttribute('data-majlis-thread');
            if (key && entry.target instanceof HTMLElement) start(entry.target, key);
          }
        },
        { rootMargin: '600px 0px' },
      )
    : null;

function mount(element: Element, options: { eager?: boolean } = {}): void {
  const key = element.getAttribute('data-majlis-thread');
  if (!(element instanceof HTMLElement) || !key || !isThreadKey(key) || mounted.has(element)) return;
  mounted.add(element);
  if (observer && !options.eager) observer.observe(element);
  else start(element, key);
}

function scan(root: ParentNode = document): void {
  try {
    root.querySelectorAll('[data-majlis-thread]').forEach((element) => mount(element));
    void fillCounts(base, root).catch(() => undefined);
  } catch {
    // Never let the widget throw into the host page.
  }
}

if (!window.Majlis) {
  // Sign-in lives in embed-extras.js (sign-in-panel.ts); where it cannot load, readers stay guests.
  const login = (token: string | null) => loadExtras(base).then((extras) => extras?.login(base, session, token));
  window.Majlis = { mount, scan, counts: (root) => fillCounts(base, root).catch(() => undefined), login, logout: () => login(null) };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => scan());
  else scan();
}
