import type { PublicComment } from './api.js';
import { h } from './dom.js';
import { t, type Lang } from './i18n.js';
import { pickBadge, reactionButton, type ReactionContext } from './reactions.js';

/** What rendering a comment needs from the thread. */
export interface CommentContext extends ReactionContext {
  base: string;
  lang: Lang;
  canReply: boolean;
  onReply(comment: PublicComment, item: HTMLLIElement): void;
}

function safeLink(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}

function formatDate(lang: Lang, iso: string): string {
  try {
    return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  } catch {
    return iso;
  }
}

/** The author's name, isolated with <bdi> so an Arabic name in English text (or the reverse) never scrambles. */
export function authorName(comment: Pick<PublicComment, 'authorName' | 'authorUrl'>): HTMLElement {
  const name = h('bdi', {}, comment.authorName);
  const link = safeLink(comment.authorUrl);
  return h('span', { class: 'nm' }, link ? h('a', { href: link, rel: 'nofollow ugc noopener noreferrer' }, name) : name);
}

/** One comment and its replies, as a list item; the body is text with `dir="auto"`, never markup. */
export function renderComment(comment: PublicComment, context: CommentContext): HTMLLIElement {
  const item = h('li', { id: `majlis-comment-${comment.id}`, 'data-id': String(comment.id) });
  const article = h(
    'article',
    { 'aria-label': comment.authorName },
    h(
      'div',
      { class: 'hd' },
      h('img', { class: 'av', src: new URL(comment.avatar, context.base).toString(), alt: '', width: '36', height: '36', loading: 'lazy' }),
      authorName(comment),
      h('time', { class: 'mt', datetime: comment.createdAt }, formatDate(context.lang, comment.createdAt)),
      comment.edited && h('span', { class: 'mt' }, `(${t(context.lang, 'widget.edited')})`),
      comment.featured && pickBadge(context.lang),
    ),
    comment.deleted
      ? h('p', { class: 'bd dl' }, t(context.lang, 'widget.deleted'))
      : h('p', { class: 'bd', dir: 'auto' }, comment.body),
    !comment.deleted && reactionButton(comment, context),
  );
  item.appendChild(article);
  if (context.canReply && !comment.deleted) {
    const reply = h('button', { type: 'button', class: 'lk', 'aria-label': t(context.lang, 'widget.replyToLabel', { name: comment.authorName }) }, t(context.lang, 'widget.reply'));
    reply.addEventListener('click', () => context.onReply(comment, item));
    article.appendChild(reply);
  }
  if (comment.replies.length > 0) item.appendChild(renderList(comment.replies, context));
  return item;
}

/** A list of comments. */
export function renderList(comments: PublicComment[], context: CommentContext): HTMLOListElement {
  const list = h('ol');
  for (const comment of comments) list.appendChild(renderComment(comment, context));
  return list;
}
