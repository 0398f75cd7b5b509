import { z } from 'zod';
import { threadKeySchema } from '../threads/thread.schemas.js';
import { policySchema } from './policy.js';

const status = z.enum(['pending', 'flagged', 'approved', 'rejected', 'spam']);
const note = z.string().trim().max(1000).optional();

/** GET /moderation/comments. */
export const queueQuerySchema = z.object({
  status: status.default('pending'),
  threadKey: threadKeySchema.optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.coerce.number().int().min(1).optional(),
});

/** What a moderator may do to a comment, and the status each action leads to. */
export const ACTION_STATUS = { approve: 'approved', reject: 'rejected', spam: 'spam', pending: 'pending' } as const;
const action = z.enum(['approve', 'reject', 'spam', 'pending']);

/** POST /moderation/comments/{id}/decision. */
export const decisionSchema = z.object({ action, note, expectedStatus: status.optional() });

/** POST /moderation/decisions (bulk, one transaction). */
export const bulkDecisionSchema = z.object({
  ids: z.array(z.number().int().min(1)).min(1).max(500),
  action,
  note,
});

/** GET /moderation/log. */
export const logQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.coerce.number().int().min(1).optional(),
  commentId: z.coerce.number().int().min(1).optional(),
});

/**
 * POST /moderation/settings/preview: a proposed policy (missing keys from the current one) and the
 * days to replay, as `{ policy, days }` or as the policy's own fields with an optional `days`.
 */
export const previewSchema = z.preprocess(
  (body) =>
    typeof body === 'object' && body !== null && !('policy' in body)
      ? (({ days, ...policy }: Record<string, unknown>) => ({ policy, ...(days === undefined ? {} : { days }) }))(body as Record<string, unknown>)
      : body,
  z.object({
    policy: policySchema.partial().strict(),
    days: z.number().int().min(1).max(365).default(30),
  }),
);

/** PUT /moderation/authors/{email}. */
export const authorStatusSchema = z.object({ status: z.enum(['trusted', 'normal', 'banned']) });

/** PATCH /moderation/threads/{threadKey}. */
export const threadPatchSchema = z.object({ closed: z.boolean() });
export const threadKeyParamsSchema = z.object({ threadKey: threadKeySchema });
export const idParamsSchema = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });
export const batchParamsSchema = z.object({ batchId: z.uuid() });
