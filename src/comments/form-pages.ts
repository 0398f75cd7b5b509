import type { Request, Response } from 'express';
import type { Problem } from '../http/problem.js';
import { directionOf, translate, type Lang } from '../i18n/i18n.js';
import { html, type SafeHtml } from '../shared/html.js';

const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

function field(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A small, self-contained page in the reader's language and direction. */
export function renderPage(lang: Lang, title: string, content: SafeHtml): string {
  return html`<!doctype html>
<html lang="${lang}" dir="${directionOf(lang)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<style>body{font:16px/1.6 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}label{display:block;margin-block-start:1rem;font-weight:600}input,textarea{inline-size:100%;box-sizing:border-box;font:inherit;padding:.4rem}textarea{min-block-size:8rem}.problems{border-inline-start:4px solid #b00020;padding-inline-start:1rem;color:#b00020}button{margin-block-start:1rem;font:inherit;padding:.5rem 1.2rem}</style>
</head>
<body>${content}</body>
</html>`.value;
}

// The comment form is the one form that posts to the API without JavaScript; every other route answers
// problem documents, whatever type its body had.
const COMMENT_FORM_PATH = /^\/api\/v1\/threads\/[^/]+\/comments\/?$/;

/** The page a no-JavaScript form post gets when it fails: what went wrong, and the form with what the reader typed. */
export function renderFormProblem(req: Request, res: Response, problem: Problem, lang: Lang): boolean {
  if (req.method !== 'POST' || !req.is('application/x-www-form-urlencoded') || !COMMENT_FORM_PATH.test(req.path)) return false;
  const typed: Record<string, unknown> = typeof req.body === 'object' && req.body !== null ? req.body : {};
  const problems = problem.errors?.map((e) => e.message) ?? [problem.detail];
  const hidden = ['parentId', 'threadTitle', 'threadUrl', 'lang', 'commenterKey'].filter((name) => field(typed[name]) !== '');
  const back = field(typed.threadUrl) || req.get('referer');
  const input = (name: string, type: string, required: boolean) => html`
<label for="${name}">${translate(lang, `form.${name}` as 'form.authorName')}${required ? html` (${translate(lang, 'form.required')})` : ''}</label>
<input id="${name}" name="${name}" type="${type}" dir="auto" value="${field(typed[name])}"${required ? html` required` : ''}>`;
  const content = html`<h1>${problem.title}</h1>
<div class="problems" role="alert"><p>${translate(lang, 'page.fixAndResend')}</p><ul>${problems.map((p) => html`<li>${p}</li>`)}</ul></div>
<form method="post" action="${req.originalUrl}">
<label for="body">${translate(lang, 'form.body')} (${translate(lang, 'form.required')})</label>
<textarea id="body" name="body" dir="auto" required>${field(typed.body)}</textarea>
${input('authorName', 'text', true)}${input('authorEmail', 'email', true)}${input('authorUrl', 'url', false)}
${hidden.map((name) => html`<input type="hidden" name="${name}" value="${field(typed[name])}">`)}
<button type="submit">${translate(lang, 'page.send')}</button>
</form>
${back && /^https?:\/\//.test(back) ? html`<p><a href="${back}">${translate(lang, 'page.back')}</a></p>` : ''}`;
  res.status(problem.status).set('Content-Security-Policy', PAGE_CSP).type('html').send(renderPage(lang, problem.title, content));
  return true;
}
