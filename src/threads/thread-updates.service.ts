// Everything other features do to threads: create or describe one, open or close it, and say that
// what readers see has changed. Cached pages are dropped only here.
import type { Config } from '../config/config.js';
import type { DbClient } from '../db/client.js';
import { AppError } from '../shared/errors.js';
import { articleOrigins, onArticleOrigin } from './article-address.js';
import type { Thread } from '../db/models.js';
import type { ThreadReadCache } from './thread-cache.js';
import { upsertThreadByModerator } from './thread.repository.js';

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
    throw new AppError('validation_failed', 'title.validation', { fieldErrors: [{ field: 'url', code: 'invalid', message: 'threadUrl.untrusted' }] });
  }
  const thread = await upsertThreadByModerator(deps.db, key, change, now);
  await threadPagesChanged(deps, key);
  return thread;
}
