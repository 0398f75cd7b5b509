import { fetchThread, postComment, type CommentDraft, type PostResult, type PublicComment, type SortOrder } from './api.js';
import { renderComment, renderList, revealComment, type CommentContext } from './comments.js';
import { h } from './dom.js';
import { ReplyForm, type Submission } from './form.js';
import { countLabel, languageOf, t, type Lang } from './i18n.js';
import { widgetPlugins, type ThreadScope, type Tone } from './plugins.js';
import { loadCommenterKey, saveCommenterKey, saveDetails } from './storage.js';
import { applyStyles } from './styles.js';
import { resolveTheme } from './theme.js';

const THREAD_KEY = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;
// A permalink beyond the first page loads the following pages until it is found, within reason.
const PERMALINK_PAGES = 40;

/** An outcome carried back by the no-JavaScript form (`#majlis-status=pending&majlis-comment=12`). */
export interface Outcome {
  status: 'approved' | 'pending' | 'rejected';
}

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
  for (const name of ['majlis-status', 'majlis-comment', 'replyto', 'report', 'sort', 'majlis-flag']) url.searchParams.delete(name);
  const text = url.toString();
  return /^https?:/.test(text) && text.length <= 2000 ? text : undefined;
}

/** The id a `#comment-<id>` address names, if it names one. */
function permalinkId(): number | null {
  const match = /^#comment-(\d{1,15})$/.exec(location.hash);
  return match ? Number(match[1]) : null;
}

/**
 * One thread inside the host's shadow root: heading with the count, sort order, comments,
 * "load more", the form and the outcome of posting. Server-rendered markup in the host stays shown
 * (through a slot) until the live view is ready, then the live view takes its place: no flash.
 * Everything beyond reading and posting comes from plugins (see plugins.ts).
 */
export class ThreadView implements ThreadScope {
  readonly lang: Lang;
  readonly locale: string;
  private readonly root: ShadowRoot;
  private readonly section: HTMLElement;
  private readonly live: HTMLDivElement;
  private readonly heading: HTMLHeadingElement;
  private readonly body: HTMLDivElement;
  private list: HTMLOListElement = h('ol');
  private readonly more: HTMLButtonElement;
  private readonly sortSelect: HTMLSelectElement;
  private readonly formSlot = h('div');
  private form: ReplyForm | null = null;
  private cursor: string | null = null;
  private sort: SortOrder = 'oldest';
  private count = 0;
  private following = false;
  private readonly context: CommentContext;

