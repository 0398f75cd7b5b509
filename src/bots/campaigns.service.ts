import type { z } from 'zod';
import type { DbClient } from '../db/client.js';
import type { campaignPageSchema } from './campaign.schemas.js';
import { findCampaignPage } from './campaigns.repository.js';

/** Recent near-duplicate campaigns for the dashboard, newest first. */
export async function listCampaigns(deps: { db: DbClient }, page: { limit: number; cursor?: number }): Promise<z.infer<typeof campaignPageSchema>> {
  const { items, nextCursor } = await findCampaignPage(deps.db, page);
  return {
    items: items.map((item) => ({
      ...item,
      spamMarked: item.size > 0 && item.spamCount === item.size,
      firstSeenAt: item.firstSeenAt?.toISOString() ?? null,
      lastSeenAt: item.lastSeenAt?.toISOString() ?? null,
    })),
    nextCursor: nextCursor === null ? null : String(nextCursor),
  };
}
