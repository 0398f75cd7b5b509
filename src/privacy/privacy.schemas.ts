import { z } from 'zod';
import { commentStatusSchema, storedEmailSchema } from '../comments/comment.schemas.js';
import { DECISION_ACTORS } from '../comments/comment.schemas.js';
import { countSchema, idSchema, timestampSchema } from '../shared/json-schemas.js';
import { accountRecordSchema } from '../accounts/account.schemas.js';

/** What the privacy audit log records: an export of a subject's data, or an erasure. */
export const PRIVACY_ACTIONS = ['export', 'anonymise', 'delete'] as const;

/** POST /moderation/privacy/{email}/erase. */
export const eraseSchema = z.object({
  mode: z.enum(['anonymise', 'delete'], { error: () => ({ message: 'privacy.mode.invalid', params: { fieldCode: 'invalid' } }) }),
});

/** GET /moderation/privacy/{email}: everything stored about an address (right of access). */
export const subjectRecordSchema = z.object({
  email: z.string().meta({ format: 'idn-email', description: 'The normalised address the record is kept under.' }),
  author: z.object({ status: z.enum(['trusted', 'normal', 'banned']), emailConfirmedAt: timestampSchema.nullable(), createdAt: timestampSchema }).nullable(),
  comments: z.array(
    z.object({
      id: idSchema,
      thread: z.object({ key: z.string(), title: z.string().nullable(), url: z.string().nullable() }),
      parentId: idSchema.nullable(),
      authorName: z.string(),
      authorEmail: storedEmailSchema,
      authorUrl: z.string().nullable(),
      body: z.string(),
      status: commentStatusSchema,
      lang: z.string().nullable(),
      userAgent: z.string().nullable(),
      ipHashStored: z.boolean().meta({ description: 'Whether a keyed hash of the IP address is stored (the hash itself is never handed out).' }),
      notify: z.boolean(),
      createdAt: timestampSchema,
      editedAt: timestampSchema.nullable(),
      deletedAt: timestampSchema.nullable(),
      reasons: z
        .array(z.object({ rule: z.string(), vote: z.string(), detail: z.string() }))
        .meta({ description: 'Why the moderation pipeline decided as it did: each rule that voted, and what it said.' }),
      decisions: z.array(
        z.object({ actor: z.enum(DECISION_ACTORS), fromStatus: commentStatusSchema.nullable(), toStatus: commentStatusSchema, note: z.string().nullable(), createdAt: timestampSchema }),
      ),
    }),
  ),
  accounts: z
    .array(accountRecordSchema)
    .meta({ description: "Signed-in accounts whose identity provider gave this address; their comments are among `comments`." }),
  mails: z
    .array(
      z.object({
        kind: z.string(),
        subject: z.string(),
        text: z.string(),
        status: z.enum(['pending', 'delivered', 'failed']),
        createdAt: timestampSchema,
        sentAt: timestampSchema.nullable(),
      }),
    )
    .meta({ description: 'The mails Majlis keeps that were sent, or wait to be sent, to this address (its confirmation link, notifications).' }),
  flags: z.object({ linkable: z.literal(false), note: z.string() }),
  privacyActions: z.array(z.object({ action: z.enum(PRIVACY_ACTIONS), commentIds: z.array(idSchema), createdAt: timestampSchema })),
});

/** 200 of POST /moderation/privacy/{email}/erase: what was done. */
export const erasureResultSchema = z.object({
  mode: eraseSchema.shape.mode,
  comments: countSchema,
  anonymised: countSchema,
  deleted: countSchema,
  tombstoned: countSchema.meta({ description: 'Deleted comments kept as empty tombstones because they have replies.' }),
});
