import { z } from 'zod';
import { commentStatusSchema, DECISION_ACTORS, FLAG_REASONS, storedEmailSchema } from '../comments/comment.schemas.js';
import { countSchema, idSchema, pageOf, queryIdSchema, rowIdOf, timestampSchema } from '../shared/json-schemas.js';
import { publicCommentFields, publicCommentSchema, threadKeySchema } from '../threads/thread.schemas.js';
import { threadTitleSchema, threadUrlSchema } from '../comments/comment.schemas.js';
import { policySchema } from '../settings/policy.js';

const status = commentStatusSchema;
const note = z.string().trim().max(1000).optional();

/** How the queue can be ordered. */
export const QUEUE_ORDERS = ['newest', 'riskiest', 'safest'] as const;

/** GET /moderation/comments. */
export const queueQuerySchema = z.object({
  status: status.default('pending'),
  threadKey: threadKeySchema.optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    // A score is in [0, 1]: bounded digits, so a tampered one cannot read as Infinity.
    .regex(/^(?:(?:none|\d{1,3}(?:\.\d{1,20})?(?:e-\d{1,3})?):)?\d{1,10}$/)
    // Its id must be one a row can have.
    .refine((cursor) => rowIdOf(cursor.slice(cursor.lastIndexOf(':') + 1)) !== null)
    .optional()
    .meta({ description: 'The `nextCursor` of the previous page.' }),
  sort: z
    .enum(QUEUE_ORDERS)
    .default('newest')
    .meta({ description: "`riskiest`/`safest` order by the classifier's score (comments it has not scored come last), then newest first." }),
});

/** What a moderator may do to a comment, and the status each action leads to. */
export const ACTION_STATUS = { approve: 'approved', reject: 'rejected', spam: 'spam', pending: 'pending' } as const;
const action = z.enum(['approve', 'reject', 'spam', 'pending']);

/** POST /moderation/comments/{id}/decision. */
export const decisionSchema = z.object({ action, note, expectedStatus: status.optional() });

/** POST /moderation/comments/{id}/feature (SPEC section 8). */
export const featureSchema = z.object({ featured: z.boolean(), note });

/** POST /moderation/decisions (bulk, one transaction). */
export const bulkDecisionSchema = z.object({
  ids: z.array(idSchema).min(1).max(500),
  action,
  note,
  expectedStatus: status
    .optional()
    .meta({ description: 'The status the comments were chosen in (a queue tab): one another moderator has decided since is left alone and listed in `skipped`.' }),
});

/** GET /moderation/log. */
export const logQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: queryIdSchema.optional(),
  commentId: queryIdSchema.optional(),
});

const proposedPolicy = policySchema.partial().strict().meta({ description: 'The fields to change; the others stay as in force.' });
const previewDays = z.number().int().min(1).max(365).default(30).meta({ description: 'How many days of comments to replay.' });
const targetFalseHoldRate = z
  .number()
  .min(0)
  .max(1)
  .default(0.02)
  .meta({ description: "The share of acceptable comments the classifier may hold; the preview suggests the hold threshold that stays under it." });

/** The flat form of a preview: the proposed policy's own fields with optional `days` and `targetFalseHoldRate`. */
export const flatPreviewSchema = proposedPolicy.extend({ days: previewDays, targetFalseHoldRate });

/**
 * POST /moderation/settings/preview: a proposed policy (missing keys from the current one) and the
 * days to replay, as `{ policy, days }` or in the flat form.
 */
export const previewSchema = z.preprocess(
  (body) =>
    typeof body === 'object' && body !== null && !('policy' in body)
      ? (({ days, targetFalseHoldRate: target, ...policy }: Record<string, unknown>) => ({
          policy,
          ...(days === undefined ? {} : { days }),
          ...(target === undefined ? {} : { targetFalseHoldRate: target }),
        }))(body as Record<string, unknown>)
      : body,
  z.object({ policy: proposedPolicy, days: previewDays, targetFalseHoldRate }),
);

/** PUT /moderation/authors/{email}. */
export const authorStatusSchema = z.object({ status: z.enum(['trusted', 'normal', 'banned']) });

/** PATCH /moderation/threads/{threadKey}: any of closed, title, url (null clears the title or URL). */
export const threadPatchSchema = z
  .object({
    closed: z.boolean().optional(),
    title: z.union([z.null(), threadTitleSchema]).optional().meta({ description: "The article's title; null clears it. Posts never change it afterwards." }),
    url: z.union([z.null(), threadUrlSchema]).optional().meta({
      description: "The article's address (absolute http(s)); null clears it. Where ALLOWED_ORIGINS names sites, it must be on one of them. Posts never change it afterwards.",
    }),
  })
  .refine((patch) => patch.closed !== undefined || patch.title !== undefined || patch.url !== undefined, { message: 'field.invalid', path: ['closed'] });
