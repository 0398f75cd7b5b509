import { createHash } from 'node:crypto';
import type { AvatarUrlOf, MoreReplies } from './public-comment.presenter.js';
import { nestReplies, toPublicComment } from './public-comment.presenter.js';
import { rankBest, rankedAfter, type Ranked } from './best-order.js';
import type { Comment, Thread } from '../db/models.js';
import type { Db } from '../db/client.js';
import { encodeDynamic } from '../http/content-coding.js';
import { AppError, type FieldError } from '../shared/errors.js';
import { autoClosesAt } from '../settings/policy.js';
import type { PolicyService } from '../settings/policy.service.js';
import type { Clock } from '../shared/clock.js';
import { rowIdOf } from '../shared/json-schemas.js';
import type { CacheLookup, CachedPage, ThreadReadCache } from './thread-cache.js';
import {
  countApprovedByKeys,
  countApprovedComments,
  countRepliesByRoot,
  findApprovedByIds,
  findApprovedPage,
  findBestCandidates,
  findFirstReplies,
  findPicks,
  findRepliesAfter,
  findShownTopLevel,
  findThreadByKey,
} from './thread.repository.js';
import { REPLIES_PER_CONVERSATION, type ListCommentsQuery, type ListRepliesQuery, type RepliesPage, type ThreadPage } from './thread.schemas.js';

/** What reading threads needs. */
export interface ThreadReadDeps {
  db: Db;
  threadCache: ThreadReadCache;
  avatarUrlOf: AvatarUrlOf;
  policies: PolicyService;
  clock: Clock;
}

/** How many editors' picks the first page carries. */
const PICKS_SHOWN = 10;

function encodeCursor(last: Ranked): string {
  return Buffer.from(Number.isNaN(last.score) ? `c1:${last.id}` : `b1:${last.score}:${last.id}`).toString('base64url');
}

const CURSOR_INVALID: FieldError = { field: 'cursor', code: 'invalid', message: 'query.invalid' };

function badCursor(): AppError {
  return new AppError('malformed_request', 'query.invalid', { fieldErrors: [CURSOR_INVALID] });
}

/** The position a cursor resumes after: an id (oldest, newest), or a score and an id (best). */
function decodeCursor(cursor: string | undefined, sort: ListCommentsQuery['sort']): Ranked | null {
  if (cursor === undefined) return null;
  const text = Buffer.from(cursor, 'base64url').toString();
  const match = sort === 'best' ? /^b1:([0-9.e-]{1,30}):(\d{1,10})$/.exec(text) : /^c1:()(\d{1,10})$/.exec(text);
  const score = sort === 'best' ? Number(match?.[1]) : Number.NaN;
  const id = match?.[2] ? rowIdOf(match[2]) : null;
  if (id === null || (sort === 'best' && !Number.isFinite(score))) throw badCursor();
  return { id, score };
}

/**
 * A thread page's query that failed its schema, with its cursor checked too: one answer lists every bad parameter
 * (a cursor is otherwise read only once the rest is valid). A cursor's form depends on the order, which may itself be
 * the bad parameter, so it is listed only when no order reads it.
 */
export function withCursorChecked(query: unknown, error: unknown): unknown {
  if (!(error instanceof AppError) || error.code !== 'malformed_request') return error;
  const fieldErrors = error.options.fieldErrors ?? [];
  const cursor = typeof query === 'object' && query !== null ? (query as { cursor?: unknown }).cursor : undefined;
  if (typeof cursor !== 'string' || fieldErrors.some((fieldError) => fieldError.field === 'cursor')) return error;
  const readable = (['oldest', 'best'] as const).some((sort) => {
    try {
      decodeCursor(cursor, sort);
      return true;
    } catch {
      return false;
    }
  });
  return readable ? error : new AppError(error.code, error.messageKey, { ...error.options, fieldErrors: [...fieldErrors, CURSOR_INVALID] });
}

/** One page of top-level comments in the order asked for, and whether more follow. */
async function findPage(deps: ThreadReadDeps, thread: Thread, query: ListCommentsQuery, after: Ranked | null) {
  if (query.sort !== 'best') {
    const page = await findApprovedPage(deps.db, thread.id, { sort: query.sort, limit: query.limit, afterId: after?.id ?? null });
    const last = page.topLevel.at(-1);
    return { ...page, last: last ? { id: last.id, score: Number.NaN } : undefined };
  }
  const ranked = rankedAfter(rankBest(await findBestCandidates(deps.db, thread.id), thread.reactorCount), after);
  const shown = ranked.slice(0, query.limit);
  const topLevel = await findApprovedByIds(deps.db, thread.id, shown.map((entry) => entry.id));
  return { topLevel, hasMore: ranked.length > query.limit, last: shown.at(-1) };
}

