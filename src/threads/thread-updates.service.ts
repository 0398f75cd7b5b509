// Everything other features do to threads: create or describe one, open or close it, and say that
// what readers see has changed. Cached pages are dropped only here.
import type { DbClient } from '../db/client.js';
import type { Thread } from '../db/models.js';
import type { LiveEvent } from '../live/live-event.js';
import type { LiveHub } from '../live/live-hub.js';
import type { ThreadReadCache } from './thread-cache.js';
import { upsertThreadClosed } from './thread.repository.js';

// What other features read and write of a thread row, as the repository does it.
export { ensureThread, findThreadById, findThreadByKey } from './thread.repository.js';

/** The cached pages of one thread no longer show what readers should see: they are rendered afresh on the next read. */
export async function threadPagesChanged(deps: { threadCache: ThreadReadCache }, key: string): Promise<void> {
  await deps.threadCache.invalidate(key);
}

/** Where changes readers see are announced: the page cache and the live streams of every instance. */
export interface ReaderUpdateDeps {
  threadCache: ThreadReadCache;
  live: Pick<LiveHub, 'publish'>;
}

/**
 * A comment readers saw or now see changed (called after the commit of comments/comment-transition.ts):
 * the thread's pages go and its open streams get the comment as readers now see it.
 */
export async function commentChangedForReaders(deps: ReaderUpdateDeps, key: string, event: LiveEvent | null): Promise<void> {
  await threadPagesChanged(deps, key);
  if (event) await deps.live.publish(key, event);
}

const refreshTimers = new WeakMap<ThreadReadCache, Map<string, NodeJS.Timeout>>();

/**
 * A reaction count changed. Open streams hear it at once; the cached pages go at most once per
 * `refreshSeconds` per thread and process, so a popular comment does not make every read render the
 * thread again (the count on a cached page lags by that much at most).
 */
export async function reactionsChanged(deps: ReaderUpdateDeps, key: string, event: LiveEvent, refreshSeconds: number): Promise<void> {
  await deps.live.publish(key, event);
  if (refreshSeconds === 0) return threadPagesChanged(deps, key);
  const timers = refreshTimers.get(deps.threadCache) ?? new Map<string, NodeJS.Timeout>();
  refreshTimers.set(deps.threadCache, timers);
  if (timers.has(key)) return;
  const timer = setTimeout(() => {
    timers.delete(key);
    void threadPagesChanged(deps, key);
  }, refreshSeconds * 1000);
  timer.unref();
  timers.set(key, timer);
}

/** Something every page shows changed (the policy's auto-closing, say): every cached page goes. */
export async function allThreadPagesChanged(deps: { threadCache: ThreadReadCache }): Promise<void> {
  await deps.threadCache.invalidateAll();
}

/** Opens or closes a thread (creating it if the site closes it before its first comment); readers see it at once. */
export async function setThreadClosed(deps: { db: DbClient; threadCache: ThreadReadCache }, key: string, closed: boolean, now: Date): Promise<Thread> {
  const thread = await upsertThreadClosed(deps.db, key, closed, now);
  await threadPagesChanged(deps, key);
  return thread;
}
