/**
 * The dashboard's stylesheet, served as /admin/admin.css. Only logical properties (inline/block),
 * so the same rules lay out the Arabic dashboard right-to-left.
 */
export const ADMIN_CSS = `
:root { color-scheme: light dark; --ink: #1b1f24; --muted: #57606a; --line: #d0d7de; --bg: #f6f8fa; --card: #fff;
  --accent: #0b5cad; --accent-fill: #0b5cad; --ok: #1a7f37; --bad: #b42318; --spam: #7a4b00; --pending: #bf8700; --focus: #0b5cad;
  --field: #fff; --field-line: #8c959f; --chip: #eaeef2; --count: rgba(0,0,0,0.08); --panel: #fbfcfd;
  --note: #fff8c5; --note-line: #d4a300; --suggested: #eef6ee; --risk: #fff1e5; --trusted: #dafbe1; }
/* Night shifts: the same rules on a dark palette, for a moderator whose system asks for dark. */
@media (prefers-color-scheme: dark) {
  :root { --ink: #e6edf3; --muted: #8d96a0; --line: #30363d; --bg: #0d1117; --card: #161b22;
    --accent: #58a6ff; --accent-fill: #1f6feb; --ok: #3fb950; --bad: #ff7b72; --spam: #d29922; --pending: #d29922; --focus: #58a6ff;
    --field: #0d1117; --field-line: #6e7681; --chip: #343941; --count: rgba(255,255,255,0.14); --panel: #11161d;
    --note: #2e2512; --note-line: #9e6a03; --suggested: #12261e; --risk: #3a2414; --trusted: #12261e; }
}
* { box-sizing: border-box; }
html { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans Arabic", Tahoma, sans-serif; font-size: 100%; line-height: 1.5; color: var(--ink); background: var(--bg); }
html[dir="rtl"] { line-height: 1.7; }
body { margin: 0; padding-block-end: 4rem; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
h1 { font-size: 1.4rem; margin-block: 1rem 0.75rem; }
h2 { font-size: 1.1rem; margin-block: 0 0.5rem; }
h3 { font-size: 0.85rem; margin-block: 0.5rem 0.25rem; color: var(--muted); text-transform: uppercase; letter-spacing: 0.03em; }
html[dir="rtl"] h3 { text-transform: none; letter-spacing: 0; }
a { color: var(--accent); }
button { font: inherit; padding-block: 0.35rem; padding-inline: 0.8rem; border: 1px solid var(--line); border-radius: 6px; background: var(--card); color: var(--ink); cursor: pointer; }
button:hover:not(:disabled) { border-color: var(--muted); }
button:disabled { opacity: 0.55; cursor: not-allowed; }
button.primary { background: var(--accent-fill); border-color: var(--accent-fill); color: #fff; }
input, select, textarea { font: inherit; padding-block: 0.35rem; padding-inline: 0.5rem; border: 1px solid var(--field-line); border-radius: 6px; background: var(--field); color: var(--ink); max-inline-size: 100%; }
textarea { inline-size: 100%; font-family: ui-monospace, "Cascadia Mono", "Noto Sans Mono", monospace; font-size: 0.9rem; }
input[type="checkbox"] { inline-size: 1.15rem; block-size: 1.15rem; accent-color: var(--accent); margin: 0; }
fieldset { border: 0; padding: 0; margin: 0; min-inline-size: 0; }
.field { display: flex; flex-direction: column; gap: 0.25rem; margin-block-end: 0.75rem; }
.field label { font-weight: 600; font-size: 0.92rem; }
.hint { color: var(--muted); font-size: 0.85rem; }
.inline { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 0.5rem; }
.inline .field { margin-block-end: 0; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(14rem, 100%), 1fr)); gap: 0 1rem; }
.grid.lists { grid-template-columns: repeat(auto-fit, minmax(min(18rem, 100%), 1fr)); gap: 1rem; }

.top { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.5rem; padding-block: 0.6rem; padding-inline: 1.25rem; background: #14213d; color: #fff; }
.top .brand { font-weight: 700; margin: 0; }
.top nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem; list-style: none; margin: 0; padding: 0; }
.top nav a { color: #fff; text-decoration: none; padding-block: 0.3rem; padding-inline: 0.6rem; border-radius: 6px; display: inline-block; }
.top nav a[aria-current="page"] { background: rgba(255,255,255,0.18); font-weight: 600; }
.top nav a:hover { text-decoration: underline; }
.top :focus-visible { outline-color: #ffd33d; }
.top .who { margin-inline-start: auto; display: flex; align-items: center; gap: 0.6rem; flex-wrap: wrap; font-size: 0.9rem; }
.top .who button { background: transparent; color: #fff; border-color: rgba(255,255,255,0.5); padding-block: 0.2rem; }
main { max-inline-size: 62rem; margin-inline: auto; padding-inline: 1.25rem; }
main:focus { outline: none; }

main:has(> form.login) { max-inline-size: 24rem; }
form.login { margin-block-start: 3rem; background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 1.5rem; }
form.login input { inline-size: 100%; }
.error { color: var(--bad); min-block-size: 1.5em; margin-block: 0 0.5rem; }
main:has(> form.setup) { max-inline-size: 30rem; }
.field-error { color: var(--bad); font-size: 0.88rem; margin: 0; }
.field-error:empty { display: none; }
[aria-invalid="true"] { border-color: var(--bad); }
form.login .note code { display: block; margin-block-start: 0.35rem; white-space: nowrap; }
.field p.hint { margin: 0; }

.tabs { display: flex; flex-wrap: wrap; gap: 0.35rem; margin-block-start: 1rem; border-block-end: 1px solid var(--line); padding-block-end: 0.5rem; }
.tabs button[aria-pressed="true"] { background: var(--accent-fill); border-color: var(--accent-fill); color: #fff; font-weight: 600; }
.tabs .count { display: inline-block; min-inline-size: 1.6em; padding-inline: 0.35em; border-radius: 999px; background: var(--count); font-size: 0.8rem; text-align: center; }
.tabs button[aria-pressed="true"] .count { background: rgba(0,0,0,0.3); }
.filters { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 0.5rem 1rem; }
.filters .field { margin-block-end: 0; }
.toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; margin-block: 1rem; padding-block: 0.5rem; padding-inline: 0.75rem; background: var(--card); border: 1px solid var(--line); border-radius: 8px; position: sticky; inset-block-start: 0; z-index: 1; }
/* Zoomed far in (400 % of a laptop's screen is 256 px high), a toolbar stuck to the top would cover most of the view. */
@media (max-height: 30rem) { .toolbar { position: static; } }
.toolbar .check { display: inline-flex; align-items: center; gap: 0.4rem; }
.toolbar .bulk { display: flex; flex-wrap: wrap; gap: 0.35rem; }
.toolbar .help-button { margin-inline-start: auto; }
.selected-count { color: var(--muted); font-size: 0.9rem; }

ol.items { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 0.75rem; }
li.empty { list-style: none; color: var(--muted); padding: 1rem; }
article.item { background: var(--card); border: 1px solid var(--line); border-inline-start: 4px solid var(--line); border-radius: 8px; padding-block: 0.75rem; padding-inline: 1rem; }
article.item[data-status="pending"] { border-inline-start-color: var(--pending); }
article.item[data-status="flagged"] { border-inline-start-color: var(--bad); }
article.item[data-status="approved"] { border-inline-start-color: var(--ok); }
article.item:focus { outline: 3px solid var(--focus); outline-offset: 2px; box-shadow: 0 0 0 6px rgba(11,92,173,0.12); }
article.item header { display: flex; gap: 0.75rem; align-items: flex-start; }
article.item header input { margin-block-start: 0.3rem; }
.item-title { font-size: 1rem; margin: 0; }
.meta { margin: 0; color: var(--muted); font-size: 0.88rem; overflow-wrap: anywhere; }
.meta .author { color: var(--ink); font-weight: 600; }
.badge { display: inline-block; padding-inline: 0.45em; border-radius: 4px; background: var(--chip); color: var(--ink); font-size: 0.8rem; }
.body { white-space: pre-wrap; overflow-wrap: anywhere; margin-block: 0.6rem; font-size: 1.02rem; }
mark { background: #ffe066; color: #000; padding-inline: 0.1em; border-radius: 2px; outline: 1px solid #d4a300; }
.reasons ul, .flags ul { margin: 0; padding-inline-start: 1.2rem; font-size: 0.9rem; }
.reasons code { background: var(--chip); padding-inline: 0.3em; border-radius: 3px; font-size: 0.85rem; }
.reasons mark { margin-inline-start: 0.3em; }
.actions { display: flex; flex-wrap: wrap; gap: 0.4rem; margin-block-start: 0.6rem; }
button.approve { border-color: var(--ok); color: var(--ok); }
button.reject { border-color: var(--bad); color: var(--bad); }
button.spam { border-color: var(--spam); color: var(--spam); }
button.more { margin-block: 1rem; }

.notice-bar { position: fixed; inset-block-end: 1rem; inset-inline-start: 50%; translate: -50% 0; display: flex; align-items: center; gap: 0.75rem; max-inline-size: calc(100% - 2rem); }
html[dir="rtl"] .notice-bar { translate: 50% 0; }
.notice-bar:has(#notice:empty) { display: none; }
#notice { margin: 0; padding-block: 0.6rem; padding-inline: 1rem; background: #14213d; color: #fff; border-radius: 8px; box-shadow: 0 4px 16px rgba(0,0,0,0.25); }
button.undo { background: #ffd33d; border-color: #ffd33d; color: #000; font-weight: 600; box-shadow: 0 4px 16px rgba(0,0,0,0.25); }

dialog.help { border: 1px solid var(--line); border-radius: 10px; padding: 1.25rem; max-inline-size: 26rem; background: var(--card); color: var(--ink); }
dialog.help::backdrop { background: rgba(0,0,0,0.4); }
dialog.help dl { display: grid; grid-template-columns: auto 1fr; gap: 0.35rem 1rem; }
dialog.help dd { margin: 0; }
kbd { display: inline-block; min-inline-size: 1.6em; text-align: center; border: 1px solid var(--line); border-block-end-width: 2px; border-radius: 4px; padding-inline: 0.3em; font-family: ui-monospace, monospace; background: var(--bg); }

form.settings { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 1rem; }
.preview { margin-block: 1rem; }
.backtest { border: 1px solid var(--line); border-radius: 8px; padding: 1rem; margin-block: 1rem; background: var(--panel); }
.backtest .summary { font-weight: 600; }
.backtest .transition h3 { text-transform: none; letter-spacing: 0; color: var(--ink); font-size: 1rem; }
.backtest .why { color: var(--muted); font-size: 0.85rem; }
.save { margin-block-start: 1rem; }
.note { background: var(--note); border: 1px solid var(--note-line); border-radius: 6px; padding-block: 0.5rem; padding-inline: 0.75rem; }
.problems { border-inline-start: 4px solid var(--bad); padding-block: 0.25rem; padding-inline: 0.75rem; margin-block-end: 1rem; }

.table-wrap { overflow-x: auto; background: var(--card); border: 1px solid var(--line); border-radius: 8px; }
table.log { border-collapse: collapse; inline-size: 100%; font-size: 0.9rem; }
table.log th, table.log td { text-align: start; padding-block: 0.4rem; padding-inline: 0.6rem; border-block-end: 1px solid var(--line); vertical-align: top; }
table.log td:first-child, table.log td:nth-child(3) { white-space: nowrap; }
table.log tr.undone td { color: var(--muted); text-decoration: line-through; }
/* On a phone each entry is a card of labelled lines, not six columns scrolled sideways (the rows keep their table roles). */
@media (max-width: 40rem) {
  table.log thead { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  table.log, table.log tbody, table.log tr, table.log td { display: block; }
  table.log tr { padding-block: 0.4rem; border-block-end: 1px solid var(--line); }
  table.log th, table.log td, table.log td:first-child, table.log td:nth-child(3) { border: 0; padding-block: 0.1rem; white-space: normal; overflow-wrap: anywhere; }
  table.log td::before { content: attr(data-label) ": "; color: var(--muted); }
  table.log td.empty { display: none; }
}
.thresholds, .model { border: 1px solid var(--line); border-radius: 8px; padding: 1rem; margin-block: 1rem; background: var(--panel); }
.thresholds table { border-collapse: collapse; font-size: 0.9rem; }
.thresholds th, .thresholds td { text-align: start; padding-block: 0.25rem; padding-inline: 0.6rem; border-block-end: 1px solid var(--line); }
.thresholds tr.suggested td { font-weight: 700; background: var(--suggested); }
.least-risky { margin-block-end: 1rem; }
.least-risky .count { inline-size: 6rem; }
.campaigns-panel { margin-block-end: 1rem; }
.campaigns-panel li { margin-block: 0.5rem; }
.campaigns-panel .sample { font-style: italic; }
.badge.risk, .badge.hidden-above { background: var(--risk); }
.badge.ident.signed_in, .badge.ident.staff { background: var(--trusted); }
.staff-reply-box { margin-block-start: 0.5rem; }
details.account { margin-block: 0.5rem; }
details.account summary { cursor: pointer; }
.account-standing { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: end; }
.account-comments { padding-inline-start: 1.2rem; }
.account-comments p { margin-block: 0.2rem 0.6rem; }
.staff-reply:not([hidden]) { display: grid; gap: 0.35rem; max-inline-size: 40rem; margin-block-start: 0.5rem; }
.staff-reply textarea, .staff-reply input { font: inherit; padding: 0.4rem; }
.staff-reply button { justify-self: start; }
.tools { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(18rem, 100%), 1fr)); gap: 1rem; }
form.tool { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 1rem; }
.team { list-style: none; padding: 0; display: grid; gap: 0.75rem; margin-block-start: 1rem; }
.team-account { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 0.75rem 1rem; }
.team-controls { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: end; }
.team-controls .field { margin: 0; }
.team-section form.tool { max-width: 32rem; }
.team-section { margin-block-start: 1.5rem; }
@media (prefers-reduced-motion: no-preference) { article.item { transition: box-shadow 0.15s; } }
`;