export const threadKeyParamsSchema = z.object({ threadKey: threadKeySchema });
export const batchParamsSchema = z.object({ batchId: z.uuid() });

/** One word-list entry found in a field, with the text as the reader wrote it. */
const wordHitSchema = z.object({
  field: z.enum(['body', 'authorName', 'authorEmail', 'authorUrl']),
  entry: z.string(),
  matched: z.string(),
  start: countSchema,
  end: countSchema,
});

/** Why a rule voted: `detail` in English, `explain` as a message key the dashboard translates. */
const reasonSchema = z
  .object({
    rule: z.string(),
    vote: z.enum(['spam', 'reject', 'hold', 'approve']),
    detail: z.string(),
    explain: z.object({ key: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() }).optional(),
    hits: z.array(wordHitSchema).optional(),
    // The classifier rule's reason (SPEC section 8).
    score: z.number().min(0).max(1).optional().meta({ description: 'Classifier: 0..1, higher is more likely abusive or spam.' }),
    label: z.enum(['abusive', 'spam']).optional(),
    modelVersion: idSchema.optional(),
    features: z
      .array(
        z.object({
          feature: z.string().meta({ description: 'The text as written, or a property of the whole comment such as "links: 2".' }),
          weight: z.number().meta({ description: 'Its contribution to the score (positive raises it).' }),
          start: z.number().int().min(0).optional().meta({ description: 'UTF-16 offset of the span in the body.' }),
          end: z.number().int().min(0).optional(),
        }),
      )
      .optional()
      .meta({ description: 'Classifier: the top contributing features.' }),
  })
  .meta({ id: 'Reason' });

/** A rule's vote as moderators see it. */
export type ReasonView = z.infer<typeof reasonSchema>;

/** A queue item of SPEC section 4: the comment with what only moderators may see. */
export const queueItemSchema = z
  .object({
    ...publicCommentFields,
    replies: z.array(publicCommentSchema).max(0).meta({ description: "Always empty: a queue item is one comment (SPEC section 4's `...comment`, a PublicComment); its replies are items of their own." }),
    authorEmail: storedEmailSchema,
    knownAuthor: z.boolean(),
    identifiedBy: z.enum(['signed_in', 'confirmed_address', 'commenter_key', 'typed', 'staff']).meta({
      description:
        'How the author was identified when posting: signed in with the site\'s account, a confirmed address, a commenter key Majlis issued, only what they typed, or a moderator replying from the dashboard (`staff`).',
    }),
    accountId: idSchema.nullable().meta({ description: 'The signed-in account (GET /moderation/accounts/{id}); null for guests.' }),
    status,
    riskScore: z.number().min(0).max(1).nullable().meta({
      description:
        "What `sort=riskiest|safest` orders by: the classifier's score from the model in force (comments waiting for review are scored again whenever a model is trained), over the kinds it may vote on; null when no model scored it. A reason's `score` is the one given when the comment was posted or edited.",
    }),
    decidedByModerator: z.boolean().meta({
      description:
        "The comment's status is a moderator's word (their decision or confirmation, or an import's) on its text as it stands, not the rules' or readers' flags: confirming it (POST …/decision with the same status) would record nothing new without a note. False again once its author edits it (a comment kept in spam through an edit).",
    }),
    hiddenByAncestor: z.boolean().meta({
      description: 'A comment above it in its conversation is not approved: readers see neither it nor its replies, and counts leave them out, until that comment is approved again.',
    }),
    reasons: z.array(reasonSchema),
    flags: z.array(z.object({ reason: z.enum(FLAG_REASONS), note: z.string().nullable(), createdAt: timestampSchema })).meta({ description: 'Every report readers made, counted or not.' }),
    flagCount: countSchema.meta({
      description: 'The reports counted towards `flagThreshold`: one per reader, a burst once, and none from before a moderator last published the comment from the flagged queue.',
    }),
    thread: z.object({ key: z.string(), title: z.string().nullable(), url: z.string().nullable() }),
    updatedAt: timestampSchema,
  })
  .meta({ id: 'QueueItem' });

/** The JSON shape of a queue item. */
export type QueueItem = z.infer<typeof queueItemSchema>;

/** GET /moderation/comments. */
export const queuePageSchema = pageOf(queueItemSchema);

