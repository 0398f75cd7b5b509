import type { DbClient } from '../db/client.js';
import { PUBLIC_STATUS } from './visibility.js';
import type { Thread } from '../db/models.js';

/** Finds a thread by the site's key. */
export function findThreadByKey(db: DbClient, key: string): Promise<Thread | null> {
  return db.thread.findUnique({ where: { key } });
}

/**
 * Creates the thread on first use; later posts only fill in a title, URL or language it lacks.
 * A caller that has just read the thread passes it, so the submit path does not read it twice.
 */
export async function ensureThread(
  db: DbClient,
  key: string,
  describe: { title?: string; url?: string; lang?: string },
  now: Date,
  known?: Thread | null,
): Promise<Thread> {
  const existing = known ?? (await db.thread.findUnique({ where: { key } }));
  if (!existing) {
    return db.thread.upsert({
      where: { key },
      create: { key, title: describe.title ?? null, url: describe.url ?? null, lang: describe.lang ?? null, createdAt: now },
      update: {},
    });
  }
  const missing = {
    ...(existing.title === null && describe.title ? { title: describe.title } : {}),
    ...(existing.url === null && describe.url ? { url: describe.url } : {}),
    ...(existing.lang === null && describe.lang ? { lang: describe.lang } : {}),
  };
  return Object.keys(missing).length > 0 ? db.thread.update({ where: { id: existing.id }, data: missing }) : existing;
}

/** Counts the visible comments of a thread. */
export function countApprovedComments(db: DbClient, threadId: number): Promise<number> {
  return db.comment.count({ where: { threadId, status: PUBLIC_STATUS, deletedAt: null } });
}

/** Approved, visible comment counts for many thread keys at once (absent keys are left out). */
export async function countApprovedByKeys(db: DbClient, keys: readonly string[]): Promise<Map<string, number>> {
  const threads = await db.thread.findMany({ where: { key: { in: [...keys] } }, select: { id: true, key: true } });
  if (threads.length === 0) return new Map();
  const groups = await db.comment.groupBy({
    by: ['threadId'],
    where: { threadId: { in: threads.map((t) => t.id) }, status: PUBLIC_STATUS, deletedAt: null },
    _count: { _all: true },
  });
  const countById = new Map(groups.map((g) => [g.threadId, g._count._all]));
  return new Map(threads.map((t) => [t.key, countById.get(t.id) ?? 0]));
}

/** Approved comments of a thread for one page: top-level ones after the cursor, then all their replies. */
export async function findApprovedPage(
  db: DbClient,
  threadId: number,
  page: { sort: 'oldest' | 'newest'; limit: number; afterId: number | null },
) {
  const ascending = page.sort === 'oldest';
  const topLevel = await db.comment.findMany({
    where: {
      threadId,
      parentId: null,
      status: PUBLIC_STATUS,
      ...(page.afterId !== null ? { id: ascending ? { gt: page.afterId } : { lt: page.afterId } } : {}),
    },
    orderBy: { id: ascending ? 'asc' : 'desc' },
    take: page.limit + 1,
  });
  const hasMore = topLevel.length > page.limit;
  const shown = topLevel.slice(0, page.limit);
  const replies =
    shown.length === 0
      ? []
      : await db.comment.findMany({
          where: { threadId, rootId: { in: shown.map((c) => c.id) }, status: PUBLIC_STATUS },
          orderBy: { id: 'asc' },
        });
  return { topLevel: shown, replies, hasMore };
}

/** Finds a thread by its internal id. */
export function findThreadById(db: DbClient, id: number): Promise<Thread | null> {
  return db.thread.findUnique({ where: { id } });
}

/** Opens or closes a thread, creating it if the site closes it before its first comment. */
export function upsertThreadClosed(db: DbClient, key: string, closed: boolean, now: Date): Promise<Thread> {
  return db.thread.upsert({ where: { key }, create: { key, closed, createdAt: now }, update: { closed } });
}

/** What ranking needs of every approved top-level comment of a thread (sort=best): three numbers per comment. */
export function findBestCandidates(db: DbClient, threadId: number) {
  return db.comment.findMany({
    where: { threadId, parentId: null, status: PUBLIC_STATUS },
    select: { id: true, reactionCount: true, reactorsBefore: true },
  });
}

/** Approved top-level comments by id (in the caller's order) with all their approved replies. */
export async function findApprovedByIds(db: DbClient, threadId: number, ids: readonly number[]) {
  if (ids.length === 0) return { topLevel: [], replies: [] };
  const [rows, replies] = await Promise.all([
    db.comment.findMany({ where: { threadId, id: { in: [...ids] }, status: PUBLIC_STATUS } }),
    db.comment.findMany({ where: { threadId, rootId: { in: [...ids] }, status: PUBLIC_STATUS }, orderBy: { id: 'asc' } }),
  ]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  return { topLevel: ids.flatMap((id) => byId.get(id) ?? []), replies };
}

/** The thread's editors' picks that readers can see, newest pick first. */
export function findPicks(db: DbClient, threadId: number, limit: number) {
  return db.comment.findMany({
    where: { threadId, status: PUBLIC_STATUS, deletedAt: null, featuredAt: { not: null } },
    orderBy: [{ featuredAt: 'desc' }, { id: 'desc' }],
    take: limit,
  });
}
