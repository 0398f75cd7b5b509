import { decodeHTML } from 'entities';
import { Parser } from 'htmlparser2';
import { parseWebUrl } from '../shared/text-checks.js';

// Elements that end a line, and those that end a paragraph (a blank line), as a reader sees them.
const LINE_BLOCKS = new Set(['br', 'div', 'li', 'dt', 'dd', 'tr', 'hr', 'figcaption', 'summary', 'address', 'header', 'footer', 'section', 'article', 'figure', 'details']);
const PARAGRAPH_BLOCKS = new Set(['p', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'dl', 'pre', 'table']);
// Their text is never shown by a browser, so it is not part of the comment.
const HIDDEN = new Set(['script', 'style', 'template', 'head', 'title']);
// Disqus wraps every link in a redirect and shortens its text ("https://example.org/a-long-pa...").
const DISQUS_REDIRECT = /(^|\.)disq\.us$/i;
const DISQUS_SUFFIX = /:[A-Za-z0-9_-]+$/;
const SCHEME_AND_WWW = /^(?:https?:\/\/)?(?:www\.)?/i;
const ELLIPSIS = /(?:\.\.\.|…)$/;

/** Decodes every HTML character reference (all of HTML5's names, numeric ones as HTML5 maps them). */
export function decodeEntities(text: string): string {
  return decodeHTML(text);
}

function comparable(address: string): string {
  return address.replace(SCHEME_AND_WWW, '').replace(/\/$/, '').toLowerCase();
}

/** The address a link really points to: Disqus's redirect unwrapped; null for anything but http(s). */
function linkTarget(href: string, title: string | undefined): string | null {
  const url = parseWebUrl(href.trim());
  if (!url) return null;
  if (DISQUS_REDIRECT.test(url.hostname)) {
    if (title && parseWebUrl(title.trim())) return title.trim();
    const inner = url.searchParams.get('url')?.replace(DISQUS_SUFFIX, '');
    if (inner && parseWebUrl(inner)) return inner;
  }
  return href.trim();
}

/**
 * A link as plain text, the way a reader types one: its text, then the address in brackets; just
 * the address when the text already is the address (or a shortened start of it, as Disqus writes).
 */
function linkAsText(text: string, target: string): string {
  const shown = text.trim();
  if (shown === '') return target;
  const start = comparable(shown.replace(ELLIPSIS, ''));
  const full = comparable(target);
  if (full === comparable(shown) || (ELLIPSIS.test(shown) && start.length > 0 && full.startsWith(start))) return target;
  return `${text} (${target})`;
}

/**
 * Turns the HTML of a WordPress or Disqus comment into the plain text Majlis stores: paragraphs,
 * list items, headings, quotes and line breaks become newlines (WordPress keeps typed newlines in
 * the HTML, so they stay), links keep their address next to their text, other markup is dropped,
 * and character references are decoded as HTML5 does (a real tokenizer: htmlparser2, entities).
 */
export function htmlToText(html: string): string {
  let out = '';
  let hidden = 0;
  const links: Array<{ target: string | null; start: number }> = [];
  const endLine = (blankLine: boolean) => {
    const wanted = blankLine ? '\n\n' : '\n';
    if (out !== '' && !out.endsWith(wanted)) out = out.replace(/\n*$/, wanted);
  };
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (HIDDEN.has(name)) hidden += 1;
        else if (name === 'br') out += '\n';
        else if (name === 'a') links.push({ target: attributes.href ? linkTarget(attributes.href, attributes.title) : null, start: out.length });
        else if (PARAGRAPH_BLOCKS.has(name)) endLine(true);
        else if (LINE_BLOCKS.has(name)) endLine(false);
      },
      ontext(text) {
        if (hidden === 0) out += text;
      },
      onclosetag(name) {
        if (HIDDEN.has(name)) hidden = Math.max(0, hidden - 1);
        else if (name === 'a') {
          const link = links.pop();
          if (link?.target) out = out.slice(0, link.start) + linkAsText(out.slice(link.start), link.target);
        } else if (PARAGRAPH_BLOCKS.has(name)) endLine(true);
        else if (LINE_BLOCKS.has(name) && name !== 'br') endLine(false);
      },
    },
    { decodeEntities: true },
  );
  parser.write(html.replace(/\r\n?/g, '\n'));
  parser.end();
  return out.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}
