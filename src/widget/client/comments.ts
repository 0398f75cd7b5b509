import { splitLinks, UGC_REL } from '../../browser/linkify.js';
import type { PublicComment } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import type { RenderedComment, ThreadScope } from './plugins.js';
import { describeTime } from './time.js';

/** What rendering a comment needs from the thread. */
export interface CommentContext {
  scope: ThreadScope;
  canReply: boolean;
  now(): number;
  onReply(comment: PublicComment, item: HTMLLIElement): void;
  decorate(rendered: RenderedComment): void;
}

// Long branches show their first replies; a button reveals the rest.
const REPLIES_SHOWN = 3;

function safeLink(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}

/** The author's name, isolated with <bdi> so an Arabic name in English text (or the reverse) never scrambles. */
function authorName(comment: Pick<PublicComment, 'authorName' | 'authorUrl'>): HTMLElement {
  const name = h('bdi', {}, comment.authorName);
  const link = safeLink(comment.authorUrl);
  return h('span', { class: 'nm' }, link ? h('a', { href: link, rel: 'nofollow ugc noopener noreferrer' }, name) : name);
}

/** Comment text with its http(s) addresses as links; everything else stays text, never markup. */
function bodyText(text: string): HTMLParagraphElement {
  const runs = splitLinks(text).map((run) => (run.href ? h('a', { href: run.href, rel: UGC_REL, dir: 'ltr' }, run.text) : run.text));
  return h('p', { class: 'bd', dir: 'auto' }, ...runs);
}

/** One comment and its replies, as a list item `#comment-<id>`; plugins add their badges and actions. */
export function renderComment(comment: PublicComment, context: CommentContext): HTMLLIElement {
  const { lang, locale } = context.scope;
  const item = h('li', { id: `comment-${comment.id}`, 'data-id': String(comment.id) });
  const when = describeTime(locale, comment.createdAt, context.now());
  const head = h(
    'div',
    { class: 'hd' },
    h('img', { class: 'av', src: new URL(comment.avatar, context.scope.base).toString(), alt: '', width: '36', height: '36', loading: 'lazy' }),
    authorName(comment),
    // A signed-in author's badges ("subscriber", "staff"), from the site's claims: isolated text.
    ...comment.badges.map((badge) => h('bdi', { class: 'bg' }, badge)),
    h('a', { class: 'mt pl', href: `#comment-${comment.id}`, title: `${when.full} · ${t(lang, 'reader.permalink')}` }, h('time', { datetime: comment.createdAt }, when.text)),
    comment.edited && h('span', { class: 'mt' }, `(${t(lang, 'widget.edited')})`),
  );
  const body = comment.deleted ? h('p', { class: 'bd dl' }, t(lang, 'widget.deleted')) : bodyText(comment.body);
  const actions = h('div', { class: 'ac' });
  item.appendChild(h('article', { 'aria-label': comment.authorName, tabindex: '-1' }, head, body, actions));
  if (context.canReply && !comment.deleted) {
    const reply = h('button', { type: 'button', class: 'lk', 'data-act': 'reply', 'aria-label': t(lang, 'widget.replyToLabel', { name: comment.authorName }) }, t(lang, 'widget.reply'));
    reply.addEventListener('click', () => context.onReply(comment, item));
    actions.appendChild(reply);
  }
  context.decorate({ comment, item, head, body, actions });
  if (comment.replies.length > 0) renderReplies(item, comment.replies, context);
  return item;
}

/** The replies under a comment: the first few, and "show more replies (N)" for the rest. */
function renderReplies(item: HTMLLIElement, replies: PublicComment[], context: CommentContext): void {
  const list = item.appendChild(renderList(replies, context));
  const hidden = Array.from(list.children).slice(REPLIES_SHOWN) as HTMLElement[];
  if (hidden.length === 0) return;
  for (const reply of hidden) reply.hidden = true;
  const more = h('button', { type: 'button', class: 'lk mr' }, t(context.scope.lang, 'reader.moreReplies', { count: new Intl.NumberFormat(context.scope.locale).format(hidden.length) }));
  more.addEventListener('click', () => {
    for (const reply of hidden) reply.hidden = false;
    more.remove();
    hidden[0]?.querySelector('article')?.focus();
  });
  item.appendChild(more);
}

/** Shows a comment that sits in a collapsed branch, opening every branch above it. */
export function revealComment(item: Element): void {
  for (let node: Element | null = item; node; node = node.parentElement?.closest('li') ?? null) {
    if (node instanceof HTMLElement && node.hidden) node.hidden = false;
  }
}

/** A list of comments. */
export function renderList(comments: PublicComment[], context: CommentContext): HTMLOListElement {
  const list = h('ol');
  for (const comment of comments) list.appendChild(renderComment(comment, context));
  return list;
}
