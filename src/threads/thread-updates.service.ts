// Everything other features do to threads: create or describe one, open or close it, and say that
// what readers see has changed. Cached pages are dropped only here.
import type { Config } from '../config/config.js';
import type { DbClient } from '../db/client.js';
import { AppError } from '../shared/errors.js';
import { articleOrigins, onArticleOrigin } from './article-address.js';
import type { Thread } from '../db/models.js';
import type { LiveEvent } from '../live/live-event.js';
import type { LiveHub } from '../live/live-hub.js';
import type { ThreadReadCache } from './thread-cache.js';
import { upsertThreadByModerator } from './thread.repository.js';

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
 * the thread's pages go and its open streams get `events` in order, parents before replies (the comment as
 * readers now see it, the placeholder it hangs from, the replies that came back with it; null where readers
 * learn nothing).
 */
export async function commentChangedForReaders(deps: ReaderUpdateDeps, key: string, events: readonly (LiveEvent | null)[]): Promise<void> {
  await threadPagesChanged(deps, key);
  for (const event of events) if (event) await deps.live.publish(key, event);
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

/**
 * A moderator opens or closes a thread, or corrects its title and URL (creating the thread if the
 * site acts before its first comment); readers see it at once. Where ALLOWED_ORIGINS names sites, the
 * URL must be on one of them (or PUBLIC_URL's origin); with none named, the moderator is the trusted source.
 */
export async function moderateThread(
  deps: { db: DbClient; threadCache: ThreadReadCache; config: Pick<Config, 'ALLOWED_ORIGINS' | 'PUBLIC_URL'> },
  key: string,
  change: { closed?: boolean; title?: string | null; url?: string | null },
  now: Date,
): Promise<Thread> {
  const sitesNamed = deps.config.ALLOWED_ORIGINS.some((origin) => origin !== '*');
  if (change.url && sitesNamed && !onArticleOrigin(change.url, articleOrigins(deps.config))) {
    throw new AppError('validation_failed', 'title.invalidInput', { fieldErrors: [{ field: 'url', code: 'invalid', message: 'threadUrl.untrusted' }] });
  }
  const thread = await upsertThreadByModerator(deps.db, key, change, now);
  await threadPagesChanged(deps, key);
  return thread;
}
