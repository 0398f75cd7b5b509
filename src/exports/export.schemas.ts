import { z } from 'zod';
import { commentStatusSchema, DECISION_ACTORS, storedEmailSchema } from '../comments/comment.schemas.js';
import { idSchema, timestampSchema } from '../shared/json-schemas.js';

/** One line of GET /moderation/export: every thread first, then every comment, then the decision log. */
export const exportLineSchema = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('thread'),
      key: z.string(),
      title: z.string().nullable(),
      url: z.string().nullable(),
      lang: z.string().nullable(),
      closed: z.boolean(),
      createdAt: timestampSchema,
    }),
    z.object({
      type: z.literal('comment'),
      id: idSchema,
      threadKey: z.string(),
      parentId: idSchema.nullable(),
      authorName: z.string(),
      authorEmail: storedEmailSchema,
      authorUrl: z.string().nullable(),
      body: z.string(),
      status: commentStatusSchema,
      lang: z.string().nullable(),
      createdAt: timestampSchema,
      editedAt: timestampSchema.nullable(),
      deletedAt: timestampSchema.nullable(),
      importKey: z.string().nullable(),
    }),
    z
      .object({
        type: z.literal('decision'),
        id: idSchema,
        commentId: idSchema,
        actor: z.enum(DECISION_ACTORS),
        moderatorEmail: z.string().nullable().meta({ description: "The deciding moderator's address; null for the rules, reader flags, authors and imports." }),
        fromStatus: commentStatusSchema.nullable(),
        toStatus: commentStatusSchema,
        action: z.string().nullable().meta({ description: '`feature` or `unfeature` for an editor\'s pick, `confirm` for a moderator\'s confirmation of the status the comment had, `undo` for a status an undo restored; null for a status change.' }),
        note: z.string().nullable(),
        batchId: z.string().nullable(),
        undoneAt: timestampSchema.nullable(),
        createdAt: timestampSchema,
      })
      .meta({ description: "One entry of the decision log: who decided what, when, and why; the moderators' decisions are the classifier's labels." }),
  ])
  .meta({ id: 'ExportLine' });

/** One line of the export. */
export type ExportLine = z.infer<typeof exportLineSchema>;