function encodeRepliesCursor(lastId: number): string {
  return Buffer.from(`r1:${lastId}`).toString('base64url');
}

/** The reply id a replies cursor resumes after, or 0 from the start of the conversation. */
function decodeRepliesCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const match = /^r1:(\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString());
  const id = match?.[1] ? rowIdOf(match[1]) : null;
  if (id === null) throw badCursor();
  return id;
}

/**
 * The first REPLIES_PER_CONVERSATION replies of each conversation on a page and, for a conversation
 * with more, its reply count and the cursor of the rest (GET …/comments/{id}/replies).
 */
async function findConversations(deps: ThreadReadDeps, topLevel: Comment[]): Promise<{ replies: Comment[]; more: Map<number, MoreReplies> }> {
  const rows = await findFirstReplies(deps.db, topLevel.map((row) => row.id), REPLIES_PER_CONVERSATION);
  const perRoot = new Map<number, Comment[]>();
  for (const row of rows) if (row.rootId !== null) perRoot.set(row.rootId, [...(perRoot.get(row.rootId) ?? []), row]);
  const cut = [...perRoot].filter(([, list]) => list.length > REPLIES_PER_CONVERSATION);
  const counts = await countRepliesByRoot(deps.db, cut.map(([rootId]) => rootId));
  const more = new Map<number, MoreReplies>();
  const dropped = new Set<number>();
  for (const [rootId, list] of cut) {
    const extra = list[REPLIES_PER_CONVERSATION] as Comment;
    dropped.add(extra.id);
    more.set(rootId, { replyCount: counts.get(rootId) ?? REPLIES_PER_CONVERSATION + 1, repliesCursor: encodeRepliesCursor((list[REPLIES_PER_CONVERSATION - 1] as Comment).id) });
  }
  return { replies: rows.filter((row) => !dropped.has(row.id)), more };
}

/** Renders a page and says until when it holds even if nothing changes (a thread that will auto-close). */
async function renderPage(deps: ThreadReadDeps, threadKey: string, query: ListCommentsQuery): Promise<{ page: ThreadPage; validUntil: Date | null }> {
  const after = decodeCursor(query.cursor, query.sort);
  const thread = await findThreadByKey(deps.db, threadKey);
  if (!thread) {
    return { page: { thread: { key: threadKey, title: null, url: null, closed: false, commentCount: 0 }, comments: [], picks: [], nextCursor: null }, validUntil: null };
  }
  const [page, commentCount, picks, { policy }] = await Promise.all([
    findPage(deps, thread, query, after),
    countApprovedComments(deps.db, thread.id),
    after === null ? findPicks(deps.db, thread.id, PICKS_SHOWN) : [],
    deps.policies.active(),
  ]);
  const conversations = await findConversations(deps, page.topLevel);
  const closesAt = thread.closed ? null : autoClosesAt(thread.createdAt, policy);
  const closed = thread.closed || (closesAt !== null && deps.clock.now() >= closesAt);
  return {
    page: {
      thread: { key: thread.key, title: thread.title, url: thread.url, closed, commentCount },
      comments: nestReplies(page.topLevel, conversations.replies, deps.avatarUrlOf, conversations.more),
      picks: picks.map((row) => toPublicComment(row, deps.avatarUrlOf)),
      nextCursor: page.hasMore && page.last ? encodeCursor(page.last) : null,
    },
    validUntil: closed ? null : closesAt,
  };
}

/** The cached page a lookup found, unless it has expired (a thread that closed on its own since). */
function usable(deps: Pick<ThreadReadDeps, 'clock'>, hit: CachedPage | undefined): CachedPage | undefined {
  return hit && (hit.validUntil === null || deps.clock.now().getTime() < hit.validUntil) ? hit : undefined;
}

/**
 * The cache lookup of a thread page, its hit dropped if it has expired. The early answer sends a hit
 * and hands a miss to readThreadPage, which renders into it: one lookup per request (a Redis round trip
 * when scaled out).
 */
export async function threadPageLookup(deps: ThreadReadDeps, threadKey: string, query: ListCommentsQuery): Promise<CacheLookup> {
  const lookup = await deps.threadCache.lookup(threadKey, `${query.sort}|${query.limit}|${query.cursor ?? ''}`);
  // A hit is almost always usable: it is returned as it came, with no new object on the hottest read.
  return usable(deps, lookup.hit) === lookup.hit ? lookup : { hit: undefined, store: lookup.store };
}

