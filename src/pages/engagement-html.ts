// The no-JavaScript page's reactions and editors' picks: form buttons and plain links.
import { translate, type Lang } from '../i18n/i18n.js';
import { html, type SafeHtml } from '../shared/html.js';
import type { PublicComment } from '../threads/thread.schemas.js';

/** The orders a reader can choose. */
export const PAGE_SORTS = ['oldest', 'newest', 'best'] as const;
export type PageSort = (typeof PAGE_SORTS)[number];

/** What these pieces need from the page. */
export interface EngagementOptions {
  lang: Lang;
  origin: string;
  /** The order the page shows; a reaction comes back to it. */
  sort: PageSort;
  /** Where in that order the page starts (its cursor), so a reaction comes back to the same page. */
  cursor?: string | undefined;
}

/** A form button that toggles the reader's reaction (the browser id is a first-party cookie) and comes back to the comment. */
export function reactionForm(comment: PublicComment, options: EngagementOptions): SafeHtml | '' {
  if (comment.deleted) return '';
  const action = new URL(`/api/v1/comments/${comment.id}/reactions`, options.origin).toString();
  const params = { label: translate(options.lang, 'widget.react'), count: new Intl.NumberFormat(options.lang).format(comment.reactions), name: comment.authorName };
  const cursor = options.cursor ? html`<input type="hidden" name="cursor" value="${options.cursor}">` : '';
  return html`<form class="rx" method="post" action="${action}"><input type="hidden" name="toggle" value="1"><input type="hidden" name="sort" value="${options.sort}"><input type="hidden" name="lang" value="${options.lang}">${cursor}<button type="submit" aria-label="${translate(options.lang, 'widget.reactLabelFor', params)}">${translate(options.lang, 'widget.reactLabel', params)}</button></form>`;
}

/** The badge of an editors' pick. */
export function pickBadge(comment: PublicComment, lang: Lang): SafeHtml | '' {
  return comment.featured ? html` <span class="pk">${translate(lang, 'widget.pick')}</span>` : '';
}

/** The editors' picks first: each with its author, text and a link to it in the conversation. */
export function picksSection(picks: PublicComment[], options: EngagementOptions): SafeHtml | '' {
  if (picks.length === 0) return '';
  const items = picks.map(
    (pick) => html`<li><article aria-label="${pick.authorName}"><p class="nm"><a href="#comment-${pick.id}"><bdi>${pick.authorName}</bdi></a>${pickBadge(pick, options.lang)}</p><p class="bd" dir="auto">${pick.body}</p></article></li>`,
  );
  return html`<section class="picks" aria-labelledby="majlis-picks"><h3 id="majlis-picks">${translate(options.lang, 'widget.picks')}</h3><ol>${items}</ol></section>`;
}
