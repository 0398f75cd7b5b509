import { createHash } from 'node:crypto';
import type { AvatarUrlOf } from './public-comment.presenter.js';
import { nestReplies } from './public-comment.presenter.js';
import type { Db } from '../db/client.js';
import { encodeDynamic } from '../http/content-coding.js';
import { AppError } from '../shared/errors.js';
import { autoClosesAt } from '../settings/policy.js';
import type { PolicyService } from '../settings/policy.service.js';
import type { Clock } from '../shared/clock.js';
import type { CachedPage, ThreadReadCache } from './thread-cache.js';
import { countApprovedByKeys, countApprovedComments, findApprovedPage, findThreadByKey } from './thread.repository.js';
import type { ListCommentsQuery, ThreadPage } from './thread.schemas.js';

/** What reading threads needs. */
export interface ThreadReadDeps {
  db: Db;
  threadCache: ThreadReadCache;
  avatarUrlOf: AvatarUrlOf;
  policies: PolicyService;
  clock: Clock;
}

function encodeCursor(id: number): string {
  return Buffer.from(`c1:${id}`).toString('base64url');
}

function decodeCursor(cursor: string | undefined): number | null {
  if (cursor === undefined) return null;
  const match = /^c1:(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match?.[1]) {
    throw new AppError('malformed_request', 'query.invalid', { fieldErrors: [{ field: 'cursor', code: 'invalid', message: 'query.invalid' }] });
  }
  return Number(match[1]);
}

/** Renders a page and says until when it holds even if nothing changes (a thread that will auto-close). */
async function renderPage(deps: ThreadReadDeps, threadKey: string, query: ListCommentsQuery): Promise<{ page: ThreadPage; validUntil: Date | null }> {
  const afterId = decodeCursor(query.cursor);
  const thread = await findThreadByKey(deps.db, threadKey);
  if (!thread) {
    return { page: { thread: { key: threadKey, title: null, url: null, closed: false, commentCount: 0 }, comments: [], nextCursor: null }, validUntil: null };
  }
  const [page, commentCount, { policy }] = await Promise.all([
    findApprovedPage(deps.db, thread.id, { sort: query.sort, limit: query.limit, afterId }),
    countApprovedComments(deps.db, thread.id),
    deps.policies.active(),
  ]);
  const closesAt = thread.closed ? null : autoClosesAt(thread.createdAt, policy);
  const closed = thread.closed || (closesAt !== null && deps.clock.now() >= closesAt);
  const last = page.topLevel.at(-1);
  return {
    page: {
      thread: { key: thread.key, title: thread.title, url: thread.url, closed, commentCount },
      comments: nestReplies(page.topLevel, page.replies, deps.avatarUrlOf),
      nextCursor: page.hasMore && last ? encodeCursor(last.id) : null,
    },
    validUntil: closed ? null : closesAt,
  };
}

/** One page of a thread's approved comments, rendered and compressed once, served from the cache until it changes. */
export async function readThreadPage(deps: ThreadReadDeps, threadKey: string, query: ListCommentsQuery): Promise<CachedPage> {
  const lookup = await deps.threadCache.lookup(threadKey, `${query.sort}|${query.limit}|${query.cursor ?? ''}`);
  const now = deps.clock.now().getTime();
  if (lookup.hit && (lookup.hit.validUntil === null || now < lookup.hit.validUntil)) return lookup.hit;
  const rendered = await renderPage(deps, threadKey, query);
  const page = await encodePage(rendered.page, rendered.validUntil);
  await lookup.store(page);
  return page;
}

/**
 * A page made from a thread (the no-JavaScript page or fragment), rendered and compressed once and
 * kept in the same cache as the JSON pages: the thread's one invalidation drops it too.
 */
export async function readThreadView(
  deps: ThreadReadDeps,
  threadKey: string,
  variant: string,
  render: () => Promise<{ body: string; validUntil: number | null }>,
): Promise<CachedPage> {
  const lookup = await deps.threadCache.lookup(threadKey, `view|${variant}`);
  if (lookup.hit && (lookup.hit.validUntil === null || deps.clock.now().getTime() < lookup.hit.validUntil)) return lookup.hit;
  const rendered = await render();
  const body = Buffer.from(rendered.body);
  const page = { ...(await encodeDynamic(body, `W/"${createHash('sha1').update(body).digest('base64url')}"`)), validUntil: rendered.validUntil };
  await lookup.store(page);
  return page;
}

/** The JSON bytes, compressed once, and ETags of a response; what a cache stores and a hit sends. */
async function encodePage(value: unknown, validUntil: Date | null): Promise<CachedPage> {
  const body = Buffer.from(JSON.stringify(value));
  const encoded = await encodeDynamic(body, `W/"${createHash('sha1').update(body).digest('base64url')}"`);
  return { ...encoded, validUntil: validUntil?.getTime() ?? null };
}

/** Approved comment counts for up to 100 threads (unknown threads count 0), cached like pages: a change to any of them drops it. */
export async function readCounts(deps: Pick<ThreadReadDeps, 'db' | 'threadCache'>, keys: readonly string[]): Promise<CachedPage> {
  const lookup = await deps.threadCache.lookupAcross(keys, 'counts');
  if (lookup.hit) return lookup.hit;
  const counts = await countApprovedByKeys(deps.db, keys);
  const page = await encodePage({ counts: Object.fromEntries(keys.map((key) => [key, counts.get(key) ?? 0])) }, null);
  await lookup.store(page);
  return page;
}

/** True once a thread exists (made by a first post, an import or the demo seed). */
export async function threadExists(deps: Pick<ThreadReadDeps, 'db'>, key: string): Promise<boolean> {
  return (await findThreadByKey(deps.db, key)) !== null;
}
