// DOM helpers shared by the browser bundles (the reader widget and the moderator dashboard).

/** Attributes for `h`: `false` and `undefined` leave the attribute out, `true` sets it empty. */
export type Attributes = Record<string, string | boolean | undefined>;
/** What `h` and `append` accept as children. */
export type Child = Node | string | null | undefined | false;

/**
 * Creates an element from attributes and children. Strings always become text nodes, never
 * markup: comment text is hostile input, so nothing here ever parses HTML.
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  append(element, ...children);
  return element;
}

/** Appends children, turning strings into text nodes. */
export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

let counter = 0;
// The widget comes in two bundles (embed.js, and embed-extras.js on demand), each with its own copy of this counter:
// a tag per copy keeps their ids apart in one shadow root.
const copy = Math.random().toString(36).slice(2, 7);

/** An id unique within the page, for label and aria-describedby links. */
export function uid(prefix: string): string {
  counter += 1;
  return `majlis-${prefix}-${copy}${counter}`;
}
