import type { DbClient } from '../db/client.js';
import type { Prisma } from '../db/models.js';

/** How many comments came from an address range since a moment. */
export function countPostsFromRange(db: DbClient, rangeHash: string, since: Date): Promise<number> {
  return db.comment.count({ where: { rangeHash, createdAt: { gte: since } } });
}

/** How many comments a thread received since a moment. */
export function countPostsInThread(db: DbClient, threadId: number, since: Date): Promise<number> {
  return db.comment.count({ where: { threadId, createdAt: { gte: since } } });
}

/** A stored comment that shares a band with a new one: a near-duplicate candidate. */
export interface NearCandidate {
  id: number;
  threadId: number;
  nearSignature: string | null;
  campaignId: number | null;
}

/** Comments since a moment sharing at least one band hash (indexed equality per band). */
export function findNearCandidates(db: DbClient, bands: readonly number[], since: Date, limit: number): Promise<NearCandidate[]> {
  const anyBand: Prisma.CommentWhereInput[] = bands.map((band, i) => ({ [`nearBand${i}`]: band }));
  return db.comment.findMany({
    where: { OR: anyBand, createdAt: { gte: since }, deletedAt: null },
    select: { id: true, threadId: true, nearSignature: true, campaignId: true },
    orderBy: { id: 'desc' },
    take: limit,
  });
}

/** True when a moderator put one of these comments in spam and it is still there. */
export async function anyMarkedSpamByModerator(db: DbClient, ids: readonly number[]): Promise<boolean> {
  if (ids.length === 0) return false;
  const found = await db.comment.findFirst({
    where: { id: { in: [...ids] }, status: 'spam', decisions: { some: { actor: 'moderator', toStatus: 'spam' } } },
    select: { id: true },
  });
  return found !== null;
}

/** The spam marks of these domains (only those with any). */
export function findSpamDomains(db: DbClient, domains: readonly string[]): Promise<{ domain: string; marks: number }[]> {
  if (domains.length === 0) return Promise.resolve([]);
  return db.spamDomain.findMany({ where: { domain: { in: [...domains] }, marks: { gt: 0 } }, select: { domain: true, marks: true } });
}

/** Adds `delta` to each domain's count of moderator-marked spam comments (never below zero). */
export async function adjustSpamDomains(db: DbClient, domains: readonly string[], delta: 1 | -1, now: Date): Promise<void> {
  for (const domain of domains) {
    if (delta > 0) {
      await db.spamDomain.upsert({ where: { domain }, create: { domain, marks: 1, updatedAt: now }, update: { marks: { increment: 1 }, updatedAt: now } });
    } else {
      await db.spamDomain.updateMany({ where: { domain, marks: { gt: 0 } }, data: { marks: { decrement: 1 }, updatedAt: now } });
    }
  }
}

/** Whether the comment's most recent move into spam was a moderator's. */
export async function lastSpamMarkWasModerator(db: DbClient, commentId: number): Promise<boolean> {
  const last = await db.decision.findFirst({ where: { commentId, toStatus: 'spam' }, orderBy: { id: 'desc' }, select: { actor: true } });
  return last?.actor === 'moderator';
}

/** Opens a new campaign. */
export async function createCampaign(db: DbClient, now: Date): Promise<number> {
  return (await db.campaign.create({ data: { createdAt: now }, select: { id: true } })).id;
}

/** Puts comments into a campaign. */
export async function assignCampaign(db: DbClient, ids: readonly number[], campaignId: number): Promise<void> {
  if (ids.length > 0) await db.comment.updateMany({ where: { id: { in: [...ids] }, campaignId: null }, data: { campaignId } });
}
