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

/** How the queue can be ordered. */
export type QueueOrder = 'newest' | 'riskiest' | 'safest';

const ORDER_BY: Record<QueueOrder, Prisma.CommentOrderByWithRelationInput[]> = {
  newest: [{ id: 'desc' }],
  riskiest: [{ riskScore: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }],
  safest: [{ riskScore: { sort: 'asc', nulls: 'last' } }, { id: 'desc' }],
};

/** Where the next page starts: the last row's id, and for the risk orders its score too (keyset pagination, stable while the queue changes). */
function cursorOf(sort: QueueOrder, row: { id: number; riskScore: number | null }): string {
  return sort === 'newest' ? String(row.id) : `${row.riskScore ?? 'none'}:${row.id}`;
}

/** The rows after a cursor in the given order; unscored comments come last in both risk orders. */
function after(sort: QueueOrder, cursor: string): Prisma.CommentWhereInput {
  const [scoreText, idText] = cursor.includes(':') ? cursor.split(':') : [undefined, cursor];
  const id = Number(idText);
  if (sort === 'newest' || scoreText === undefined) return { id: { lt: id } };
  if (scoreText === 'none') return { riskScore: null, id: { lt: id } };
  const score = Number(scoreText);
  const beyond = sort === 'riskiest' ? { lt: score } : { gt: score };
  return { OR: [{ riskScore: beyond }, { riskScore: score, id: { lt: id } }, { riskScore: null }] };
}

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
  filter: { status: CommentStatus; threadKey?: string; q?: string; limit: number; cursor?: string; sort: QueueOrder },
): Promise<{ rows: QueueRow[]; nextCursor: string | null }> {
  const rows = await db.comment.findMany({
    where: {
      status: filter.status,
      deletedAt: null,
      ...(filter.threadKey ? { thread: { key: filter.threadKey } } : {}),
      ...(filter.q ? searchFilter(filter.q) : {}),
      ...(filter.cursor ? after(filter.sort, filter.cursor) : {}),
    },
    include: itemInclude,
    orderBy: ORDER_BY[filter.sort],
    take: filter.limit + 1,
  });
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > filter.limit && last ? cursorOf(filter.sort, last) : null };
}

/** One comment as moderators see it. */
export function findQueueRow(db: DbClient, id: number): Promise<QueueRow | null> {
  return db.comment.findUnique({ where: { id }, include: itemInclude });
}

/**
 * How many comments (not deleted) are in each status, for the dashboard tabs and /metrics: a sum over a
 * few counter rows that database triggers keep in step with Comment, so the cost does not grow with the
 * archive (prisma/migrations/*_comment_status_counts).
 */
export async function countByStatus(db: DbClient): Promise<Record<CommentStatus, number>> {
  const groups = await db.commentStatusCount.groupBy({ by: ['status'], _sum: { n: true } });
  const counts: Record<CommentStatus, number> = { pending: 0, flagged: 0, approved: 0, rejected: 0, spam: 0 };
  for (const group of groups) if (group.status in counts) counts[group.status as CommentStatus] = group._sum.n ?? 0;
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