  constructor(
    readonly host: HTMLElement,
    readonly base: string,
    readonly key: string,
  ) {
    const tag = host.dataset.majlisLang || host.closest('[lang]')?.getAttribute('lang') || document.documentElement.lang;
    ({ lang: this.lang, locale: this.locale } = languageOf(tag, host.dataset.majlisDigits));
    this.root = attachRoot(host);
    const headingId = `majlis-h-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    this.heading = h('h2', { id: headingId }, t(this.lang, 'widget.heading'));
    this.live = h('div', { class: 'no', role: 'status', 'aria-live': 'polite' });
    this.body = h('div', { 'aria-busy': 'true' }, h('p', { class: 'mt' }, t(this.lang, 'widget.loading')));
    this.more = h('button', { type: 'button', class: 'sc', hidden: true }, t(this.lang, 'widget.loadMore'));
    // The reader goes on from the first comment it brought: the button is gone after the last page.
    this.more.addEventListener('click', () => {
      const first = this.list.children.length;
      void this.loadMore().then(() => this.list.children[first]?.querySelector<HTMLElement>('article')?.focus());
    });
    this.sortSelect = this.renderSort(headingId);
    this.context = {
      scope: this,
      canReply: true,
      now: () => Date.now(),
      onReply: (comment, item) => this.form?.replyTo(comment.id, comment.authorName, item),
      decorate: (rendered) => widgetPlugins().forEach((plugin) => plugin.decorate?.(rendered, this)),
    };
    this.section = h(
      'section',
      { class: 'm', lang: this.lang, dir: this.lang === 'ar' ? 'rtl' : 'ltr', 'aria-labelledby': headingId },
      h('div', { class: 'tb' }, this.heading, this.sortSelect.parentElement),
      this.live,
      this.body,
      this.more,
      this.formSlot,
    );
    const follow = () => this.applyTheme();
    follow();
    matchMedia('(prefers-color-scheme: dark)').addEventListener?.('change', follow);
    // A site's own dark-mode switch (a class, a style or a data attribute on <html> or <body>) changes what is under the thread.
    const hostPage = new MutationObserver(follow);
    for (const node of [document.documentElement, document.body]) if (node) hostPage.observe(node, { attributes: true });
    // Server-rendered comments stay on screen until the live ones are ready to replace them.
    if (host.children.length > 0) this.root.replaceChildren(h('slot'));
    else this.show();
  }

  private show(): void {
    if (this.section.isConnected) return;
    this.root.replaceChildren(this.section);
    applyStyles(this.root);
  }

  private applyTheme(): void {
    this.section.classList.toggle('dk', resolveTheme(this.host) === 'dark');
  }

  private renderSort(headingId: string): HTMLSelectElement {
    const id = `${headingId}-sort`;
    const select = h(
      'select',
      { id },
      ...(['oldest', 'newest', 'best'] as const).map((order) => h('option', { value: order }, t(this.lang, `reader.sort.${order}`))),
    );
    select.addEventListener('change', () => {
      this.sort = select.value as SortOrder;
      void this.readFirstPage().catch(() => this.notify('bad', t(this.lang, 'widget.loadFailed')));
    });
    h('div', {}, h('label', { for: id }, t(this.lang, 'reader.sort')), select);
    return select;
  }

  /** Reads the first page and shows the form, or says the thread could not be loaded. */
  async load(outcome: Outcome | null): Promise<void> {
    try {
      const closed = await this.readFirstPage();
      this.show();
      if (closed) {
        this.formSlot.replaceChildren(h('p', { class: 'nt' }, t(this.lang, 'thread.closed')));
      } else {
        const extras = widgetPlugins().map((plugin) => plugin.formFields?.(this) ?? null).filter((node): node is Node => node !== null);
        this.form = new ReplyForm(this.lang, (submission) => void this.submit(submission), extras);
        // Every try starts afresh: the notice of the last post is not left beside this one's field errors.
        this.form.element.addEventListener('submit', () => this.live.replaceChildren());
        this.formSlot.replaceChildren(this.form.element);
      }
      if (outcome) this.notify(outcome.status === 'approved' ? 'ok' : outcome.status === 'pending' ? 'wt' : 'bad', this.outcomeText(outcome));
      await this.openPermalink(true);
      if (!this.following) addEventListener('hashchange', () => void this.openPermalink(false));
      this.following = true;
    } catch {
      if (this.host.children.length > 0 && !this.section.isConnected) return; // the server's markup stays, and works
      this.show();
      const retry = h('button', { type: 'button', class: 'sc' }, t(this.lang, 'widget.retry'));
      retry.addEventListener('click', () => void this.load(outcome));
      this.body.replaceChildren(h('p', { role: 'alert' }, t(this.lang, 'widget.loadFailed')), retry);
    }
  }

  /** Draws the first page in the chosen order, then lets plugins add what they know; says whether the thread is closed. */
  private async readFirstPage(): Promise<boolean> {
    const page = await fetchThread(this.base, this.key, null, this.lang, this.sort);
    this.count = page.thread.commentCount;
    this.cursor = page.nextCursor;
    this.context.canReply = !page.thread.closed;
    this.list = renderList(page.comments, this.context);
    this.body.replaceChildren(page.comments.length > 0 ? this.list : h('p', { class: 'mt' }, t(this.lang, 'widget.empty')));
    this.body.removeAttribute('aria-busy');
    this.updateCount();
    this.more.hidden = this.cursor === null;
    for (const plugin of widgetPlugins()) await plugin.afterLoad?.(this, page);
    return page.thread.closed;
  }

  private outcomeText(outcome: Outcome): string {
    if (outcome.status === 'approved') return t(this.lang, 'comment.approved');
    if (outcome.status === 'pending') return t(this.lang, 'comment.pending');
    return t(this.lang, 'comment.rejected', { reason: t(this.lang, 'reason.generic') });
  }

  private updateCount(): void {
    this.heading.textContent = this.count > 0 ? countLabel(this.lang, this.count, this.locale) : t(this.lang, 'widget.heading');
  }

  /** Appends the next page; returns the id of its last top-level comment. */
  private async loadMore(): Promise<number | null> {
    if (!this.cursor) return null;
    this.more.disabled = true;
    try {
      const page = await fetchThread(this.base, this.key, this.cursor, this.lang, this.sort);
      // The reader's own post of a moment ago is on screen already.
      for (const comment of page.comments) if (!this.find(comment.id)) this.list.appendChild(renderComment(comment, this.context));
      this.cursor = page.nextCursor;
      this.more.hidden = this.cursor === null;
      return page.comments.at(-1)?.id ?? null;
    } catch {
      this.notify('bad', t(this.lang, 'widget.loadFailed'));
      this.cursor = null;
      return null;
    } finally {
      this.more.disabled = false;
    }
  }

  private find(id: number): HTMLElement | null {
    // In the section, not the shadow root: plugins draw the first page (an author's own comments) before it is
    // shown where the server's markup stood.
    return this.section.querySelector<HTMLElement>(`#comment-${id}`);
  }

