import { splitLinks, UGC_REL } from '../browser/linkify.js';
import { translate, directionOf, type Lang } from '../i18n/i18n.js';
import { escapeHtml, html, SafeHtml } from '../shared/html.js';
import type { PublicComment, ThreadPage } from '../threads/thread.schemas.js';
import { PAGE_SORTS, pickBadge, picksSection, reactionForm, type EngagementOptions, type PageSort } from './engagement-html.js';

/** The outcome a no-JavaScript post carried back in the query. */
export type Outcome = 'approved' | 'pending' | 'rejected';

/** What the server-rendered thread needs besides the comments themselves. */
export interface ThreadSectionOptions extends EngagementOptions {
  lang: Lang;
  page: ThreadPage;
  /** Absolute base for the form action and avatars, so the fragment works inside another site. */
  origin: string;
  replyTo: number | null;
  outcome: Outcome | null;
  /** The policy's `guestsMayPost`: the form here is a guest's, so without it readers are told to sign in on the site instead. */
  guestsMayPost: boolean;
  /** Where the form post returns to; omitted lets the server fall back to the Referer. */
  returnUrl: string | undefined;
  replyHref(id: number): string;
  cancelHref: string;
  moreHref: string | null;
  /** The comment whose report form is open, and where the reader's actions link to (absent on the demo). */
  reader?: {
    reportId: number | null;
    flagged: boolean;
    reportHref(id: number): string;
    sortHref(sort: PageSort): string;
  };
  /** Back to the whole thread, at this conversation, when the section shows one conversation alone. */
  allCommentsHref?: string | null;
  /** The link to the rest of a top-level comment's conversation, when the page shows only part of it. */
  moreRepliesOf?(id: number): { href: string; count: number } | null;
}

const FLAG_REASONS = ['spam', 'abuse', 'off_topic', 'other'] as const;

function countText(lang: Lang, count: number): string {
  if (count === 0) return translate(lang, 'widget.heading');
  const category = new Intl.PluralRules(lang).select(count);
  const key = `widget.count.${category === 'zero' ? 'other' : category}` as 'widget.count.other';
  return translate(lang, key, { count: new Intl.NumberFormat(lang).format(count) });
}

function webLink(url: string | null): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
}

function bodyHtml(text: string): SafeHtml {
  return html`<p class="bd" dir="auto">${splitLinks(text).map((run) => (run.href ? html`<a href="${run.href}" rel="${UGC_REL}" dir="ltr">${run.text}</a>` : run.text))}</p>`;
}

