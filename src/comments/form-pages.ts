import type { Request, Response } from 'express';
import type { Config } from '../config/config.js';
import type { HtmlErrorRenderer, Problem } from '../http/problem.js';
import { CSP } from '../http/csp.js';
import { renderPage } from '../http/small-page.js';
import { translate, type Lang } from '../i18n/i18n.js';
import { html, type SafeHtml } from '../shared/html.js';
import { formReturnUrl } from './form-redirect.js';

/** What the reader typed in one field; a field sent twice (a site's own form) shows its first value. */
function field(value: unknown): string {
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

// The comment form and the flag and reaction buttons are the forms that post to the API without JavaScript; every
// other route answers problem documents, whatever type its body had.
const COMMENT_FORM_PATH = /^\/api\/v1\/threads\/[^/]+\/comments\/?$/;

// The no-JavaScript page's other forms: a reader's flag and reaction buttons.
const READER_BUTTON_PATH = /^\/api\/v1\/comments\/[^/]+\/(?:flags|reactions)\/?$/;

/** What a button on the page can meet (the API document says these come as a page to form posts): refused for another site, gone, invalid, too many. */
const BUTTON_PAGE_STATUSES = new Set([403, 404, 422, 429]);

/** The way back to the page the reader came from, when it is on an origin a form may return to (formReturnUrl), as after a post. */
const backLink = (back: URL | null, lang: Lang) => (back ? html`<p><a href="${back.toString()}">${translate(lang, 'page.back')}</a></p>` : '');

type Origins = Pick<Config, 'ALLOWED_ORIGINS' | 'PUBLIC_URL'>;

/** Answers with one of these small pages (always true: the error is answered). */
function sendPage(res: Response, status: number, lang: Lang, title: string, content: SafeHtml): true {
  res.status(status).set('Content-Security-Policy', CSP.smallPage).type('html').send(renderPage(lang, title, content));
  return true;
}

const isFormPost = (req: Request) => req.method === 'POST' && Boolean(req.is('application/x-www-form-urlencoded'));

/** A flag or reaction button's failure (too many at once, a comment gone meanwhile): what went wrong, and the way back, not JSON in a browser tab. */
function renderButtonProblem(config: Origins, req: Request, res: Response, problem: Problem, lang: Lang): boolean {
  if (!isFormPost(req) || !READER_BUTTON_PATH.test(req.path) || !BUTTON_PAGE_STATUSES.has(problem.status)) return false;
  const back = formReturnUrl(req, config, [req.get('referer')]);
  const content = html`<h1>${problem.title}</h1>
<p role="alert">${problem.detail}</p>
${backLink(back, lang)}`;
  return sendPage(res, problem.status, lang, problem.title, content);
}

/**
 * A post to a thread that closed while its page was open: no form to send again (it could never succeed), the text the
 * reader wrote shown so it is not lost, and the way back.
 */
function renderClosed(config: Origins, req: Request, res: Response, problem: Problem, lang: Lang, typed: Record<string, unknown>): boolean {
  const back = formReturnUrl(req, config, [field(typed.threadUrl), req.get('referer')]);
  const content = html`<h1>${problem.detail}</h1>
${field(typed.body) ? html`<blockquote dir="auto">${field(typed.body)}</blockquote>` : ''}
${backLink(back, lang)}`;
  return sendPage(res, problem.status, lang, problem.detail, content);
}

/**
 * The page a no-JavaScript form post gets when it fails: what went wrong, and the form with what the reader typed. Its
 * way back goes only where a successful post would return to: a link planted in a form's `threadUrl` (or a Referer)
 * leads nowhere else.
 */
export const formProblemPages = (config: Origins): HtmlErrorRenderer => (req, res, problem, lang) => {
  if (!isFormPost(req) || !COMMENT_FORM_PATH.test(req.path)) return renderButtonProblem(config, req, res, problem, lang);
  const typed: Record<string, unknown> = typeof req.body === 'object' && req.body !== null ? req.body : {};
  if (problem.code === 'thread_closed') return renderClosed(config, req, res, problem, lang, typed);
  const problems = problem.errors?.map((e) => e.message) ?? [problem.detail];
  // The form ticket goes back as it came: the page was rendered when the reader first opened it, and a post without one looks scripted.
  const hidden = ['parentId', 'threadTitle', 'threadUrl', 'lang', 'commenterKey', 'formTicket'].filter((name) => field(typed[name]) !== '');
  const back = formReturnUrl(req, config, [field(typed.threadUrl), req.get('referer')]);
  const input = (name: string, type: string, required: boolean) => html`
<label for="${name}">${translate(lang, `form.${name}` as 'form.authorName')}${required ? html` (${translate(lang, 'form.required')})` : ''}</label>
<input id="${name}" name="${name}" type="${type}"${name === 'authorEmail' ? html` inputmode="email"` : ''} dir="auto" value="${field(typed[name])}"${required ? html` required` : ''}>`;
  const content = html`<h1>${problem.title}</h1>
<div class="problems" role="alert"><p>${translate(lang, 'page.fixAndResend')}</p><ul>${problems.map((p) => html`<li>${p}</li>`)}</ul></div>
<form method="post" action="${req.originalUrl}">
<label for="body">${translate(lang, 'form.body')} (${translate(lang, 'form.required')})</label>
<textarea id="body" name="body" dir="auto" required>${field(typed.body)}</textarea>
${input('authorName', 'text', true)}${input('authorEmail', 'text', true)}${input('authorUrl', 'url', false)}
${field(typed.notify) ? html`<label><input type="checkbox" name="notify" value="on" checked> ${translate(lang, 'reader.notify')}</label>` : ''}
${hidden.map((name) => html`<input type="hidden" name="${name}" value="${field(typed[name])}">`)}
<button type="submit">${translate(lang, 'page.send')}</button>
</form>
${backLink(back, lang)}`;
  return sendPage(res, problem.status, lang, problem.title, content);
};
