// The pages an OpenID Connect popup ends on. Success posts the token to the site page that opened
// the popup, at the origin the sign-in started for, and closes; without an opener it says the
// reader is signed in. The one script is inline, allowed by its hash (CSP.smallPageWithScript),
// and reads the token and origin from data attributes, so nothing typed by anyone is ever script.
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { CSP } from '../http/csp.js';
import type { HtmlErrorRenderer } from '../http/problem.js';
import { renderPage } from '../http/small-page.js';
import { translate, type Lang } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import { html, SafeHtml } from '../shared/html.js';

/** The message the opener receives: `{ type: 'majlis:sso', token }`, sent only to the sign-in's site origin. */
const SCRIPT =
  "(function(){var d=document.getElementById('majlis-sso');if(!d||!window.opener)return;" +
  "window.opener.postMessage({type:'majlis:sso',token:d.getAttribute('data-token')},d.getAttribute('data-origin'));window.close();})();";
const SCRIPT_SHA256 = createHash('sha256').update(SCRIPT).digest('base64');

function sendPage(res: Response, status: number, lang: Lang, content: SafeHtml, csp: string): void {
  res
    .status(status)
    .set('Cache-Control', 'no-store')
    // The callback's address carries the provider's code: no page it links to may learn it.
    .set('Referrer-Policy', 'no-referrer')
    .set('Content-Security-Policy', csp)
    .type('html')
    .send(renderPage(lang, translate(lang, 'sso.signInTitle'), content));
}

/** The page a successful sign-in ends on. */
export function sendSignedInPage(res: Response, lang: Lang, token: string, origin: string): void {
  const message = translate(lang, 'sso.signedIn');
  const content = html`<h1>${translate(lang, 'sso.signInTitle')}</h1>
<p role="status" id="majlis-sso" data-token="${token}" data-origin="${origin}">${message}</p>
<script>${new SafeHtml(SCRIPT)}</script>`;
  sendPage(res, 200, lang, content, CSP.smallPageWithScript(SCRIPT_SHA256));
}

/** The page a failed sign-in ends on (400): what went wrong, in the reader's language. */
export function sendSignInFailedPage(res: Response, lang: Lang, message: MessageKey): void {
  const text = translate(lang, message);
  sendPage(res, 400, lang, html`<h1>${translate(lang, 'sso.signInTitle')}</h1><div class="problems" role="alert"><p>${text}</p></div>`, CSP.smallPage);
}

/** True when the client is a browser (prefers a page to JSON). */
function wantsPage(req: Request): boolean {
  return req.accepts(['html', 'json']) === 'html';
}

/** The sign-in start's problems as a page for the browser popup (JSON clients keep the problem document). */
export const renderSignInProblem: HtmlErrorRenderer = (req, res, problem, lang) => {
  if (req.method !== 'GET' || !req.originalUrl.startsWith('/api/v1/auth/oidc/') || !wantsPage(req)) return false;
  sendPage(res, problem.status, lang, html`<h1>${problem.title}</h1><div class="problems" role="alert"><p>${problem.detail}</p></div>`, CSP.smallPage);
  return true;
};
