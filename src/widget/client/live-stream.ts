// Live updates while the reader looks at the thread (loaded after the first page, see live.ts): Server-Sent Events, else polling. New comments
// wait behind an "N new comments" button (announced in the live region) so the text under the
// reader's eyes never moves; edits, removals and counts change in place. Hidden tabs disconnect.
import type { PublicComment, ThreadPage } from './api.js';
import { h } from './dom.js';
import { describeTime } from './time.js';
import { t } from './i18n.js';
import type { ThreadScope } from './plugins.js';

const POLL_MS = 15_000;
const READY_WITHIN_MS = 10_000;
/**
 * How long a new comment waits before the button offers it. The event of the reader's own post can come before the
 * post's answer has put it on screen (the server announces on commit): once there, the button must not offer it too.
 */
const OWN_POST_SETTLES_MS = 1_500;

/** What the live stream needs from the main widget: whether a comment is on screen, and how to show a new reaction count. */
export interface LiveView {
  shown(id: number): boolean;
  showReactionCount(scope: ThreadScope, id: number, count: number): void;
  /** Takes over a comment of this reader's own that joined or left the thread (they see it either way); false for others'. */
  ownCommentMoved(id: number): boolean;
}

/** Starts live updates for a thread; returns the function that stops them. Loaded on demand (embed-extras.js). */
export function startLive(scope: ThreadScope, view: LiveView): () => void {
  const pending = new Map<number, PublicComment>();
  const button = h('button', { type: 'button', class: 'sc nw', hidden: true });
  scope.lead(button);
  const url = (path: string) => new URL(`/api/v1/threads/${encodeURIComponent(scope.key)}/${path}`, scope.base).toString();
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let polling = typeof EventSource === 'undefined';

  const shown = (id: number) => view.shown(id);
  let settling: ReturnType<typeof setTimeout> | undefined;
  const showPending = () => {
    clearTimeout(settling);
    for (const id of pending.keys()) if (shown(id) && pending.delete(id)) view.ownCommentMoved(id);
    button.hidden = pending.size === 0;
    button.textContent = t(scope.lang, 'widget.newComments', { count: pending.size });
    if (pending.size > 0) scope.notify('ok', t(scope.lang, 'widget.newCommentsAnnounce', { count: pending.size }));
  };
  button.addEventListener('click', () => {
    // Parents before replies: ids grow with time.
    const comments = [...pending.values()].sort((a, b) => a.id - b.id);
    for (const comment of comments) if (!shown(comment.id)) scope.insert(comment, true);
    pending.clear();
    showPending();
    // The button is gone: the reader goes on from the first new comment.
    (button.getRootNode() as ParentNode).querySelector<HTMLElement>(`#comment-${comments[0]?.id}>article`)?.focus();
  });
  const handlers: Record<string, (data: never) => void> = {
    'comment.created': (comment: PublicComment) => {
      if (shown(comment.id)) return void view.ownCommentMoved(comment.id);
      pending.set(comment.id, { ...comment, replies: [] });
      clearTimeout(settling);
      settling = setTimeout(showPending, OWN_POST_SETTLES_MS);
    },
    'comment.updated': (comment: PublicComment) => {
      if (pending.has(comment.id)) pending.set(comment.id, comment);
      else if (shown(comment.id)) scope.redraw(comment);
    },
    'comment.removed': (comment: PublicComment) => {
      if (pending.delete(comment.id)) showPending();
      else if (comment.deleted || !view.ownCommentMoved(comment.id)) scope.remove(comment.id, true, !comment.deleted);
    },
    reactions: ({ id, reactions }: { id: number; reactions: number }) => view.showReactionCount(scope, id, reactions),
  };

  /** Reads the newest comments and treats them as events: counts of shown ones, the rest as new. */
  const poll = async () => {
    try {
      const response = await fetch(`${url('comments')}?sort=newest&limit=20`, { credentials: 'omit' });
      const walk = (comments: PublicComment[]): void =>
        comments.forEach((comment) => {
          if (shown(comment.id)) handlers.reactions!(comment as never);
          else handlers['comment.created']!(comment as never);
          walk(comment.replies);
        });
      if (response.ok) walk(((await response.json()) as ThreadPage).comments);
    } catch {
      // Offline for a moment: the next poll tries again.
    }
  };

  const stop = () => {
    source?.close();
    source = null;
    clearTimeout(timer);
    clearTimeout(settling);
  };
  const startPolling = () => {
    polling = true;
    stop();
    const next = () => (timer = setTimeout(() => void poll().then(next), POLL_MS));
    next();
  };
  const connect = () => {
    if (document.visibilityState !== 'visible') return;
    if (polling) return startPolling();
    const stream = new EventSource(url('events'));
    source = stream;
    let ready = false;
    // A proxy that buffers the stream never lets `ready` through: poll instead.
    timer = setTimeout(() => ready || startPolling(), READY_WITHIN_MS);
    stream.addEventListener('ready', () => (ready = true));
    for (const [type, handle] of Object.entries(handlers)) {
      stream.addEventListener(type, (event) => {
        try {
          handle(JSON.parse((event as MessageEvent<string>).data) as never);
        } catch {
          // An event we cannot read changes nothing.
        }
      });
    }
    // Refused (503: the server is at its cap) or never opened: poll. Otherwise EventSource reconnects by itself.
    stream.addEventListener('error', () => (!ready || stream.readyState === EventSource.CLOSED) && startPolling());
  };
  const onVisibility = () => {
    stop();
    // Back in view: catch up on what happened while away, then listen again.
    if (document.visibilityState === 'visible') void poll().then(connect);
  };
  document.addEventListener('visibilitychange', onVisibility);
  connect();
  // "5 minutes ago" ages with the open page: every date is told again each minute.
  const ageing = setInterval(() => {
    for (const time of (button.getRootNode() as ParentNode).querySelectorAll('time')) time.textContent = describeTime(scope.locale, time.dateTime, Date.now()).text;
  }, 60_000);
  return () => {
    stop();
    clearInterval(ageing);
    document.removeEventListener('visibilitychange', onVisibility);
    button.remove();
  };
}
