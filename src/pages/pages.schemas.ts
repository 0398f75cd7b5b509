import { z } from 'zod';
import { PAGE_SORTS } from './engagement-html.js';
import { queryIdSchema } from '../shared/json-schemas.js';

/** Query of the server-rendered pages: which comment to answer, which page (and conversation), and a post's outcome. */
export const pageQuerySchema = z.object({
  lang: z.string().max(20).optional(),
  replyto: queryIdSchema.optional().catch(undefined),
  cursor: z.string().max(200).optional(),
  sort: z.enum(PAGE_SORTS).optional().catch(undefined),
  /** One conversation: the top-level comment (on the page `cursor` names) whose replies are shown, a page at a time. */
  replies: queryIdSchema.optional().catch(undefined),
  /** The conversation's page: the cursor of the replies API to resume after (from its start without it). */
  after: z.string().max(200).optional(),
  /** How many replies came before that page: only counts what remains. */
  from: z.coerce.number().int().min(0).max(1_000_000).optional().catch(undefined),
  'majlis-status': z.enum(['approved', 'pending', 'rejected']).optional().catch(undefined),
  'majlis-comment': z.string().max(20).optional(),
  report: queryIdSchema.optional().catch(undefined),
  'majlis-flag': z.string().max(20).optional(),
});

export type PageQuery = z.infer<typeof pageQuerySchema>;