  /** Opens the thread at `#comment-<id>`, loading later pages when it lies beyond the first, and highlights it. */
  private async openPermalink(first: boolean): Promise<void> {
    const id = permalinkId();
    if (id === null) return;
    let target = this.find(id);
    for (let pages = 0; !target && this.cursor && pages < PERMALINK_PAGES; pages += 1) {
      const lastRoot = await this.loadMore();
      // Oldest first: a reply is newer than its top-level comment, so once past the id it is not here.
      if (lastRoot === null || (this.sort === 'oldest' && lastRoot > id)) break;
      target = this.find(id);
    }
    target = this.find(id);
    if (!target) {
      if (first && document.querySelectorAll('[data-majlis-thread]').length === 1) this.notify('bad', t(this.lang, 'reader.notFound'));
      return;
    }
    revealComment(target);
    this.root.querySelectorAll('li.hl').forEach((item) => item.classList.remove('hl'));
    target.classList.add('hl');
    target.scrollIntoView({ block: 'center' });
    target.querySelector('article')?.focus({ preventScroll: true });
  }

  lead(node: Node): void {
    this.body.prepend(node);
  }

  /** Shows a notice in the live region, so screen readers announce it too. */
  notify(tone: Tone, message: string, focus = false): void {
    const notice = h('div', { class: tone, tabindex: '-1' }, h('p', {}, message));
    this.live.replaceChildren(notice);
    if (focus) notice.focus();
  }

  redraw(comment: PublicComment): void {
    const old = this.find(comment.id);
    // A reader filling in a form on this comment (an edit, a report) keeps what they typed: a live change to it
    // (a moderator's pick, a late event of their own post) shows at the next load instead.
    if (!old || old.querySelector(':scope>article form')) return;
    const fresh = renderComment({ ...comment, replies: [] }, this.context);
    for (const child of Array.from(old.children)) if (child.tagName !== 'ARTICLE') fresh.appendChild(child);
    // The highlight of an opened permalink stays; the pending mark is the new drawing's to give.
    fresh.classList.toggle('hl', old.classList.contains('hl'));
    // So does the keyboard's place: a reply just posted, or the Edit button an edit form gave the focus back to, when a
    // late event redraws it. The old drawing now holds only its article, the first child of the new one (the rest moved
    // over); a pick's badge adds no link or button.
    const places = 'article,a,button';
    const at = Array.from(old.querySelectorAll(places)).indexOf((old.getRootNode() as ShadowRoot).activeElement!);
    old.replaceWith(fresh);
    if (at >= 0) (fresh.querySelectorAll(places)[at] as HTMLElement).focus();
  }

  remove(id: number, counted: boolean, withReplies = false): void {
    const item = this.find(id);
    const body = item?.querySelector(':scope>article')?.querySelector('.bd');
    // Already gone, or already a placeholder (the author's own delete, then the live stream's): counted once.
    if (!item || body?.classList.contains('dl')) return;
    // Replies stay under a deleted comment's placeholder; a comment readers no longer see (rejected, held) takes them along.
    const comments = withReplies ? [item, ...Array.from(item.querySelectorAll('li')).filter((li) => li.querySelector(':scope>article'))] : [item];
    // Placeholders of deleted replies were not in the count.
    const gone = comments.filter((li) => !li.querySelector(':scope>article .bd.dl')).length;
    if (!withReplies && item.querySelector(':scope>ol>li')) {
      body?.replaceWith(h('p', { class: 'bd dl' }, t(this.lang, 'widget.deleted')));
      item.querySelector(':scope>article>.ac')?.replaceChildren();
    } else {
      item.remove();
    }
    if (counted) this.count = Math.max(0, this.count - gone);
    this.updateCount();
  }

