import { z } from 'zod';
import { countSchema, idSchema, pathIdSchema, timestampSchema } from '../shared/json-schemas.js';

/** The key a site gives each article (CMS post id or slug). */
export const threadKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/)
  .meta({ description: 'The article identifier chosen by the site.', examples: ['post-123'] });

/** Path parameters of thread routes. */
export const threadParamsSchema = z.object({ threadKey: threadKeySchema });

/** Query of GET /threads/{threadKey}/comments. */
export const listCommentsQuerySchema = z.object({
  sort: z
    .enum(['oldest', 'newest', 'best'])
    .default('oldest')
    .meta({ description: '`best` ranks top-level comments by the lower bound of the Wilson interval of reactions over the readers active in the thread since each was published (docs/decisions/0016-reactions-best-order-and-live-updates.md).' }),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
  lang: z.string().max(20).optional(),
});

export type ListCommentsQuery = z.infer<typeof listCommentsQuerySchema>;

/** PublicComment of SPEC section 3: never an email, IP or status. */
export interface PublicComment {
  id: number;
  parentId: number | null;
  authorName: string;
  authorUrl: string | null;
  avatar: string;
  body: string;
  createdAt: string;
  edited: boolean;
  deleted: boolean;
  reactions: number;
  featured: boolean;
  /** Set by a signed-in reader's claims, e.g. "subscriber", "staff"; empty for guests. */
  badges: string[];
  replies: PublicComment[];
  /** On a top-level comment whose conversation the page shows only in part: all its approved replies. */
  replyCount?: number;
  /** With `replyCount`: the `cursor` of GET /threads/{threadKey}/comments/{id}/replies for the rest. */
  repliesCursor?: string;
}

/** The fields of a public comment besides its replies; moderators see them too. */
export const publicCommentFields = {
  id: idSchema,
  parentId: idSchema.nullable(),
  authorName: z.string(),
  authorUrl: z.string().nullable().meta({ description: 'The http(s) address the author gave, as typed (it may be an internationalised IRI).' }),
  avatar: z.string().meta({ format: 'uri-reference', description: 'URL of a generated avatar served by Majlis (no third-party request); relative unless PUBLIC_URL is set. One per author who proved who they are (signed in, commenter key, confirmed address); a comment whose author only typed an address has its own.' }),
  body: z.string(),
  createdAt: timestampSchema,
  edited: z.boolean(),
  deleted: z.boolean().meta({ description: 'A comment its author deleted, kept only because it has replies.' }),
  reactions: countSchema.meta({ description: 'Readers who reacted to it ("Respect"), one per reader.' }),
  featured: z.boolean().meta({ description: "An editors' pick." }),
  badges: z.array(z.string()).meta({ description: 'Badges of a signed-in author (e.g. `subscriber`, `staff`), from the site\'s claims; empty for guests. Plain text: show it isolated (`<bdi>`).' }),
};

/** How many replies each conversation shows on a thread page; GET …/comments/{id}/replies reads the rest. */
export const REPLIES_PER_CONVERSATION = 50;

/** The response schema of a public comment, for the OpenAPI document. */
export const publicCommentSchema: z.ZodType<PublicComment> = z
  .object({
    ...publicCommentFields,
    get replies() {
      return z.array(publicCommentSchema);
    },
    replyCount: countSchema.optional().meta({
      description: `Only on a top-level comment with more than ${REPLIES_PER_CONVERSATION} replies: how many replies readers can see in its conversation in all (approved, below approved comments; the placeholders of deleted replies that hold a shown reply included).`,
    }),
    repliesCursor: z.string().optional().meta({
      description: 'Only with `replyCount`: the `cursor` of GET /threads/{threadKey}/comments/{id}/replies that reads the replies after those shown here.',
    }),
  })
  .meta({
    id: 'PublicComment',
    description: `\`replies\` are the approved replies, nested. A top-level comment on a thread page carries at most the first ${REPLIES_PER_CONVERSATION} replies of its conversation (in the order they were written); when there are more, it also has \`replyCount\` and \`repliesCursor\`.`,
  });

/** Path parameters of GET /threads/{threadKey}/comments/{id}/replies. */
export const conversationParamsSchema = z.object({
  threadKey: threadKeySchema,
  /** The top-level comment that opens the conversation. */
  id: pathIdSchema,
});

/** Query of GET /threads/{threadKey}/comments/{id}/replies. */
export const listRepliesQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z
    .string()
    .max(200)
    .optional()
    .meta({ description: "A top-level comment's `repliesCursor`, or the `nextCursor` of a previous answer; without it, the conversation's replies from the start." }),
  lang: z.string().max(20).optional(),
});

export type ListRepliesQuery = z.infer<typeof listRepliesQuerySchema>;

/** The response of GET /threads/{threadKey}/comments/{id}/replies. */
export const repliesPageSchema = z
  .object({
    replies: z.array(publicCommentSchema).meta({
      description: 'The next approved replies of the conversation, flat, in the order they were written (the order of a thread page), each with its `parentId` and an empty `replies`. A reply below a comment that is not public is left out, as on the thread page.',
    }),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'RepliesPage' });

export type RepliesPage = z.infer<typeof repliesPageSchema>;

/** The response of GET /threads/{threadKey}/comments. */
export const threadPageSchema = z.object({
  thread: z.object({
    key: z.string(),
    title: z.string().nullable(),
    url: z.string().nullable(),
    closed: z.boolean(),
    commentCount: countSchema.meta({ description: 'The comments readers can see in the thread: approved, not deleted, and not below a comment that is not public.' }),
  }),
  comments: z.array(publicCommentSchema),
  picks: z.array(publicCommentSchema).meta({ description: "Editors' picks of the thread, newest pick first (on the first page only; empty on later pages)." }),
  nextCursor: z.string().nullable(),
});

export type ThreadPage = z.infer<typeof threadPageSchema>;

/** Query of GET /counts: up to 100 thread keys, comma-separated. */
export const countsQuerySchema = z.object({
  threads: z
    .string()
    .meta({ description: 'Thread keys, comma-separated; at most 100.', examples: ['post-123,post-124'] })
    .transform((value) => [...new Set(value.split(',').map((key) => key.trim()).filter(Boolean))])
    .pipe(z.array(threadKeySchema).min(1).max(100)),
});

/** The response of GET /counts: approved comments per requested key. */
export const countsSchema = z.object({
  counts: z.record(z.string(), countSchema).meta({ description: "Each thread's `commentCount`: its approved comments that readers can see (not deleted, not below a comment that is not public)." }),
});
