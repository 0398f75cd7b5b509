// Live updates while the reader looks at the thread: Server-Sent Events, else ETag polling.
// New comments wait behind an "N new comments" button (announced in the live region) so the text
// under the reader's eyes never moves; edits, removals and counts change in place.
import type { PublicComment, ThreadPage } from './api.js';
import { h } from './dom.js';
import { t, type Lang } from './i18n.js';

/** The parts of the thread view live updates work on. */
export interface LiveTarget {
  base: string;
  key: string;
  lang: Lang;
  /** Where comments are rendered: items carry `data-id`. */
  root: HTMLElement;
  /** The polite live region of the thread. */
  region: HTMLElement;
  /** Places a comment in the thread (the view's own insert). */
  insert(comment: PublicComment): void;
  /** Replaces a shown comment by its new state, or drops it when `null`. */
  replace(id: number, comment: PublicComment | null): void;
  /** Shows a comment's new reaction count. */
  reactions(id: number, count: number): void;
}

const POLL_MS = 15_000;
const READY_WITHIN_MS = 10_000;
const IDLE_AFTER_MS = 10 * 60_000;

/** Starts live updates for a thread; returns the function that stops them. */
export function startLive(target: LiveTarget): () => void {
  const pending = new Map<number, PublicComment>();
  const button = h('button', { type: 'button', class: 'sc nw', hidden: true }, t(target.lang, 'widget.newComments', { count: 0 }));
  target.root.before(button);
  let source: EventSource | null = null;
  let pollTimer: ReturnType<typeof setInterval> | null = null;
  let readyTimer: ReturnType<typeof setTimeout> | null = null;
  let polling = false;
  let etag: string | null = null;
  let lastInput = Date.now();

  const shown = (id: number) => target.root.querySelector(`li[data-id="${id}"]`) !== null;

  const showPending = () => {
    button.hidden = pending.size === 0;
    button.textContent = t(target.lang, 'widget.newComments', { count: pending.size });
    if (pending.size > 0) target.region.replaceChildren(h('p', { class: 'sr' }, t(target.lang, 'widget.newCommentsAnnounce', { count: pending.size })));
  };

  button.addEventListener('click', () => {
    // Parents before replies: ids grow with time.
    for (const comment of [...pending.values()].sort((a, b) => a.id - b.id)) if (!shown(comment.id)) target.insert(comment);
    pending.clear();
    showPending();
  });

  const created = (comment: PublicComment) => {
    if (shown(comment.id)) return;
    pending.set(comment.id, comment);
    showPending();
  };
  const updated = (comment: PublicComment) => {
    if (pending.has(comment.id)) pending.set(comment.id, comment);
    else if (shown(comment.id)) target.replace(comment.id, comment);
  };
  const removed = (comment: PublicComment) => {
    if (pending.delete(comment.id)) showPending();
    else target.replace(comment.id, null);
  };

  const stopStream = () => {
    source?.close();
    source = null;
    if (readyTimer) clearTimeout(readyTimer);
    readyTimer = null;
  };
  const stopPolling = () => {
    if (pollTimer) clearInterval(pollTimer);
    pollTimer = null;
  };

  /** Reads the newest comments if they changed (If-None-Match) and treats them as events. */
  const poll = async () => {
    const url = new URL(`/api/v1/threads/${encodeURIComponent(target.key)}/comments`, target.base);
    url.searchParams.set('sort', 'newest');
    url.searchParams.set('limit', '20');
    try {
      const response = await fetch(url.toString(), { headers: { Accept: 'application/json', ...(etag ? { 'If-None-Match': etag } : {}) }, credentials: 'omit' });
      if (response.status !== 200) return;
      etag = response.headers.get('ETag');
      const page = (await response.json()) as ThreadPage;
      const walk = (comments: PublicComment[]) => {
        for (const comment of comments) {
          if (shown(comment.id)) target.reactions(comment.id, comment.reactions);
          else created({ ...comment, replies: [] });
          walk(comment.replies);
        }
      };
      walk(page.comments);
    } catch {
      // Offline for a moment: the next poll tries again.
    }
  };

  const startPolling = () => {
    polling = true;
    stopStream();
    if (!pollTimer) pollTimer = setInterval(() => void poll(), POLL_MS);
  };

  const connect = () => {
    if (source || pollTimer || document.visibilityState !== 'visible') return;
    if (polling || typeof EventSource === 'undefined') return startPolling();
    const stream = new EventSource(new URL(`/api/v1/threads/${encodeURIComponent(target.key)}/events`, target.base).toString());
    source = stream;
    let ready = false;
    // A proxy that buffers the stream never lets `ready` through: poll instead.
    readyTimer = setTimeout(() => {
      if (!ready) startPolling();
    }, READY_WITHIN_MS);
    stream.addEventListener('ready', () => {
      ready = true;
    });
    const on = (type: string, handle: (data: unknown) => void) =>
      stream.addEventListener(type, (event) => {
        try {
          handle(JSON.parse((event as MessageEvent<string>).data));
        } catch {
          // An event we cannot read changes nothing.
        }
      });
    on('comment.created', (data) => created(data as PublicComment));
    on('comment.updated', (data) => updated(data as PublicComment));
    on('comment.removed', (data) => removed(data as PublicComment));
    on('reactions', (data) => {
      const { id, reactions } = data as { id: number; reactions: number };
      target.reactions(id, reactions);
    });
    // Refused (503: the server is at its cap) or never opened: poll. Otherwise EventSource reconnects by itself.
    stream.addEventListener('error', () => {
      if (!ready || stream.readyState === EventSource.CLOSED) startPolling();
    });
  };

  const disconnect = () => {
    stopStream();
    stopPolling();
  };

  const onVisibility = () => {
    if (document.visibilityState === 'visible') {
      // Catch up on what happened while away, then listen again.
      void poll();
      connect();
    } else {
      disconnect();
    }
  };
  const onInput = () => {
    const wasIdle = Date.now() - lastInput > IDLE_AFTER_MS;
    lastInput = Date.now();
    if (wasIdle) onVisibility();
  };
  const idleCheck = setInterval(() => {
    if (Date.now() - lastInput > IDLE_AFTER_MS) disconnect();
  }, 60_000);
  const inputs = ['pointerdown', 'keydown', 'scroll', 'touchstart'] as const;
  document.addEventListener('visibilitychange', onVisibility);
  for (const name of inputs) window.addEventListener(name, onInput, { passive: true });
  connect();

  return () => {
    disconnect();
    clearInterval(idleCheck);
    document.removeEventListener('visibilitychange', onVisibility);
    for (const name of inputs) window.removeEventListener(name, onInput);
    button.remove();
  };
}

/** Puts a comment's new state in place of every copy shown (its replies stay), or removes them. */
export function replaceShown(root: ParentNode, id: number, item: HTMLLIElement | null): void {
  for (const old of root.querySelectorAll(`li[data-id="${id}"]`)) {
    const article = item?.querySelector(':scope > article');
    if (article) old.querySelector(':scope > article')?.replaceWith(article.cloneNode(true));
    else old.remove();
  }
}
