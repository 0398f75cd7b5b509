// `data-majlis-theme="auto"` (the default) follows the host page: the widget has no background of
// its own, so what matters is the colour behind it. We read the nearest opaque background up the
// tree; a page that paints none shows the browser canvas, dark only under `color-scheme: dark`.

/** The light or dark palette of the widget. */
export type Theme = 'light' | 'dark';

function channels(colour: string): number[] | null {
  const match = /rgba?\(([^)]+)\)/.exec(colour);
  if (!match?.[1]) return null;
  const parts = match[1].split(/[\s,/]+/).filter(Boolean).map(Number);
  return parts.length >= 3 && (parts[3] === undefined || parts[3] > 0.5) ? parts : null;
}

function isDark([r = 0, g = 0, b = 0]: number[]): boolean {
  const linear = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b) < 0.18;
}

/** The palette for a host element: its `data-majlis-theme`, or the page's colours for `auto`. */
export function resolveTheme(host: HTMLElement): Theme {
  const asked = host.closest('[data-majlis-theme]')?.getAttribute('data-majlis-theme');
  if (asked === 'light' || asked === 'dark') return asked;
  for (let node: Element | null = host; node; node = node.parentElement) {
    const background = channels(getComputedStyle(node).backgroundColor);
    if (background) return isDark(background) ? 'dark' : 'light';
  }
  const scheme = getComputedStyle(document.documentElement).colorScheme;
  return /dark/.test(scheme) && (!/light/.test(scheme) || matchMedia('(prefers-color-scheme: dark)').matches) ? 'dark' : 'light';
}
