import { html } from '../shared/html.js';
import { pageColours } from '../shared/page-colours.js';

// One stylesheet for the server-rendered pages, served from our origin so the pages' CSP can say
// `style-src 'self'` and allow no inline styles. Logical properties, so Arabic mirrors (but a comment's text, dir=auto, is indented by the thread's direction). Colours are
// variables (src/shared/page-colours.ts): dark ones when the reader prefers dark and the page says it has a
// dark scheme (OWN_PAGE_HEAD's `color-scheme` meta), so a fragment included in a site that declares none keeps the light ones.

/** The CSS of the landing page, the thread page, the demo articles and the server-rendered thread fragment. */
export const PAGE_CSS = `
${pageColours(':root:has(meta[name=color-scheme][content~=dark])')}
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font:17px/1.7 Georgia,"Times New Roman","Noto Naskh Arabic",serif;color:var(--mj-fg);background:var(--mj-bg)}
html[lang=ar] body{font-family:"Noto Naskh Arabic","Noto Sans Arabic",Tahoma,serif;line-height:1.9}
a{color:var(--mj-link)}
:focus-visible{outline:3px solid var(--mj-link);outline-offset:2px}
.mast{background:var(--mj-mast);color:#fff;padding-block:.8rem;padding-inline:1.25rem;display:flex;justify-content:space-between;align-items:center;flex-wrap:wrap;gap:.5rem}
.mast a{color:#fff}
.brand{font-weight:700;font-size:1.25rem;text-decoration:none}
.wrap{max-inline-size:72rem;margin-inline:auto;padding:1.5rem 1.25rem;display:grid;gap:2.5rem;grid-template-columns:minmax(0,1fr)}
@media (min-width:60rem){.wrap.cols{grid-template-columns:minmax(0,1fr) 18rem}}
.narrow{max-inline-size:46rem;margin-inline:auto;padding:1.5rem 1.25rem}
.kicker{color:var(--mj-accent);font:700 .85rem/1.4 system-ui,sans-serif;text-transform:uppercase;letter-spacing:.04em;margin:0}
h1{font-size:2.1rem;line-height:1.25;margin-block:.3rem .6rem}
.byline{color:var(--mj-muted);font:.9rem/1.5 system-ui,sans-serif;margin-block:0 1.5rem}
.lede{font-size:1.15rem}
figure{margin:1.5rem 0;padding:1rem 1.25rem;border-inline-start:4px solid var(--mj-accent);background:var(--mj-field)}
figure blockquote{margin:0;font-style:italic}
figcaption{color:var(--mj-muted);font:.9rem system-ui,sans-serif;margin-block-start:.4rem}
aside h2{font:700 1rem/1.4 system-ui,sans-serif;border-block-end:2px solid var(--mj-fg);padding-block-end:.3rem}
aside ul{list-style:none;padding:0;margin:0}
aside li{padding-block:.6rem;border-block-end:1px solid var(--mj-line)}
aside .count{display:block;color:var(--mj-muted);font:.85rem system-ui,sans-serif}
.comments-area{margin-block-start:2.5rem;border-block-start:2px solid var(--mj-fg);padding-block-start:1rem}
.majlis{font:16px/1.6 system-ui,-apple-system,"Segoe UI",Tahoma,"Noto Sans Arabic",sans-serif;max-inline-size:48rem}
.majlis h2{font-size:1.3rem;margin-block:0 .75rem}
.majlis h3{font-size:1.1rem;margin:0}
.majlis ol{list-style:none;margin:0;padding:0}
.majlis li{margin-block:0 1.1rem}
.majlis ol ol{margin-block-start:1rem;margin-inline-start:.75rem;padding-inline-start:1rem;border-inline-start:2px solid var(--mj-line)}
.majlis .hd{display:flex;align-items:center;gap:.6rem;flex-wrap:wrap}
.majlis .av{inline-size:36px;block-size:36px;border-radius:50%}
.majlis .nm{font-weight:600;min-width:0;overflow-wrap:anywhere}
.majlis .mt{color:var(--mj-muted);font-size:.875rem}
.majlis .bd{margin:.3rem 0 .2rem;padding-left:calc(36px + .6rem);white-space:pre-line;overflow-wrap:anywhere;unicode-bidi:plaintext;text-align:start}
.majlis[dir=rtl] .bd{padding:0 calc(36px + .6rem) 0 0}
.majlis .dl{font-style:italic;color:var(--mj-muted)}
.majlis .rl{margin-inline-start:calc(36px + .6rem);font-size:.9rem}
.majlis form{margin-block:1.25rem;padding:1.25rem;border:1px solid var(--mj-line);border-radius:8px;background:var(--mj-panel)}
.majlis .fh{display:flex;justify-content:space-between;align-items:baseline;gap:1rem;flex-wrap:wrap;margin-block-end:.5rem}
.majlis .f{margin-block:0 1rem}
.majlis label{display:block;font-weight:600;margin-block:0 .3rem}
.majlis .in{inline-size:100%;font:inherit;padding:.5rem .6rem;border:1px solid var(--mj-field-line);border-radius:6px;background:var(--mj-field);color:var(--mj-fg)}
.majlis textarea.in{min-block-size:8rem;resize:vertical}
.majlis .nt{color:var(--mj-muted);font-size:.9rem;margin:0 0 1rem}
.majlis .rq{color:var(--mj-danger)}
.majlis .pr{background:var(--mj-primary);color:#fff;border:0;border-radius:6px;padding:.6rem 1.3rem;font:inherit;font-weight:600;cursor:pointer}
.majlis .notice{padding:.75rem 1rem;margin-block:1rem;border-radius:4px}
.majlis .ok{background:var(--mj-ok-bg);border-inline-start:4px solid var(--mj-ok-line)}
.majlis .wt{background:var(--mj-warn-bg);border-inline-start:4px solid var(--mj-warn-line)}
.majlis .bad{background:var(--mj-bad-bg);border-inline-start:4px solid var(--mj-danger)}
.majlis .more{display:inline-block;margin-block:.5rem 1rem}
.majlis .tb{display:flex;justify-content:space-between;align-items:baseline;gap:.5rem 1rem;flex-wrap:wrap;margin-block-end:.75rem}
.majlis .tb h2{margin:0}
.majlis .sort{font-size:.9rem;color:var(--mj-muted)}
.majlis .sort [aria-current]{font-weight:700;color:var(--mj-fg);text-decoration:none}
.majlis .rl+.rl{margin-inline-start:.75rem}
.majlis .hd a.mt{text-decoration:none}
.majlis .report{margin-block:.75rem;padding:1rem;margin-inline-start:calc(36px + .6rem)}
.majlis fieldset{border:0;margin:0 0 .75rem;padding:0}
.majlis legend{font-weight:600;padding:0;margin-block-end:.3rem}
.majlis .ck{display:flex;gap:.5rem;align-items:center;font-weight:400;margin:0}
.majlis li:target>article{background:var(--mj-warn-bg);box-shadow:0 0 0 .4rem var(--mj-warn-bg);border-radius:4px}
.landing h2{font:700 1.15rem/1.4 system-ui,sans-serif;margin-block:2rem .5rem;border-block-end:2px solid var(--mj-fg);padding-block-end:.3rem}
.landing .links{list-style:none;margin:0;padding:0}
.landing .links li{padding-block:.5rem;border-block-end:1px solid var(--mj-line)}
.landing .links a{font-weight:700}
.landing .links p{margin:0;color:var(--mj-muted);font-size:.95rem}
.landing .setup{background:var(--mj-warn-bg);border-inline-start:4px solid var(--mj-warn-line);padding:.75rem 1rem}
.landing code{font:.9em ui-monospace,"Cascadia Mono","Noto Sans Mono",monospace;background:var(--mj-code-bg);padding-inline:.25em;border-radius:3px}
.landing pre{background:var(--mj-pre-bg);color:#f6f8fa;padding:1rem;border-radius:6px;overflow-x:auto}
.landing pre code{background:none;color:inherit;padding:0}
.majlis form.rx{display:inline;margin:0 0 0 .5em;padding:0;border:0;background:none}
.majlis form.rx button{background:var(--mj-field);color:var(--mj-fg);border:1px solid var(--mj-line);border-radius:999px;padding:.1em .7em;font:inherit;font-size:.85em;cursor:pointer}
.majlis .bg{font-size:.8em;font-weight:600;border:1px solid var(--mj-line);border-radius:999px;padding:0 .6em}
.majlis .pk{background:var(--mj-warn-bg);color:var(--mj-pick);border:1px solid var(--mj-pick-line);border-radius:4px;padding:0 .4em;font-size:.8em;font-weight:600}
.majlis .picks{margin-block:1em;padding:.5em 1em;border:1px solid var(--mj-pick-line);border-radius:8px;background:var(--mj-picks-bg)}
.majlis .sort{margin-block:.5em;font-size:.9em}
`;

/** What every page of ours has in its head: charset, viewport, both colour schemes, and the stylesheet above. */
export const OWN_PAGE_HEAD = html`<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark">
<link rel="stylesheet" href="/assets/majlis-page.css">`;
