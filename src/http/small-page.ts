import { directionOf, type Lang } from '../i18n/i18n.js';
import { html, type SafeHtml } from '../shared/html.js';

// Served under CSP.smallPage (http/csp.ts): its few styles are inline, it runs no script. Its colours follow the
// reader's light or dark preference, as the pages under src/pages do (src/pages/page-style.ts).

/** A small, self-contained page in the reader's language and direction. */
export function renderPage(lang: Lang, title: string, content: SafeHtml): string {
  return html`<!doctype html>
<html lang="${lang}" dir="${directionOf(lang)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><title>${title}</title>
<style>:root{--fg:#1f2328;--bg:#fbfaf7;--link:#0b5cad;--line:#d0d7de;--panel:#f6f8fa;--field:#fff;--field-line:#6e7781;--primary:#0b5cad;--ok-bg:#dafbe1;--ok-line:#1a7f37;--bad-bg:#ffebe9;--bad-line:#b3261e}@media (prefers-color-scheme:dark){:root{color-scheme:dark;--fg:#e6edf3;--bg:#0d1117;--link:#58a6ff;--line:#30363d;--panel:#161b22;--field:#0d1117;--field-line:#6e7681;--primary:#1f6feb;--ok-bg:#12261e;--ok-line:#3fb950;--bad-bg:#2d1619;--bad-line:#f85149}}body{margin:0;font:16px/1.6 system-ui,-apple-system,"Segoe UI",Tahoma,"Noto Sans Arabic",sans-serif;color:var(--fg);background:var(--bg)}main{max-inline-size:46rem;margin-inline:auto;padding:1.5rem 1.25rem}h1{font-size:1.5rem;line-height:1.3}a{color:var(--link)}:focus-visible{outline:3px solid var(--link);outline-offset:2px}form{margin-block:1.25rem;padding:1.25rem;border:1px solid var(--line);border-radius:8px;background:var(--panel)}label{display:block;margin-block:1rem .3rem;font-weight:600}label:first-child{margin-block-start:0}input,textarea{inline-size:100%;box-sizing:border-box;font:inherit;padding:.5rem .6rem;border:1px solid var(--field-line);border-radius:6px;background:var(--field);color:var(--fg)}textarea{min-block-size:8rem;resize:vertical}.problems{background:var(--bad-bg);border-inline-start:4px solid var(--bad-line);padding:.5rem 1rem;border-radius:4px}.problems ul{margin:.25rem 0;padding-inline-start:1.25rem}[role=status]{background:var(--ok-bg);border-inline-start:4px solid var(--ok-line);padding:.75rem 1rem;border-radius:4px}blockquote{margin:1rem 0;padding:.5rem .75rem;background:var(--field);border:1px dashed var(--field-line);white-space:pre-line}button{margin-block-start:1rem;background:var(--primary);color:#fff;border:0;border-radius:6px;padding:.6rem 1.3rem;font:inherit;font-weight:600;cursor:pointer}</style>
</head>
<body><main>${content}</main></body>
</html>`.value;
}
