// Changes to public pages made by another process than the ones serving them: `npm run import` writes comments
// straight to the database, and the pages each instance has cached (in its memory, or in Redis) would show the
// thread as it was until the next comment there. The import records which threads it touched; every instance looks
// for new records every few seconds and drops those threads' pages, through the same function a comment's change uses.
import type { DbClient } from '../db/client.js';
import type { Logger } from '../logging/logger.js';
import type { ThreadReadCache } from './thread-cache.js';
import { allThreadPagesChanged, threadPagesChanged } from './thread-updates.service.js';
import { findThreadChangesAfter, insertThreadChanges, latestThreadChangeId } from './thread.repository.js';

/** Stands for every thread: an import of more threads than this records one change for all. */
const EVERY_THREAD = '*';
const MOST_THREADS_NAMED = 1000;
/** How often an instance looks for changes made elsewhere. */
const OUTSIDE_CHANGES_POLL_MS = 2000;
/** How long a record is kept: far longer than any instance takes to see it. */
const KEPT_MS = 24 * 3_600_000;
const CHANGES_PER_LOOK = 500;

/** Says that these threads' public pages changed outside the serving processes (every instance drops their cached pages within seconds). */
export async function recordOutsideChanges(db: DbClient, threadKeys: readonly string[], now: Date): Promise<void> {
  const named = threadKeys.length > MOST_THREADS_NAMED ? [EVERY_THREAD] : [...new Set(threadKeys)];
  await insertThreadChanges(db, named, now, new Date(now.getTime() - KEPT_MS));
}

/** What an instance needs to follow changes made elsewhere. */
export interface OutsideChangesDeps {
  db: DbClient;
  threadCache: ThreadReadCache;
  logger: Logger;
}

/**
 * Follows the changes recorded after it starts (its cache holds nothing older), looking every `everyMs`; `look` is one
 * look, for the timer and for tests that look when they choose.
 */
export async function followOutsideChanges(deps: OutsideChangesDeps, everyMs = OUTSIDE_CHANGES_POLL_MS): Promise<{ look(): Promise<void>; stop(): void }> {
  let seen = await latestThreadChangeId(deps.db);
  const look = async () => {
    for (let changes = await findThreadChangesAfter(deps.db, seen, CHANGES_PER_LOOK); changes.length > 0; changes = await findThreadChangesAfter(deps.db, seen, CHANGES_PER_LOOK)) {
      for (const key of new Set(changes.map((change) => change.threadKey))) {
        await (key === EVERY_THREAD ? allThreadPagesChanged(deps) : threadPagesChanged(deps, key));
      }
      seen = changes.at(-1)?.id ?? seen;
    }
  };
  const timer = setInterval(() => {
    look().catch((error: unknown) => deps.logger.warn({ err: error }, 'looking for changes made outside this instance failed; trying again'));
  }, everyMs);
  timer.unref();
  return { look, stop: () => clearInterval(timer) };
}
