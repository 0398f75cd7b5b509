import type { DbClient } from '../db/client.js';

/** Threads after `cursor` (an id), in id order. */
export function findThreadsAfter(db: DbClient, cursor: number, limit: number) {
  return db.thread.findMany({ where: { id: { gt: cursor } }, orderBy: { id: 'asc' }, take: limit });
}

/** Comments after `cursor` (an id), in id order, with their thread's key and their parent's import key. */
export function findCommentsAfter(db: DbClient, cursor: number, limit: number) {
  return db.comment.findMany({
    where: { id: { gt: cursor } },
    orderBy: { id: 'asc' },
    take: limit,
    include: { thread: { select: { key: true } }, parent: { select: { importKey: true } } },
  });
}

/** Decision-log entries after `cursor` (an id), in id order, with the deciding moderator's address. */
export function findDecisionsAfter(db: DbClient, cursor: number, limit: number) {
  return db.decision.findMany({ where: { id: { gt: cursor } }, orderBy: { id: 'asc' }, take: limit, include: { moderator: { select: { email: true } } } });
}
