import type { DbClient } from '../db/client.js';
import { emailKey } from '../authors/email.js';
import type { CommentStatus, Prisma } from '../db/models.js';
import { foldForSearch } from '../text/search-text.js';

const itemInclude = {
  thread: { select: { key: true, title: true, url: true } },
  flags: { select: { reason: true, note: true, createdAt: true }, orderBy: { id: 'asc' } },
} satisfies Prisma.CommentInclude;

/** A comment as moderators see it, with its thread and flags. */
export type QueueRow = Prisma.CommentGetPayload<{ include: typeof itemInclude }>;

/**
 * Matches a query in the folded name and body (case, diacritics and Arabic letter variants do not
 * matter) or in the normalised address, the same way on SQLite and PostgreSQL.
 */
function searchFilter(q: string): Prisma.CommentWhereInput {
  const text = foldForSearch(q);
  const address = emailKey(q.trim());
  return { OR: [...(text ? [{ searchText: { contains: text } }] : []), { authorKey: { contains: address } }] };
}

/** One page of the queue, newest first. */
export async function findQueuePage(
  db: DbClient,
  filter: { status: CommentStatus; threadKey?: string; q?: string; limit: number; cursor?: number },
): Promise<{ rows: QueueRow[]; nextCursor: number | null }> {
  const rows = await db.comment.findMany({
    where: {
      status: filter.status,
      deletedAt: null,
      ...(filter.threadKey ? { thread: { key: filter.threadKey } } : {}),
      ...(filter.cursor ? { id: { lt: filter.cursor } } : {}),
      ...(filter.q ? searchFilter(filter.q) : {}),
    },
    include: itemInclude,
    orderBy: { id: 'desc' },
    take: filter.limit + 1,
  });
  const page = rows.slice(0, filter.limit);
  return { rows: page, nextCursor: rows.length > filter.limit ? (page.at(-1)?.id ?? null) : null };
}

/** One comment as moderators see it. */
export function findQueueRow(db: DbClient, id: number): Promise<QueueRow | null> {
  return db.comment.findUnique({ where: { id }, include: itemInclude });
}

/** How many comments wait in each status, for the dashboard tabs. */
export async function countByStatus(db: DbClient): Promise<Record<CommentStatus, number>> {
  const groups = await db.comment.groupBy({ by: ['status'], where: { deletedAt: null }, _count: { _all: true } });
  const counts: Record<CommentStatus, number> = { pending: 0, flagged: 0, approved: 0, rejected: 0, spam: 0 };
  for (const group of groups) counts[group.status] = group._count._all;
  return counts;
}

/** The decisions of one bulk action that have not been undone. */
export function findBatchDecisions(db: DbClient, batchId: string) {
  return db.decision.findMany({ where: { batchId, undoneAt: null }, include: { comment: { select: { status: true, thread: { select: { key: true } } } } } });
}

/** Marks a decision as undone. */
export async function markUndone(db: DbClient, id: number, at: Date): Promise<void> {
  await db.decision.update({ where: { id }, data: { undoneAt: at } });
}

/** The decision log, newest first. */
export async function findDecisionLog(db: DbClient, page: { limit: number; cursor?: number; commentId?: number }) {
  const rows = await db.decision.findMany({
    where: { ...(page.cursor ? { id: { lt: page.cursor } } : {}), ...(page.commentId ? { commentId: page.commentId } : {}) },
    include: { moderator: { select: { id: true, email: true } }, comment: { select: { thread: { select: { key: true } } } } },
    orderBy: { id: 'desc' },
    take: page.limit + 1,
  });
  const shown = rows.slice(0, page.limit);
  return { rows: shown, nextCursor: rows.length > page.limit ? (shown.at(-1)?.id ?? null) : null };
}

/** Comments posted since a date, for replaying a policy. */
export function findRecentComments(db: DbClient, since: Date, limit: number) {
  return db.comment.findMany({
    where: { createdAt: { gte: since }, deletedAt: null },
    include: { author: { select: { status: true } } },
    orderBy: { id: 'desc' },
    take: limit,
  });
}