function reportForm(lang: Lang, comment: PublicComment, options: ThreadSectionOptions): SafeHtml {
  const action = new URL(`/api/v1/comments/${comment.id}/flags`, options.origin).toString();
  return html`<form id="report" class="report" method="post" action="${action}">
<fieldset><legend>${translate(lang, 'reader.reportWhy')}</legend>
${FLAG_REASONS.map((reason) => html`<label class="ck"><input type="radio" name="reason" value="${reason}" required> ${translate(lang, `reader.reason.${reason}`)}</label>`)}</fieldset>
<div class="f"><label for="majlis-flag-note">${translate(lang, 'reader.reportNote')}</label><textarea class="in" id="majlis-flag-note" name="note" dir="auto" rows="2" maxlength="500"></textarea></div>
${options.returnUrl ? html`<input type="hidden" name="threadUrl" value="${options.returnUrl}">` : ''}<input type="hidden" name="lang" value="${lang}">
<button class="pr" type="submit">${translate(lang, 'reader.reportSend')}</button> <a href="${options.cancelHref.replace(/#respond$/, `#comment-${comment.id}`)}">${translate(lang, 'reader.cancel')}</a>
</form>`;
}

function moreRepliesLink(comment: PublicComment, options: ThreadSectionOptions): SafeHtml | '' {
  const more = options.moreRepliesOf?.(comment.id);
  return more ? html`<a class="more" href="${more.href}">${translate(options.lang, 'page.moreReplies', { count: new Intl.NumberFormat(options.lang).format(more.count) })}</a>` : '';
}

/** A signed-in author's badges ("subscriber", the staff's own), from verified claims: what typed names cannot show. */
function badges(comment: PublicComment, lang: Lang): SafeHtml[] {
  return comment.badges.map((badge) => html` <bdi class="bg">${badge === 'staff' ? translate(lang, 'widget.badge.staff') : badge}</bdi>`);
}

function renderComment(comment: PublicComment, options: ThreadSectionOptions): SafeHtml {
  const { lang } = options;
  const link = webLink(comment.authorUrl);
  const name = html`<bdi>${comment.authorName}</bdi>`;
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(comment.createdAt));
  return html`<li id="comment-${comment.id}"><article aria-label="${comment.authorName}">
<div class="hd"><img class="av" src="${new URL(comment.avatar, options.origin).toString()}" alt="" width="36" height="36"><span class="nm">${link ? html`<a href="${link}" rel="nofollow ugc noopener noreferrer">${name}</a>` : name}</span>${badges(comment, lang)} <a class="mt" href="#comment-${comment.id}"><time datetime="${comment.createdAt}">${date}</time></a>${comment.edited ? html` <span class="mt">(${translate(lang, 'widget.edited')})</span>` : ''}${pickBadge(comment, lang)}</div>
${comment.deleted ? html`<p class="bd dl">${translate(lang, 'widget.deleted')}</p>` : bodyHtml(comment.body)}
${reactionForm(comment, options)}
${comment.deleted || options.page.thread.closed || !options.guestsMayPost ? '' : html`<a class="rl" href="${options.replyHref(comment.id)}" aria-label="${translate(lang, 'widget.replyToLabel', { name: comment.authorName })}">${translate(lang, 'widget.reply')}</a>`}
${comment.deleted || !options.reader ? '' : html`<a class="rl" href="${options.reader.reportHref(comment.id)}" aria-label="${translate(lang, 'reader.reportLabel', { name: comment.authorName })}">${translate(lang, 'reader.report')}</a>`}
${options.reader?.reportId === comment.id && !comment.deleted ? reportForm(lang, comment, options) : ''}
</article>${comment.replies.length > 0 ? html`<ol>${comment.replies.map((reply) => renderComment(reply, options))}</ol>` : ''}${comment.parentId === null ? moreRepliesLink(comment, options) : ''}</li>`;
}

function sortLinks(lang: Lang, current: PageSort, reader: NonNullable<ThreadSectionOptions['reader']>): SafeHtml {
  const link = (sort: PageSort) =>
    current === sort ? html`<a href="${reader.sortHref(sort)}" aria-current="true">${translate(lang, `reader.sort.${sort}`)}</a>` : html`<a href="${reader.sortHref(sort)}">${translate(lang, `reader.sort.${sort}`)}</a>`;
  return html`<nav class="sort" aria-label="${translate(lang, 'reader.sort')}">${translate(lang, 'reader.sort')}: ${PAGE_SORTS.map((sort, i) => (i === 0 ? link(sort) : html` · ${link(sort)}`))}</nav>`;
}

function findComment(comments: PublicComment[], id: number): PublicComment | null {
  for (const comment of comments) {
    if (comment.id === id) return comment;
    const found = findComment(comment.replies, id);
    if (found) return found;
  }
  return null;
}

function outcomeNotice(lang: Lang, outcome: Outcome | null): SafeHtml | '' {
  if (!outcome) return '';
  const text =
    outcome === 'approved'
      ? translate(lang, 'comment.approved')
      : outcome === 'pending'
        ? translate(lang, 'comment.pending')
        : translate(lang, 'comment.rejected', { reason: translate(lang, 'reason.generic') });
  const tone = outcome === 'approved' ? 'ok' : outcome === 'pending' ? 'wt' : 'bad';
  return html`<div class="notice ${tone}" role="status"><p>${text}</p></div>`;
}

// The address is a text field with an email keyboard: a browser's type="email" refuses Arabic local parts, which the server accepts (SPEC section 3).
function field(lang: Lang, name: 'authorName' | 'authorEmail' | 'authorUrl', type: string, required: boolean, autocomplete: string): SafeHtml {
  return html`<div class="f"><label for="majlis-${name}">${translate(lang, `form.${name}`)}${required ? html` <span class="rq" aria-hidden="true">*</span>` : ''}</label>
<input class="in" id="majlis-${name}" name="${name}" type="${type}"${name === 'authorEmail' ? html` inputmode="email" spellcheck="false"` : ''} dir="auto" autocomplete="${autocomplete}"${required ? html` required aria-required="true"` : ''}${name === 'authorEmail' ? html` aria-describedby="majlis-note"` : ''}></div>`;
}

/**
 * Where the form's signed render time goes. The section is cached and shared, so the ticket is put in
 * as each reader is served it (withFormTicket). The slot is markup that escaped text can never spell.
 */
const FORM_TICKET_SLOT = new SafeHtml('<!--majlis:form-ticket-->');

/** The rendered section (or a page holding it) with this reader's form ticket in the form's slot. */
export function withFormTicket(rendered: string, ticket: string): string {
  return rendered.replace(FORM_TICKET_SLOT.value, escapeHtml(ticket));
}

function renderForm(options: ThreadSectionOptions): SafeHtml {
  const { lang, page } = options;
  if (page.thread.closed) return html`<p class="nt">${translate(lang, 'thread.closed')}</p>`;
  if (!options.guestsMayPost) return html`<p class="nt">${translate(lang, 'sso.signInRequired')}</p>`;
  const parent = options.replyTo === null ? null : findComment(page.comments, options.replyTo);
  const title = parent
    ? html`${translate(lang, 'widget.replyTo', { name: '\u0000' }).split('\u0000').map((part, i) => (i === 0 ? part : html`<bdi>${parent.authorName}</bdi>${part}`))}`
    : translate(lang, 'widget.leaveReply');
  const action = new URL(`/api/v1/threads/${encodeURIComponent(page.thread.key)}/comments`, options.origin).toString();
  return html`<form id="respond" method="post" action="${action}" aria-labelledby="majlis-reply-title">
<div class="fh"><h3 id="majlis-reply-title">${title}</h3>${parent ? html`<a href="${options.cancelHref}">${translate(lang, 'widget.cancelReply')}</a>` : ''}</div>
<p class="nt" id="majlis-note">${translate(lang, 'widget.emailNote')}</p>
<div class="f"><label for="majlis-body">${translate(lang, 'form.body')} <span class="rq" aria-hidden="true">*</span></label>
<textarea class="in" id="majlis-body" name="body" dir="auto" rows="6" required aria-required="true"></textarea></div>
${field(lang, 'authorName', 'text', true, 'name')}${field(lang, 'authorEmail', 'text', true, 'email')}${field(lang, 'authorUrl', 'url', false, 'url')}
<div class="f"><label class="ck"><input type="checkbox" name="notify" value="on"> <span>${translate(lang, 'reader.notify')}</span></label></div>
<div hidden aria-hidden="true" inert><label>${translate(lang, 'form.honeypot')} <input type="text" name="homepage" tabindex="-1" autocomplete="off"></label></div>
<input type="hidden" name="formTicket" value="${FORM_TICKET_SLOT}">
${parent ? html`<input type="hidden" name="parentId" value="${parent.id}">` : ''}${options.returnUrl ? html`<input type="hidden" name="threadUrl" value="${options.returnUrl}">` : ''}<input type="hidden" name="lang" value="${lang}">
<button class="pr" type="submit">${translate(lang, 'page.send')}</button>
</form>`;
}

/**
 * The thread as plain HTML: approved comments (threaded), Reply links and the form posting to the
 * API. The root carries `data-majlis-thread`, so the widget takes it over when scripts run.
 */
export function renderThreadSection(options: ThreadSectionOptions): SafeHtml {
  const { lang, page } = options;
  const key = page.thread.key;
  return html`<section class="majlis" data-majlis-thread="${key}" data-majlis-lang="${lang}" lang="${lang}" dir="${directionOf(lang)}" aria-labelledby="majlis-title">
<div class="tb"><h2 id="majlis-title">${countText(lang, page.thread.commentCount)}</h2>${options.reader ? sortLinks(lang, options.sort, options.reader) : ''}</div>
${options.allCommentsHref ? html`<p><a class="back" href="${options.allCommentsHref}">${translate(lang, 'page.allComments')}</a></p>` : ''}
${picksSection(page.picks, options)}
${outcomeNotice(lang, options.outcome)}${options.reader?.flagged ? html`<div class="notice ok" role="status"><p>${translate(lang, 'flag.accepted')}</p></div>` : ''}
${page.comments.length > 0 ? html`<ol>${page.comments.map((comment) => renderComment(comment, options))}</ol>` : html`<p class="mt">${translate(lang, 'widget.empty')}</p>`}
${options.moreHref ? html`<a class="more" href="${options.moreHref}">${translate(lang, 'widget.loadMore')}</a>` : ''}
${renderForm(options)}
</section>`;
}
