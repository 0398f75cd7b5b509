// The colours of the pages Majlis serves (src/pages/page-style.ts and the small pages, src/http/small-page.ts),
// light and dark, as CSS custom properties. One palette, so every page of ours turns dark alike. Prefixed
// (`--mj-`) so that a site linking our stylesheet for the thread fragment keeps its own variables.

const LIGHT = {
  fg: '#1f2328',
  bg: '#fbfaf7',
  link: '#0b5cad',
  muted: '#57606a',
  line: '#d0d7de',
  panel: '#f6f8fa',
  field: '#fff',
  'field-line': '#6e7781',
  mast: '#1f2328',
  accent: '#8a1c1c',
  danger: '#b3261e',
  primary: '#0b5cad',
  'ok-bg': '#dafbe1',
  'ok-line': '#1a7f37',
  'warn-bg': '#fff8c5',
  'warn-line': '#9a6700',
  'bad-bg': '#ffebe9',
  'code-bg': '#eaeef2',
  'pre-bg': '#1f2328',
  pick: '#6b4b00',
  'pick-line': '#d4a72c',
  'picks-bg': '#fffdf2',
};

const DARK: typeof LIGHT = {
  fg: '#e6edf3',
  bg: '#0d1117',
  link: '#58a6ff',
  muted: '#8d96a0',
  line: '#30363d',
  panel: '#161b22',
  field: '#0d1117',
  'field-line': '#6e7681',
  mast: '#010409',
  accent: '#ff7b72',
  danger: '#ff7b72',
  primary: '#1f6feb',
  'ok-bg': '#12261e',
  'ok-line': '#3fb950',
  'warn-bg': '#2e2512',
  'warn-line': '#d29922',
  'bad-bg': '#2d1619',
  'code-bg': '#343941',
  'pre-bg': '#161b22',
  pick: '#e3b341',
  'pick-line': '#9e6a03',
  'picks-bg': '#17150e',
};

const declarations = (palette: typeof LIGHT) =>
  Object.entries(palette)
    .map(([name, value]) => `--mj-${name}:${value}`)
    .join(';');

/**
 * The palette as CSS: light on `:root`, dark for a reader who prefers dark on the element `darkRoot` selects
 * (`:root` on a page that is always ours; narrower where the stylesheet may style someone else's page).
 */
export function pageColours(darkRoot: string): string {
  return `:root{${declarations(LIGHT)}}\n@media (prefers-color-scheme:dark){${darkRoot}{color-scheme:dark;${declarations(DARK)}}}`;
}
