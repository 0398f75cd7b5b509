import { directionOf, type Lang } from '../i18n/i18n.js';
import { html, SafeHtml } from '../shared/html.js';
import { pageColours } from '../shared/page-colours.js';

// Served under CSP.smallPage (http/csp.ts): its few styles are inline, it runs no script. Its colours are those
// of every page of ours (src/shared/page-colours.ts), following the reader's light or dark preference.
// Our own constant, not input: markup as it is (escaping would break the quoted font names).
const SMALL_PAGE_CSS = new SafeHtml(`${pageColours(':root')}
body{margin:0;font:16px/1.6 system-ui,-apple-system,"Segoe UI",Tahoma,"Noto Sans Arabic",sans-serif;color:var(--mj-fg);background:var(--mj-bg)}main{max-inline-size:46rem;margin-inline:auto;padding:1.5rem 1.25rem}h1{font-size:1.5rem;line-height:1.3}a{color:var(--mj-link)}:focus-visible{outline:3px solid var(--mj-link);outline-offset:2px}form{margin-block:1.25rem;padding:1.25rem;border:1px solid var(--mj-line);border-radius:8px;background:var(--mj-panel)}label{display:block;margin-block:1rem .3rem;font-weight:600}label:first-child{margin-block-start:0}input,textarea{inline-size:100%;box-sizing:border-box;font:inherit;padding:.5rem .6rem;border:1px solid var(--mj-field-line);border-radius:6px;background:var(--mj-field);color:var(--mj-fg)}textarea{min-block-size:8rem;resize:vertical}.problems{background:var(--mj-bad-bg);border-inline-start:4px solid var(--mj-danger);padding:.5rem 1rem;border-radius:4px}.problems ul{margin:.25rem 0;padding-inline-start:1.25rem}[role=status]{background:var(--mj-ok-bg);border-inline-start:4px solid var(--mj-ok-line);padding:.75rem 1rem;border-radius:4px}blockquote{margin:1rem 0;padding:.5rem .75rem;background:var(--mj-field);border:1px dashed var(--mj-field-line);white-space:pre-line}button{margin-block-start:1rem;background:var(--mj-primary);color:#fff;border:0;border-radius:6px;padding:.6rem 1.3rem;font:inherit;font-weight:600;cursor:pointer}`);

/** A small, self-contained page in the reader's language and direction. */
export function renderPage(lang: Lang, title: string, content: SafeHtml): string {
  return html`<!doctype html>
<html lang="${lang}" dir="${directionOf(lang)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><title>${title}</title>
<style>${SMALL_PAGE_CSS}</style>
</head>
<body><main>${content}</main></body>
</html>`.value;
}