  private async submit(submission: Submission): Promise<void> {
    const form = this.form;
    if (!form) return;
    const { values } = submission;
    form.setBusy(true);
    let result: PostResult;
    try {
      const draft: CommentDraft = {
        body: values.body,
        authorName: values.authorName,
        authorEmail: values.authorEmail,
        ...(values.authorUrl.trim() ? { authorUrl: values.authorUrl } : {}),
        ...(submission.parentId !== undefined ? { parentId: submission.parentId } : {}),
        ...(pageUrl() ? { threadUrl: pageUrl() } : {}),
        ...(document.title ? { threadTitle: document.title } : {}),
        ...(loadCommenterKey() ? { commenterKey: loadCommenterKey() } : {}),
        ...(submission.notify ? { notify: true } : {}),
        lang: this.lang,
      };
      for (const plugin of widgetPlugins()) if ((await plugin.beforeSubmit?.(draft, this)) === false) return;
      result = await postComment(this.base, this.key, draft);
      for (const plugin of widgetPlugins()) {
        const again = result.kind === 'created' ? null : await plugin.retry?.(result, draft, this);
        if (again) result = await postComment(this.base, this.key, again);
      }
    } finally {
      form.setBusy(false);
    }
    await this.handle(form, submission, result);
  }

  private async handle(form: ReplyForm, submission: Submission, result: PostResult): Promise<void> {
    // A refusal that names no field of the form takes the focus to its notice: the button the reader pressed was disabled while
    // the post was on its way, which left the focus on the page's body, at its start.
    if (result.kind === 'network') return this.notify('bad', t(this.lang, 'widget.networkError'), true);
    if (result.kind === 'problem') {
      const own = result.errors.filter((e) => form.hasField(e.field));
      const other = result.errors.filter((e) => !form.hasField(e.field));
      if (other.some((e) => e.field === 'commenterKey')) saveCommenterKey(undefined);
      form.showErrors(own.map((e) => ({ field: e.field as 'body', message: e.message })));
      if (own.length === 0 || other.length > 0) this.notify('bad', other.length > 0 ? other.map((e) => e.message).join(' ') : result.detail, own.length === 0);
      return;
    }
    if (result.commenterKey) saveCommenterKey(result.commenterKey);
    const { authorName: name, authorEmail: email, authorUrl: url } = submission.values;
    saveDetails(submission.remember ? { authorName: name.trim(), authorEmail: email.trim(), authorUrl: url.trim() } : null);
    for (const plugin of widgetPlugins()) await plugin.afterPost?.({ status: result.status, comment: result.comment, editToken: result.editToken }, this);
    if (result.status === 'rejected') return this.notify('bad', result.message, true);
    form.clearBody();
    form.cancelReply();
    this.insert(result.comment, result.status === 'approved');
    // A reply, perhaps deep in a long thread, keeps the reader beside it; the notice at the top is still announced.
    const reply = submission.parentId !== undefined;
    this.notify(result.status === 'approved' ? 'ok' : 'wt', result.message, !reply);
    if (reply) this.find(result.comment.id)?.querySelector<HTMLElement>('article')?.focus();
  }

  /** Puts a comment where it belongs: under its parent, or at the start or end of the thread by the sort order. */
  insert(comment: PublicComment, counted: boolean): void {
    if (this.find(comment.id)) return this.redraw(comment);
    const item = renderComment(comment, this.context);
    const parent = comment.parentId === null ? null : this.find(comment.parentId);
    if (parent) {
      const replies = parent.querySelector(':scope>ol') ?? parent.insertBefore(h('ol'), parent.querySelector(':scope>.mr'));
      replies.appendChild(item);
    } else {
      if (!this.list.isConnected) this.body.replaceChildren(this.list);
      if (this.sort === 'newest') this.list.prepend(item);
      else this.list.appendChild(item);
    }
    if (!counted) return;
    this.count += 1;
    this.updateCount();
  }
}

/** True for a key the API accepts (SPEC section 2). */
export function isThreadKey(key: string): boolean {
  return THREAD_KEY.test(key);
}
