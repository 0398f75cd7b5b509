import { fetchThread, postComment, type PostResult, type PublicComment } from './api.js';
import { renderComment, authorName, renderList, type CommentContext } from './comments.js';
import { h } from './dom.js';
import { ReplyForm, type Submission } from './form.js';
import { countLabel, pickLang, t, type Lang } from './i18n.js';
import { loadCommenterKey, saveCommenterKey, saveDetails } from './storage.js';
import { applyStyles } from './styles.js';
import { replaceShown, startLive } from './live.js';
import { renderPicks } from './picks.js';
import { showReactionCount } from './reactions.js';

const THREAD_KEY = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;

/** An outcome carried back by the no-JavaScript form (`#majlis-status=pending&majlis-comment=12`). */
export interface Outcome {
  status: 'approved' | 'pending' | 'rejected';
}

type Tone = 'ok' | 'wt' | 'bad';

function attachRoot(host: HTMLElement): ShadowRoot {
  if (host.shadowRoot) return host.shadowRoot;
  try {
    return host.attachShadow({ mode: 'open' });
  } catch {
    // Some elements cannot host a shadow root; render into a child of our own instead.
    const inner = document.createElement('div');
    host.replaceChildren(inner);
    return inner.attachShadow({ mode: 'open' });
  }
}

function pageUrl(): string | undefined {
  const url = new URL(location.href);
  url.hash = '';
  for (const name of ['majlis-status', 'majlis-comment', 'replyto']) url.searchParams.delete(name);
  const text = url.toString();
  return /^https?:/.test(text) && text.length <= 2000 ? text : undefined;
}

/**
 * Renders one thread inside the host's shadow root: comments, "load more", the form, and the
 * outcome of posting. Server-rendered markup in the host stays in the light DOM for crawlers but is
 * no longer shown once the shadow root exists: the live view takes it over.
 */
export class ThreadView {
  private readonly lang: Lang;
  private readonly live: HTMLDivElement;
  private readonly heading: HTMLHeadingElement;
  private readonly body: HTMLDivElement;
  private list: HTMLOListElement = h('ol');
  private readonly more: HTMLButtonElement;
  private readonly formSlot = h('div');
  private form: ReplyForm | null = null;
  private cursor: string | null = null;
  private count = 0;
  private readonly context: CommentContext;
  private stopLive: (() => void) | null = null;

