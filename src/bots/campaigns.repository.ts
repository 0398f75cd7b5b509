import type { DbClient } from '../db/client.js';
import { CAMPAIGN_MEMBER_IDS } from './campaign.schemas.js';

const live = { deletedAt: null };

/** One page of campaigns, newest first, with their members' figures. */
export async function findCampaignPage(db: DbClient, page: { limit: number; cursor?: number }) {
  const rows = await db.campaign.findMany({
    where: page.cursor ? { id: { lt: page.cursor } } : {},
    orderBy: { id: 'desc' },
    take: page.limit + 1,
    select: { id: true },
  });
  const shown = rows.slice(0, page.limit);
  const ids = shown.map((row) => row.id);
  const [figures, threads, spam, members] = await Promise.all([
    db.comment.groupBy({ by: ['campaignId'], where: { campaignId: { in: ids }, ...live }, _count: { _all: true }, _min: { createdAt: true }, _max: { createdAt: true, id: true } }),
    db.comment.groupBy({ by: ['campaignId', 'threadId'], where: { campaignId: { in: ids }, ...live } }),
    db.comment.groupBy({ by: ['campaignId'], where: { campaignId: { in: ids }, status: 'spam', ...live }, _count: { _all: true } }),
    Promise.all(
      ids.map((campaignId) => db.comment.findMany({ where: { campaignId, ...live }, select: { id: true }, orderBy: { id: 'asc' }, take: CAMPAIGN_MEMBER_IDS })),
    ),
  ]);
  const newestIds = figures.flatMap((figure) => (figure._max.id ? [figure._max.id] : []));
  const samples = await db.comment.findMany({ where: { id: { in: newestIds } }, select: { campaignId: true, body: true } });
  const items = shown.map((row, index) => {
    const figure = figures.find((f) => f.campaignId === row.id);
    return {
      id: row.id,
      size: figure?._count._all ?? 0,
      threadCount: threads.filter((t) => t.campaignId === row.id).length,
      spamCount: spam.find((s) => s.campaignId === row.id)?._count._all ?? 0,
      firstSeenAt: figure?._min.createdAt ?? null,
      lastSeenAt: figure?._max.createdAt ?? null,
      sample: samples.find((s) => s.campaignId === row.id)?.body ?? '',
      memberIds: (members[index] ?? []).map((member) => member.id),
    };
  });
  return { items, nextCursor: rows.length > page.limit ? (shown.at(-1)?.id ?? null) : null };
}