/** One page of a thread's approved comments, rendered and compressed once, served from the cache until it changes. */
export async function readThreadPage(deps: ThreadReadDeps, threadKey: string, query: ListCommentsQuery, looked?: CacheLookup): Promise<CachedPage> {
  const lookup = looked ?? (await threadPageLookup(deps, threadKey, query));
  if (lookup.hit) return lookup.hit;
  const rendered = await renderPage(deps, threadKey, query);
  const page = await encodePage(rendered.page, rendered.validUntil);
  await lookup.store(page);
  return page;
}

/** The next replies of a conversation after a cursor, rendered (not cached); an unknown or hidden conversation has none. */
export async function renderReplies(deps: ThreadReadDeps, threadKey: string, rootId: number, query: Pick<ListRepliesQuery, 'cursor' | 'limit'>): Promise<RepliesPage> {
  const after = decodeRepliesCursor(query.cursor);
  const thread = await findThreadByKey(deps.db, threadKey);
  const root = thread ? await findShownTopLevel(deps.db, thread.id, rootId) : null;
  if (!root) return { replies: [], nextCursor: null };
  const rows = await findRepliesAfter(deps.db, root.id, after, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    replies: page.map((row) => toPublicComment(row, deps.avatarUrlOf)),
    nextCursor: rows.length > query.limit && last ? encodeRepliesCursor(last.id) : null,
  };
}

/** The cache lookup of a page of replies (see threadPageLookup). */
export function repliesLookup(deps: ThreadReadDeps, threadKey: string, rootId: number, query: ListRepliesQuery): Promise<CacheLookup> {
  return deps.threadCache.lookup(threadKey, `replies|${rootId}|${query.limit}|${query.cursor ?? ''}`);
}

/** One page of a conversation's replies, rendered and compressed once and cached with the thread's pages (its one invalidation drops it). */
export async function readReplies(deps: ThreadReadDeps, threadKey: string, rootId: number, query: ListRepliesQuery, looked?: CacheLookup): Promise<CachedPage> {
  const lookup = looked ?? (await repliesLookup(deps, threadKey, rootId, query));
  if (lookup.hit) return lookup.hit;
  const page = await encodePage(await renderReplies(deps, threadKey, rootId, query), null);
  await lookup.store(page);
  return page;
}

/**
 * A page made from a thread (the no-JavaScript page or fragment), rendered once and kept in the same
 * cache as the JSON pages: the thread's one invalidation drops it too. Kept uncompressed: each answer
 * puts its own form ticket in (src/pages/thread-html.ts) and is compressed as it is sent.
 */
export async function readThreadView(
  deps: ThreadReadDeps,
  threadKey: string,
  variant: string,
  render: () => Promise<{ body: string; validUntil: number | null }>,
): Promise<CachedPage> {
  const lookup = await deps.threadCache.lookup(threadKey, `view|${variant}`);
  const hit = usable(deps, lookup.hit);
  if (hit) return hit;
  const rendered = await render();
  const body = Buffer.from(rendered.body);
  const page = { identity: { body, etag: `W/"${createHash('sha1').update(body).digest('base64url')}"` }, validUntil: rendered.validUntil };
  await lookup.store(page);
  return page;
}

/** The JSON bytes, compressed once, and ETags of a response; what a cache stores and a hit sends. */
async function encodePage(value: unknown, validUntil: Date | null): Promise<CachedPage> {
  const body = Buffer.from(JSON.stringify(value));
  const encoded = await encodeDynamic(body, `W/"${createHash('sha1').update(body).digest('base64url')}"`);
  return { ...encoded, validUntil: validUntil?.getTime() ?? null };
}

/** The cache lookup of the counts of a list of threads (see threadPageLookup). */
export function countsLookup(deps: Pick<ThreadReadDeps, 'threadCache'>, keys: readonly string[]): Promise<CacheLookup> {
  return deps.threadCache.lookupAcross(keys, 'counts');
}

/** Approved comment counts for up to 100 threads (unknown threads count 0), cached like pages: a change to any of them drops it. */
export async function readCounts(deps: Pick<ThreadReadDeps, 'db' | 'threadCache'>, keys: readonly string[], looked?: CacheLookup): Promise<CachedPage> {
  const lookup = looked ?? (await countsLookup(deps, keys));
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
