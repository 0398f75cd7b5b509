import type { DbClient } from '../db/client.js';
import { Prisma } from '../db/models.js';
import { countOf, indexedBy, readRows } from '../db/hot-sql.js';
import { NOT_AN_UNDO } from '../comments/standing-decision.js';

// Every post asks these: prepared once and bounded by their own index (src/db/hot-sql.ts).

/**
 * How many comments came from an address range, and into a thread, since their moments (0 for a range or thread not
 * given), each counted up to `upTo`: the rules ask only whether a count reached the policy's limit, so a thread with
 * thousands of posts in the window (breaking news) costs a post no more than one at the limit. One statement for
 * both, one round trip on PostgreSQL.
 */
export async function countRecentPosts(
  db: DbClient,
  recent: { rangeHash: string | null; rangeSince: Date; threadId: number | null; threadSince: Date; upTo: { range: number; thread: number } },
): Promise<{ rangePosts: number; threadPosts: number }> {
  if (recent.rangeHash === null && recent.threadId === null) return { rangePosts: 0, threadPosts: 0 };
  const fromRange =
    recent.rangeHash === null
      ? Prisma.sql`0`
      : Prisma.sql`(SELECT COUNT(*) FROM (SELECT 1 FROM "Comment" ${indexedBy(db, 'Comment_rangeHash_createdAt_idx')} WHERE "rangeHash" = ${recent.rangeHash} AND "createdAt" >= ${recent.rangeSince} LIMIT ${recent.upTo.range}) AS "inRange")`;
  const inThread =
    recent.threadId === null
      ? Prisma.sql`0`
      : Prisma.sql`(SELECT COUNT(*) FROM (SELECT 1 FROM "Comment" ${indexedBy(db, 'Comment_threadId_createdAt_idx')} WHERE "threadId" = ${recent.threadId} AND "createdAt" >= ${recent.threadSince} LIMIT ${recent.upTo.thread}) AS "inThread")`;
  const [row] = await readRows<Array<{ rangePosts: unknown; threadPosts: unknown }>>(db, Prisma.sql`SELECT ${fromRange} AS "rangePosts", ${inThread} AS "threadPosts"`);
  return { rangePosts: countOf(row?.rangePosts), threadPosts: countOf(row?.threadPosts) };
}

/** A stored comment that shares a band with a new one: a near-duplicate candidate. */
export interface NearCandidate {
  id: number;
  threadId: number;
  nearSignature: string | null;
  campaignId: number | null;
}

/**
 * Comments since a moment sharing at least one band hash, at most `limit` of them, in no particular order. Each band
 * is read from its (band, moment) index with the moment inside the term, so the window bounds every lookup however
 * many older comments share the band. Not sorted: sorting every candidate's signature to keep the newest was a third
 * of the query's time on every post, for a choice that matters only past the limit (docs/decisions/0015).
 */
export function findNearCandidates(db: DbClient, bands: readonly number[], since: Date, limit: number): Promise<NearCandidate[]> {
  const anyBand = Prisma.join(
    bands.map((band, i) => Prisma.sql`(${Prisma.raw(`"nearBand${Number(i)}"`)} = ${band} AND "createdAt" >= ${since})`),
    ' OR ',
  );
  return readRows(db, Prisma.sql`
    SELECT "id", "threadId", "nearSignature", "campaignId" FROM "Comment"
    WHERE (${anyBand}) AND "deletedAt" IS NULL
    LIMIT ${limit}`);
}

/**
 * Whether a moderator put one of these comments in spam and it is still there, and whether a moderator approved one
 * and it is still published: what moderators have already said about a cluster.
 */
export async function moderatorMarksAmong(db: DbClient, ids: readonly number[]): Promise<{ spam: boolean; approved: boolean }> {
  if (ids.length === 0) return { spam: false, approved: false };
  const markedBy = (status: 'spam' | 'approved') => ({ status, decisions: { some: { actor: 'moderator', toStatus: status } } });
  const found = await db.comment.findMany({
    where: { id: { in: [...ids] }, OR: [markedBy('spam'), markedBy('approved')] },
    select: { status: true },
    distinct: ['status'],
  });
  return { spam: found.some((row) => row.status === 'spam'), approved: found.some((row) => row.status === 'approved') };
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

/**
 * Whether the comment's most recent spam mark was a moderator's (a move into spam or a confirmation). An undo's entry
 * is passed over: it puts back the mark before it, whoever gave that one.
 */
export async function lastSpamMarkWasModerator(db: DbClient, commentId: number): Promise<boolean> {
  const last = await db.decision.findFirst({
    where: { commentId, toStatus: 'spam', ...NOT_AN_UNDO },
    orderBy: { id: 'desc' },
    select: { actor: true },
  });
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
