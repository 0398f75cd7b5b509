import { directionOf, type Lang } from '../i18n/i18n.js';
import { html, type SafeHtml } from '../shared/html.js';

// Served under CSP.smallPage (http/csp.ts): its few styles are inline, it runs no script.

/** A small, self-contained page in the reader's language and direction. */
export function renderPage(lang: Lang, title: string, content: SafeHtml): string {
  return html`<!doctype html>
<html lang="${lang}" dir="${directionOf(lang)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<style>body{margin:0;font:16px/1.6 system-ui,-apple-system,"Segoe UI",Tahoma,"Noto Sans Arabic",sans-serif;color:#1f2328;background:#fbfaf7}main{max-inline-size:46rem;margin-inline:auto;padding:1.5rem 1.25rem}h1{font-size:1.5rem;line-height:1.3}a{color:#0b5cad}:focus-visible{outline:3px solid #0b5cad;outline-offset:2px}form{margin-block:1.25rem;padding:1.25rem;border:1px solid #d0d7de;border-radius:8px;background:#f6f8fa}label{display:block;margin-block:1rem .3rem;font-weight:600}label:first-child{margin-block-start:0}input,textarea{inline-size:100%;box-sizing:border-box;font:inherit;padding:.5rem .6rem;border:1px solid #6e7781;border-radius:6px;background:#fff;color:#1f2328}textarea{min-block-size:8rem;resize:vertical}.problems{background:#ffebe9;border-inline-start:4px solid #b3261e;padding:.5rem 1rem;border-radius:4px}.problems ul{margin:.25rem 0;padding-inline-start:1.25rem}[role=status]{background:#dafbe1;border-inline-start:4px solid #1a7f37;padding:.75rem 1rem;border-radius:4px}blockquote{margin:1rem 0;padding:.5rem .75rem;background:#fff;border:1px dashed #6e7781;white-space:pre-line}button{margin-block-start:1rem;background:#0b5cad;color:#fff;border:0;border-radius:6px;padding:.6rem 1.3rem;font:inherit;font-weight:600;cursor:pointer}</style>
</head>
<body><main>${content}</main></body>
</html>`.value;
}
