import { z } from 'zod';
import { commentStatusSchema, DECISION_ACTORS, storedEmailSchema } from '../comments/comment.schemas.js';
import { idSchema, timestampSchema } from '../shared/json-schemas.js';

/** A thread line of the export. */
export const exportThreadSchema = z.object({
  type: z.literal('thread'),
  key: z.string(),
  title: z.string().nullable(),
  url: z.string().nullable(),
  lang: z.string().nullable(),
  closed: z.boolean(),
  createdAt: timestampSchema,
});

/** A comment line of the export: its parent by id, and by import key where the parent came from elsewhere. */
export const exportCommentSchema = z.object({
  type: z.literal('comment'),
  id: idSchema,
  threadKey: z.string(),
  parentId: idSchema.nullable(),
  parentImportKey: z
    .string()
    .nullable()
    .meta({ description: "The parent's `importKey` (null without a parent): how an import of this file finds the parent, since ids name rows of this installation only." }),
  authorName: z.string(),
  authorEmail: storedEmailSchema,
  authorUrl: z.string().nullable(),
  body: z.string(),
  status: commentStatusSchema,
  lang: z.string().nullable(),
  createdAt: timestampSchema,
  editedAt: timestampSchema.nullable(),
  deletedAt: timestampSchema.nullable(),
  importKey: z
    .string()
    .nullable()
    .meta({
      description:
        "The key an import knows the comment by: the one it was imported under (a WordPress or Disqus file's, another installation's), else `majlis:<origin>:<id>`, where `origin` names this installation (the same in all its exports). Null only in exports written before it was given.",
    }),
});

/** A decision-log line of the export. */
export const exportDecisionSchema = z
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
  .meta({ description: "One entry of the decision log: who decided what, when, and why; the moderators' decisions are the classifier's labels." });

/** One line of GET /moderation/export: every thread first, then every comment, then the decision log. */
export const exportLineSchema = z.discriminatedUnion('type', [exportThreadSchema, exportCommentSchema, exportDecisionSchema]).meta({ id: 'ExportLine' });

/** One line of the export. */
export type ExportLine = z.infer<typeof exportLineSchema>;
