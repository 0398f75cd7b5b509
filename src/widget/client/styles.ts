// Logical properties (inline/block, start/end), so the same rules mirror for Arabic. One exception: a comment's
// text has dir=auto (each takes its own direction), so its indent under the avatar follows the thread's, by hand.
// The host page's own rules on the host element beat :host, and inherited properties (letter
// spacing, line height, colour) would flow in; resetting `all` on our root stops them there.
const CSS = `
:host{all:initial;display:block}
.m{all:initial;display:block;--fg:var(--majlis-text,#1f2328);--mu:var(--majlis-muted,#57606a);--ac:var(--majlis-accent,#0b5cad);--on:var(--majlis-on-accent,#fff);--sf:var(--majlis-surface,#f6f8fa);--ip:var(--majlis-input,#fff);--ln:var(--majlis-border,#d0d7de);--bl:var(--majlis-field-border,#6e7781);--er:var(--majlis-danger,#b3261e);--gd:var(--majlis-success,#1a7f37);--wn:var(--majlis-warning,#9a6700);--hl:var(--majlis-highlight,#fff8c5);--r:var(--majlis-radius,6px);--s:var(--majlis-space,1em);font:var(--majlis-font-size,16px)/1.6 var(--majlis-font,system-ui,-apple-system,"Segoe UI",Tahoma,"Noto Sans Arabic","Noto Naskh Arabic",sans-serif);color:var(--fg);background:var(--majlis-background,transparent);text-align:start;max-inline-size:48rem}
.m.dk{--fg:var(--majlis-text,#e6edf3);--mu:var(--majlis-muted,#9da7b3);--ac:var(--majlis-accent,#71b7ff);--on:var(--majlis-on-accent,#0d1117);--sf:var(--majlis-surface,#161b22);--ip:var(--majlis-input,#0d1117);--ln:var(--majlis-border,#3d444d);--bl:var(--majlis-field-border,#8b949e);--er:var(--majlis-danger,#ff9492);--gd:var(--majlis-success,#3fb950);--wn:var(--majlis-warning,#d29922);--hl:var(--majlis-highlight,#3b2e00);color-scheme:dark}
.m:lang(ar){font-size:calc(var(--majlis-font-size,16px) + 1px);line-height:1.8}
h2{font-size:1.3em;line-height:1.3;margin:0}
h3{font-size:1.1em;line-height:1.3;margin:0 0 .5em}
.tb{display:flex;justify-content:space-between;align-items:center;gap:.5em 1em;flex-wrap:wrap;margin-block-end:calc(var(--s)*.75)}
.tb label{display:inline;margin-inline-end:.4em;font-weight:400;color:var(--mu)}
select{font:inherit;color:var(--fg);background:var(--ip);border:1px solid var(--bl);border-radius:var(--r);padding:.2em .4em}
ol{list-style:none;margin:0;padding:0}
li{margin-block:0 calc(var(--s)*1.1)}
ol ol{margin-block-start:var(--s);margin-inline-start:.75em;padding-inline-start:var(--s);border-inline-start:2px solid var(--ln)}
article{border-radius:var(--r);outline-offset:4px}
.hl>article{background:var(--hl);box-shadow:0 0 0 .4em var(--hl)}
.pd>article{border-inline-start:3px dashed var(--wn);padding-inline-start:.5em}
.hd{display:flex;align-items:center;gap:.6em;flex-wrap:wrap}
.av{inline-size:36px;block-size:36px;border-radius:50%;flex:none;background:var(--ln)}
.nm{font-weight:600;min-width:0;overflow-wrap:anywhere}
a{color:var(--ac)}
.mt{color:var(--mu);font-size:.875em}
a.pl{text-decoration:none}
a.pl:hover,a.pl:focus-visible{text-decoration:underline}
.bg{font-size:.8em;font-weight:600;color:var(--fg);border:1px solid var(--wn);border-radius:999px;padding:0 .6em}
.bd{margin:.3em 0 .2em;padding-left:calc(36px + .6em);white-space:pre-line;overflow-wrap:anywhere;unicode-bidi:plaintext;text-align:start}
[dir=rtl] .bd{padding:0 calc(36px + .6em) 0 0}
.dl{font-style:italic;color:var(--mu)}
.ac:not([hidden]){display:flex;flex-wrap:wrap;gap:.25em .6em;margin-inline-start:calc(36px + .4em)}
.ac:empty{display:none}
.lk{background:none;border:0;padding:.15em .2em;color:var(--ac);font:inherit;font-size:.9em;cursor:pointer;text-decoration:underline}
.lk[disabled]{color:var(--mu);text-decoration:none;cursor:default}
.mr{margin-inline-start:calc(.75em + var(--s))}
.pr{background:var(--ac);color:var(--on);border:0;border-radius:var(--r);padding:.6em 1.3em;font:inherit;font-weight:600;cursor:pointer}
.pr[disabled]{opacity:.75;cursor:progress}
.sc{background:none;color:var(--ac);border:1px solid var(--ac);border-radius:var(--r);padding:.45em 1em;font:inherit;cursor:pointer}
form{margin-block:calc(var(--s)*1.25);padding:calc(var(--s)*1.25);border:1px solid var(--ln);border-radius:calc(var(--r) + 2px);background:var(--sf)}
.ac~form,li form{padding:calc(var(--s)*.75);margin-block:.5em}
fieldset{border:0;margin:0 0 .75em;padding:0}
legend{font-weight:600;padding:0;margin-block-end:.3em}
.fh{display:flex;justify-content:space-between;align-items:baseline;gap:1em;flex-wrap:wrap}
.f{margin-block:0 var(--s)}
.bt{display:flex;gap:.75em;align-items:center;flex-wrap:wrap}
label{display:block;font-weight:600;margin-block:0 .3em}
.in{box-sizing:border-box;inline-size:100%;font:inherit;padding:.5em .6em;border:1px solid var(--bl);border-radius:var(--r);background:var(--ip);color:var(--fg)}
textarea.in{min-block-size:8em;resize:vertical}
li textarea.in{min-block-size:5em}
.in[aria-invalid=true]{border:2px solid var(--er)}
.er{color:var(--er);font-size:.9em;margin:.3em 0 0}
.er:empty{display:none}
.ck{display:flex;gap:.55em;align-items:flex-start;font-weight:400}
.ck input{margin:.4em 0 0;inline-size:1.05em;block-size:1.05em;flex:none;accent-color:var(--ac)}
.nt{color:var(--mu);font-size:.9em;margin:0 0 var(--s)}
.rq{color:var(--er)}
.no{border-radius:var(--r)}
.no>*{padding:.75em 1em;margin-block:var(--s);border-radius:var(--r);background:var(--sf);border-inline-start:4px solid}
.no>:not(:focus-visible){outline:none}
.ok{border-color:var(--gd)}
.wt{border-color:var(--wn)}
.bad{border-color:var(--er)}
.ow{margin:.5em 0 0;padding:.5em .75em;background:var(--ip);border:1px dashed var(--bl);white-space:pre-line;overflow-wrap:anywhere}
.ow p{margin:0}
:focus-visible{outline:3px solid var(--ac);outline-offset:2px}
.sr{position:absolute;inline-size:1px;block-size:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.rx[aria-pressed=true]{font-weight:700}
.pks{border:1px solid var(--wn);border-radius:var(--r);padding:0 var(--s);margin-block-end:var(--s)}
.nw:not([hidden]){display:block;margin:.5em auto}
`;

let shared: CSSStyleSheet | null = null;

/**
 * Styles the shadow root with a constructed stylesheet, which a strict page CSP does not block
 * (an inline <style> would need 'unsafe-inline'); older browsers get the <style> element.
 */
export function applyStyles(root: ShadowRoot): void {
  try {
    if (!shared) {
      shared = new CSSStyleSheet();
      shared.replaceSync(CSS);
    }
    root.adoptedStyleSheets = [shared];
  } catch {
    const style = document.createElement('style');
    style.textContent = CSS;
    root.appendChild(style);
  }
}
