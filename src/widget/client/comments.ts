import { splitLinks, UGC_REL } from '../../browser/linkify.js';
import { fetchReplies, type PublicComment } from './api.js';
import { h } from './dom.js';
import { badgeLabel, t } from './i18n.js';
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
    ...comment.badges.map((badge) => h('bdi', { class: 'bg' }, badgeLabel(lang, badge))),
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
  if (comment.replies.length > 0 || comment.repliesCursor) renderReplies(item, comment, context);
  return item;
}

/**
 * The replies under a comment: the first few, and "show more replies (N)" for the rest. A long
 * conversation the page carries in part (`repliesCursor`) reads the rest from the API, a page per click.
 */
function renderReplies(item: HTMLLIElement, comment: PublicComment, context: CommentContext): void {
  const list = item.appendChild(renderList(comment.replies, context));
  const hidden = Array.from(list.children).slice(REPLIES_SHOWN) as HTMLElement[];
  let cursor = comment.repliesCursor ?? null;
  if (hidden.length === 0 && !cursor) return;
  for (const reply of hidden) reply.hidden = true;
  const { scope } = context;
  const more = h('button', { type: 'button', class: 'lk mr' });
  const label = () => {
    const rest = cursor ? Math.max(0, (comment.replyCount ?? 0) - item.querySelectorAll('li').length) : 0;
    more.textContent = t(scope.lang, 'reader.moreReplies', { count: new Intl.NumberFormat(scope.locale).format(hidden.length + rest) });
  };
  label();
  more.addEventListener('click', async () => {
    let first = hidden[0];
    for (const reply of hidden.splice(0)) reply.hidden = false;
    if (cursor) {
      more.disabled = true;
      try {
        const page = await fetchReplies(scope.base, scope.key, comment.id, cursor, scope.lang);
        for (const reply of page.replies) {
          if (item.querySelector(`#comment-${reply.id}`)) continue;
          // Under its parent when shown, else at the top of the conversation.
          const parent = (reply.parentId !== comment.id && item.querySelector<HTMLElement>(`#comment-${reply.parentId}`)) || item;
          const replies = parent.querySelector(':scope>ol') ?? parent.insertBefore(h('ol'), parent.querySelector(':scope>.mr'));
          const shown = replies.appendChild(renderComment({ ...reply, replies: [] }, context));
          first ??= shown;
        }
        cursor = page.nextCursor;
      } catch {
        scope.notify('bad', t(scope.lang, 'widget.loadFailed'));
      }
      more.disabled = false;
    }
    if (cursor) label();
    else more.remove();
    first?.querySelector('article')?.focus();
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