/** GET /moderation/counts. */
export const queueCountsSchema = z.object({
  counts: z.object({ pending: countSchema, flagged: countSchema, approved: countSchema, rejected: countSchema, spam: countSchema }),
});

/** POST /moderation/decisions. */
export const bulkDecisionResultSchema = z.object({
  updated: countSchema,
  batchId: z.uuid(),
  skipped: z.array(idSchema).meta({ description: 'Comments no longer in `expectedStatus` (decided by someone else meanwhile), left as they are.' }),
  missing: z.array(idSchema).meta({ description: 'Ids of no comment a decision can apply to: deleted by its author or erased meanwhile, or never a comment.' }),
});

/** POST /moderation/decisions/{batchId}/undo: `skipped` lists comments changed since, left alone. */
export const undoResultSchema = z.object({ restored: countSchema, skipped: z.array(idSchema), batchId: z.uuid() });

/** Who changed a status: a moderator, the pipeline, reader flags, the author, or a privacy request. */

/** GET /moderation/log. */
export const decisionLogSchema = pageOf(
  z.object({
    id: idSchema,
    commentId: idSchema,
    threadKey: z.string(),
    actor: z.enum(DECISION_ACTORS),
    moderator: z.object({ id: idSchema, email: z.string() }).nullable(),
    fromStatus: status.nullable(),
    toStatus: status,
    action: z
      .enum(['feature', 'unfeature', 'confirm', 'undo'])
      .nullable()
      .meta({
        description:
          "Set when the entry is an editors' pick (or its removal) or a moderator's confirmation of the status the comment had, rather than a status change; `undo` for a status an undo restored (no label for the classifier).",
      }),
    note: z.string().nullable(),
    batchId: z.string().nullable(),
    undoneAt: timestampSchema.nullable(),
    createdAt: timestampSchema,
  }),
);

/** POST /moderation/settings/preview: how many recent comments would change status, with examples. */
const share = z.number().min(0).max(1);
const thresholdRowSchema = z.object({
  threshold: share,
  heldAcceptable: share.nullable().meta({ description: 'Share of approved comments it would have held.' }),
  caughtAbusive: share.nullable().meta({ description: 'Share of rejected comments it would have caught.' }),
  caughtSpam: share.nullable().meta({ description: 'Share of spam it would have caught.' }),
  caught: share.nullable(),
});

/**
 * What each classifier hold threshold would have done to the comments of the replayed days that were posted after the model
 * in force was trained and then decided: comments it never learned from (on its own training examples it looks perfect).
 */
const thresholdReportSchema = z.object({
  modelVersion: idSchema,
  counts: z
    .object({ acceptable: countSchema, abusive: countSchema, spam: countSchema })
    .meta({ description: 'The decided comments measured on, posted since the model was trained; none just after a training.' }),
  targetFalseHoldRate: share,
  suggested: thresholdRowSchema.nullable(),
  candidates: z.array(thresholdRowSchema),
});

export const backtestReportSchema = z.object({
  days: countSchema,
  compared: countSchema,
  changed: countSchema,
  refused: z
    .object({ current: countSchema, proposed: countSchema })
    .meta({ description: 'API posts each policy would have refused for want of a proof of work (from the signals stored with them).' }),
  classifier: thresholdReportSchema.nullable().meta({ description: 'Null while no trained model may vote.' }),
  transitions: z.array(
    z.object({
      from: status,
      to: status,
      count: countSchema,
      examples: z.array(
        z.object({ id: idSchema, body: z.string(), reasons: z.array(reasonSchema).meta({ description: "The proposed policy's votes, as a queue item's reasons are given." }) }),
      ),
    }),
  ),
});

/** How a proposed policy would have judged recent comments, against the policy in force. */
export type BacktestReport = z.infer<typeof backtestReportSchema>;

/** PUT /moderation/authors/{email}. */
export const authorStatusResultSchema = z.object({ author: z.object({ email: z.string().meta({ format: 'idn-email' }), status: authorStatusSchema.shape.status }) });

/** PATCH /moderation/threads/{threadKey}. */
export const threadClosedResultSchema = z.object({ thread: z.object({ key: z.string(), title: z.string().nullable(), url: z.string().nullable(), closed: z.boolean() }) });

/** GET /moderation/settings/status: whether every stored policy field is in force, and what is wrong otherwise. */
export const policyStatusSchema = z.object({
  valid: z.boolean(),
  problems: z.array(z.object({ field: z.string().meta({ description: 'The policy field; empty when the whole stored value is unusable.' }), message: z.string() })),
});
