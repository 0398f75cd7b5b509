// Logical properties only (inline/block, start/end), so the same rules mirror for Arabic.
// The host page's own rules on the host element beat :host, and inherited properties (letter
// spacing, line height, colour) would flow in; resetting `all` on our root stops them there.
const CSS = `
:host{all:initial;display:block}
.m{all:initial;display:block;font:16px/1.6 system-ui,-apple-system,"Segoe UI",Tahoma,"Noto Sans Arabic","Noto Naskh Arabic",sans-serif;color:#1f2328;text-align:start;max-inline-size:48rem}
.m:lang(ar){font-size:17px;line-height:1.8}
h2{font-size:1.3em;line-height:1.3;margin:0 0 .75em}
h3{font-size:1.1em;line-height:1.3;margin:0 0 .5em}
ol{list-style:none;margin:0;padding:0}
li{margin-block:0 1.1em}
ol ol{margin-block-start:1em;margin-inline-start:.75em;padding-inline-start:1em;border-inline-start:2px solid #d0d7de}
.hd{display:flex;align-items:center;gap:.6em;flex-wrap:wrap}
.av{inline-size:36px;block-size:36px;border-radius:50%;flex:none;background:#eaeef2}
.nm{font-weight:600}
a{color:#0b5cad}
.mt{color:#57606a;font-size:.875em}
.bd{margin:.3em 0 .2em;padding-inline-start:calc(36px + .6em);white-space:pre-line;overflow-wrap:anywhere}
.dl{font-style:italic;color:#57606a}
.lk{background:none;border:0;padding:.15em .2em;margin-inline-start:calc(36px + .4em);color:#0b5cad;font:inherit;font-size:.9em;cursor:pointer;text-decoration:underline}
.pr{background:#0b5cad;color:#fff;border:0;border-radius:6px;padding:.6em 1.3em;font:inherit;font-weight:600;cursor:pointer}
.pr[disabled]{opacity:.75;cursor:progress}
.sc{background:#fff;color:#0b5cad;border:1px solid #0b5cad;border-radius:6px;padding:.45em 1em;font:inherit;cursor:pointer}
form{margin-block:1.25em;padding:1.25em;border:1px solid #d0d7de;border-radius:8px;background:#f6f8fa}
.fh{display:flex;justify-content:space-between;align-items:baseline;gap:1em;flex-wrap:wrap}
.f{margin-block:0 1em}
label{display:block;font-weight:600;margin-block:0 .3em}
.in{box-sizing:border-box;inline-size:100%;font:inherit;padding:.5em .6em;border:1px solid #6e7781;border-radius:6px;background:#fff;color:#1f2328}
textarea.in{min-block-size:8em;resize:vertical}
.in[aria-invalid=true]{border:2px solid #b3261e}
.er{color:#b3261e;font-size:.9em;margin:.3em 0 0}
.er:empty{display:none}
.ck{display:flex;gap:.55em;align-items:flex-start;font-weight:400}
.ck input{margin:.4em 0 0;inline-size:1.05em;block-size:1.05em;flex:none}
.nt{color:#57606a;font-size:.9em;margin:0 0 1em}
.rq{color:#b3261e}
.no{border-radius:4px}
.no>*{padding:.75em 1em;margin-block:1em;border-radius:4px}
.ok{background:#dafbe1;border-inline-start:4px solid #1a7f37}
.wt{background:#fff8c5;border-inline-start:4px solid #9a6700}
.bad{background:#ffebe9;border-inline-start:4px solid #b3261e}
.ow{margin:.5em 0 0;padding:.5em .75em;background:#fff;border:1px dashed #6e7781;white-space:pre-line;overflow-wrap:anywhere}
.ow p{margin:0}
:focus-visible{outline:3px solid #0b5cad;outline-offset:2px}
.sr{position:absolute;inline-size:1px;block-size:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.rx{background:#fff;border:1px solid #d0d7de;border-radius:999px;padding:.15em .8em;margin-inline-start:calc(36px + .4em);font:inherit;font-size:.85em;color:#1f2328;cursor:pointer}
.rx[aria-pressed=true]{background:#ddf4ff;border-color:#0b5cad;color:#0b5cad;font-weight:600}
.pk{background:#fff8c5;color:#6b4b00;border:1px solid #d4a72c;border-radius:4px;padding:0 .4em;font-size:.8em;font-weight:600}
.pks{margin-block:1em;padding:.5em 1em;border:1px solid #d4a72c;border-radius:8px;background:#fffdf2}
.pks h3{margin:.3em 0;font-size:1em}
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
