import { directionOf, type Lang } from '../i18n/i18n.js';
import { html, type SafeHtml } from '../shared/html.js';

// Served under CSP.smallPage (http/csp.ts): its few styles are inline, it runs no script.

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