  constructor(host: HTMLElement, private readonly base: string, private readonly key: string) {
    this.lang = pickLang(host.dataset.majlisLang, host.closest('[lang]')?.getAttribute('lang'), document.documentElement.lang);
    const root = attachRoot(host);
    applyStyles(root);
    const headingId = `majlis-h-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    this.heading = h('h2', { id: headingId }, t(this.lang, 'widget.heading'));
    this.live = h('div', { class: 'no', role: 'status', 'aria-live': 'polite' });
    this.body = h('div', { 'aria-busy': 'true' }, h('p', { class: 'mt' }, t(this.lang, 'widget.loading')));
    this.more = h('button', { type: 'button', class: 'sc', hidden: true }, t(this.lang, 'widget.loadMore'));
    this.more.addEventListener('click', () => void this.loadMore());
    this.context = {
      base,
      lang: this.lang,
      reactionLabel: host.dataset.majlisReactionLabel,
      canReply: true,
      onReply: (comment, item) => this.form?.replyTo(comment.id, comment.authorName, item),
    };
    root.replaceChildren(
      h('section', { class: 'm', lang: this.lang, dir: this.lang === 'ar' ? 'rtl' : 'ltr', 'aria-labelledby': headingId }, this.heading, this.live, this.body, this.more, this.formSlot),
    );
  }

  /** Reads the first page and shows the form, or says the thread could not be loaded. */
  async load(outcome: Outcome | null): Promise<void> {
    try {
      const page = await fetchThread(this.base, this.key, null, this.lang);
      this.count = page.thread.commentCount;
      this.cursor = page.nextCursor;
      this.context.canReply = !page.thread.closed;
      this.list = renderList(page.comments, this.context);
      const picks = renderPicks(page.picks, this.context);
      this.body.replaceChildren(...(picks ? [picks] : []), page.comments.length > 0 ? this.list : h('p', { class: 'mt' }, t(this.lang, 'widget.empty')));
      this.followLive();
      this.body.removeAttribute('aria-busy');
      this.updateCount();
      this.more.hidden = this.cursor === null;
      if (page.thread.closed) {
        this.formSlot.replaceChildren(h('p', { class: 'nt' }, t(this.lang, 'thread.closed')));
      } else {
        this.form = new ReplyForm(this.lang, (submission) => void this.submit(submission));
        this.formSlot.replaceChildren(this.form.element);
      }
      if (outcome) this.notify(outcome.status === 'approved' ? 'ok' : outcome.status === 'pending' ? 'wt' : 'bad', this.outcomeText(outcome));
    } catch {
      const retry = h('button', { type: 'button', class: 'sc' }, t(this.lang, 'widget.retry'));
      retry.addEventListener('click', () => void this.load(outcome));
      this.body.replaceChildren(h('p', { role: 'alert' }, t(this.lang, 'widget.loadFailed')), retry);
    }
  }

  /** New comments, edits, removals and counts while the reader is here (src/widget/client/live.ts). */
  private followLive(): void {
    this.stopLive?.();
    this.stopLive = startLive({
      base: this.base,
      key: this.key,
      lang: this.lang,
      root: this.body,
      region: this.live,
      insert: (comment) => this.insert(comment),
      replace: (id, comment) => replaceShown(this.body, id, comment && renderComment(comment, this.context)),
      reactions: (id, count) => showReactionCount(this.body, this.context, id, count),
    });
  }

  private outcomeText(outcome: Outcome): string {
    if (outcome.status === 'approved') return t(this.lang, 'comment.approved');
    if (outcome.status === 'pending') return t(this.lang, 'comment.pending');
    return t(this.lang, 'comment.rejected', { reason: t(this.lang, 'reason.generic') });
  }

  private updateCount(): void {
    this.heading.textContent = this.count > 0 ? countLabel(this.lang, this.count) : t(this.lang, 'widget.heading');
  }

  private async loadMore(): Promise<void> {
    if (!this.cursor) return;
    this.more.disabled = true;
    try {
      const page = await fetchThread(this.base, this.key, this.cursor, this.lang);
      for (const comment of page.comments) this.list.appendChild(renderComment(comment, this.context));
      this.cursor = page.nextCursor;
      this.more.hidden = this.cursor === null;
    } catch {
      this.notify('bad', t(this.lang, 'widget.loadFailed'));
    } finally {
      this.more.disabled = false;
    }
  }

  /** Shows a notice in the live region, so screen readers announce it too. */
  private notify(tone: Tone, message: string, own?: PublicComment): void {
    const notice = h('div', { class: tone }, h('p', {}, message));
    if (own) notice.appendChild(h('blockquote', { class: 'ow' }, authorName(own), h('p', { dir: 'auto' }, own.body)));
    this.live.replaceChildren(notice);
  }

  private async submit(submission: Submission): Promise<void> {
    const form = this.form;
    if (!form) return;
    const { values } = submission;
    form.setBusy(true);
    this.live.replaceChildren();
    let result: PostResult;
    try {
      result = await postComment(this.base, this.key, {
        body: values.body,
        authorName: values.authorName,
        authorEmail: values.authorEmail,
        ...(values.authorUrl.trim() ? { authorUrl: values.authorUrl } : {}),
        ...(submission.parentId !== undefined ? { parentId: submission.parentId } : {}),
        ...(pageUrl() ? { threadUrl: pageUrl() } : {}),
        ...(document.title ? { threadTitle: document.title.slice(0, 300) } : {}),
        ...(loadCommenterKey() ? { commenterKey: loadCommenterKey() } : {}),
        lang: this.lang,
      });
    } finally {
      form.setBusy(false);
    }
    this.handle(form, submission, result);
  }

  private handle(form: ReplyForm, submission: Submission, result: PostResult): void {
    if (result.kind === 'network') return this.notify('bad', t(this.lang, 'widget.networkError'));
    if (result.kind === 'problem') {
      const own = result.errors.filter((e) => form.hasField(e.field));
      const other = result.errors.filter((e) => !form.hasField(e.field));
      if (other.some((e) => e.field === 'commenterKey')) saveCommenterKey(undefined);
      form.showErrors(own.map((e) => ({ field: e.field as 'body', message: e.message })));
      if (own.length === 0 || other.length > 0) this.notify('bad', other.length > 0 ? other.map((e) => e.message).join(' ') : result.detail);
      return;
    }
    if (result.commenterKey) saveCommenterKey(result.commenterKey);
    const { authorName: name, authorEmail: email, authorUrl: url } = submission.values;
    saveDetails(submission.remember ? { authorName: name.trim(), authorEmail: email.trim(), authorUrl: url.trim() } : null);
    if (result.status === 'rejected') return this.notify('bad', result.message);
    form.clearBody();
    form.cancelReply();
    if (result.status === 'pending') return this.notify('wt', result.message, result.comment);
    this.insert(result.comment);
    this.notify('ok', result.message);
  }

  /** Puts a just-approved comment where it belongs: under its parent, or at the end of the thread. */
  private insert(comment: PublicComment): void {
    const item = renderComment(comment, this.context);
    const parent = comment.parentId === null ? null : this.list.querySelector(`li[data-id="${comment.parentId}"]`);
    if (parent) {
      const replies = parent.querySelector(':scope > ol') ?? parent.appendChild(h('ol'));
      replies.appendChild(item);
    } else {
      if (!this.list.isConnected) this.body.replaceChildren(this.list);
      this.list.appendChild(item);
    }
    this.count += 1;
    this.updateCount();
  }
}

/** True for a key the API accepts (SPEC section 2). */
export function isThreadKey(key: string): boolean {
  return THREAD_KEY.test(key);
}
