import type { PublicComment } from './api.js';
import { renderComment, type CommentContext } from './comments.js';
import { h } from './dom.js';
import { t } from './i18n.js';

/**
 * The thread's editors' picks, shown first in their own section. Each pick is shown without its
 * replies and without the ids of the full thread below, where the conversation around it stays.
 */
export function renderPicks(picks: PublicComment[], context: CommentContext): HTMLElement | null {
  if (picks.length === 0) return null;
  const list = h('ol');
  for (const pick of picks) {
    const item = renderComment({ ...pick, replies: [] }, { ...context, canReply: false });
    item.id = `majlis-pick-${pick.id}`;
    item.removeAttribute('data-id');
    list.appendChild(item);
  }
  const headingId = `majlis-picks-${Math.random().toString(36).slice(2)}`;
  return h('section', { class: 'pks', 'aria-labelledby': headingId }, h('h3', { id: headingId }, t(context.lang, 'widget.picks')), list);
}
