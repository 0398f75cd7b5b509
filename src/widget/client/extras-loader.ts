// Loads /embed-extras.js (same origin as embed.js) once, on first need, and hands over what it
// defines. A page whose CSP or network blocks it gets null: live updates stay off and a post that
// needs proof of work shows its error, while reading and posting work as before.
import type { Session } from './api.js';
import type { Challenge } from './challenge-solver.js';
import type { LiveView } from './live-stream.js';
import type { ReportCalls } from './report-form.js';
import type { EditCalls } from './edit-form.js';
import type { RenderedComment, ThreadScope } from './plugins.js';

/** The global the extras bundle sets. */
export const EXTRAS_GLOBAL = '__majlisExtras';

/** What /embed-extras.js provides. */
export interface WidgetExtras {
  startLive(scope: ThreadScope, view: LiveView): () => void;
  solveChallenge(challenge: Challenge, scope: ThreadScope): Promise<string | null>;
  /** Shows the sign-in panel in a thread's form (`slot` is inside it) and takes the page's token, once. */
  signIn(scope: ThreadScope, slot: HTMLElement, session: Session): void;
  /** `Majlis.login(token)`, and with `null` `Majlis.logout()`. */
  login(base: string, session: Session, token: string | null): Promise<void>;
  /** The report form under a comment (report-form.ts). */
  openReportForm(rendered: RenderedComment, scope: ThreadScope, button: HTMLButtonElement, report: ReportCalls): void;
  /** The form that edits the reader's own comment (edit-form.ts). */
  openEditForm(rendered: RenderedComment, scope: ThreadScope, opener: HTMLElement, calls: EditCalls): void;
}

// Captured now: document.currentScript is only set while embed.js first runs; its nonce lets the
// second script through a nonce-based CSP that let the first one in.
const embedScript = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;
let loading: Promise<WidgetExtras | null> | null = null;

const current = () => (window as unknown as Record<string, WidgetExtras | undefined>)[EXTRAS_GLOBAL] ?? null;

/** The extras, loaded from `base` the first time they are asked for; null when they cannot load (asked again, they are tried again). */
export function loadExtras(base: string): Promise<WidgetExtras | null> {
  loading ??= new Promise((resolve) => {
    if (current()) return resolve(current());
    const script = document.createElement('script');
    script.src = new URL('/embed-extras.js', base).toString();
    script.async = true;
    if (embedScript?.nonce) script.nonce = embedScript.nonce;
    script.onload = () => resolve(current());
    // A dropped connection is not a page that blocks them: the reader's next click tries again.
    script.onerror = () => resolve((loading = null));
    document.head.appendChild(script);
  });
  return loading;
}
