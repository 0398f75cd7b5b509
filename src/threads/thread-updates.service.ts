// Everything other features do to threads: create or describe one, open or close it, and say that
// what readers see has changed. Cached pages are dropped only here.
import type { DbClient } from '../db/client.js';
import type { Thread } from '../db/models.js';
import type { ThreadReadCache } from './thread-cache.js';
import { upsertThreadClosed } from './thread.repository.js';

// What other features read and write of a thread row, as the repository does it.
export { ensureThread, findThreadById, findThreadByKey } from './thread.repository.js';

/** The cached pages of one thread no longer show what readers should see: they are rendered afresh on the next read. */
export async function threadPagesChanged(deps: { threadCache: ThreadReadCache }, key: string): Promise<void> {
  await deps.threadCache.invalidate(key);
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
