import { z } from 'zod';
import { countSchema, idSchema, pageOf, queryIdSchema, timestampSchema } from '../shared/json-schemas.js';

/** The most member ids a campaign lists: as many as one bulk decision takes. */
export const CAMPAIGN_MEMBER_IDS = 500;

/** GET /moderation/campaigns. */
export const campaignQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(20),
  cursor: queryIdSchema.optional().meta({ description: 'The `nextCursor` of the previous page.' }),
});

/** A cluster of near-duplicate comments across threads, as moderators see it. */
export const campaignSchema = z
  .object({
    id: idSchema,
    size: countSchema.meta({ description: 'How many comments (not deleted) belong to it.' }),
    threadCount: countSchema,
    spamCount: countSchema.meta({ description: 'How many of them are marked spam.' }),
    spamMarked: z.boolean().meta({ description: 'Every member is marked spam.' }),
    firstSeenAt: timestampSchema.nullable(),
    lastSeenAt: timestampSchema.nullable(),
    sample: z.string().meta({ description: "The newest member's text, as the reader wrote it." }),
    memberIds: z.array(idSchema).meta({ description: `The members, oldest first (at most ${CAMPAIGN_MEMBER_IDS}, the most POST /moderation/decisions takes).` }),
  })
  .meta({ id: 'Campaign' });

/** GET /moderation/campaigns: newest first. */
export const campaignPageSchema = pageOf(campaignSchema);
