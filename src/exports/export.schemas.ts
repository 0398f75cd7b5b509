import { z } from 'zod';
import { commentStatusSchema, storedEmailSchema } from '../comments/comment.schemas.js';
import { idSchema, timestampSchema } from '../shared/json-schemas.js';

/** One line of GET /moderation/export: every thread first, then every comment. */
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
  ])
  .meta({ id: 'ExportLine' });

/** One line of the export. */
export type ExportLine = z.infer<typeof exportLineSchema>;
