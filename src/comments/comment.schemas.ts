import { z } from 'zod';
import type { MessageKey } from '../i18n/messages.js';
import { MAX_ROW_ID, pathIdSchema, timestampSchema } from '../shared/json-schemas.js';
import { asStorableLine, charLength, cutToCharacters, hasBidiOverride, hasUnsafeCharacters, isBlank, parseWebUrl, withoutBidiControls } from '../shared/text-checks.js';
import { publicCommentSchema } from '../threads/thread.schemas.js';
import { isValidEmail, withIdnaDots } from '../authors/email.js';
import { botFieldsShape } from '../bots/bot-fields.schemas.js';

/** Limits of SPEC section 3, for the form and for everything imported. */
export const COMMENT_LIMITS = { body: 5000, authorName: 100, authorEmail: 254, authorUrl: 200, threadTitle: 300, threadUrl: 2000 } as const;

type FieldCode = 'required' | 'too_long' | 'invalid';

function fail(ctx: z.RefinementCtx, message: MessageKey, code: FieldCode): void {
  ctx.addIssue({ code: 'custom', message, params: { fieldCode: code } });
}

/** A required text field: trimmed, not blank, at most `max` characters, no unsafe characters. */
function requiredText(message: MessageKey, max: number, options: { allowNewlines: boolean; allowBidi: boolean }) {
  return z
    .string({ error: (issue) => ({ message, params: { fieldCode: issue.input === undefined ? 'required' : 'invalid' } }) })
    .transform((value) => value.trim())
    .superRefine((value, ctx) => {
      if (isBlank(value)) return fail(ctx, message, 'required');
      if (charLength(value) > max) return fail(ctx, message, 'too_long');
      if (hasUnsafeCharacters(value, options) || (!options.allowBidi && hasBidiOverride(value))) fail(ctx, message, 'invalid');
    });
}

/** Empty form fields, and JSON's null (a client that mirrors `"parentId": null` of a top-level comment), mean "not given". */
function blankToUndefined(value: unknown): unknown {
  return value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value;
}

function optionalWebUrl(message: MessageKey, max: number) {
  return z.preprocess(
    blankToUndefined,
    z
      .string({ error: () => ({ message, params: { fieldCode: 'invalid' } }) })
      .transform((value) => value.trim())
      .superRefine((value, ctx) => {
        if (charLength(value) > max) return fail(ctx, message, 'too_long');
        // The URL parser reads a lone surrogate (as U+FFFD) and C1 controls, but the address is kept as sent, and no
        // database stores a lone surrogate: a page's address with one must be ignored as invalid, not refuse the comment.
        // Checked here, not in parseWebUrl, which the widget's bundle carries.
        if (hasUnsafeCharacters(value, { allowNewlines: false }) || !parseWebUrl(value)) fail(ctx, message, 'invalid');
      })
      .optional(),
  );
}

const authorEmail = z
  .string({ error: (issue) => ({ message: issue.input === undefined ? 'authorEmail.required' : 'authorEmail.invalid', params: { fieldCode: issue.input === undefined ? 'required' : 'invalid' } }) })
  .transform((value) => value.trim())
  .superRefine((value, ctx) => {
    if (value === '') return fail(ctx, 'authorEmail.required', 'required');
    if (charLength(value) > COMMENT_LIMITS.authorEmail) return fail(ctx, 'authorEmail.invalid', 'too_long');
    if (!isValidEmail(value)) fail(ctx, 'authorEmail.invalid', 'invalid');
  })
  // Stored (and mailed) with plain dots, so `ok@日本｡co｡jp` is kept as `ok@日本.co.jp`.
  .transform(withIdnaDots)
  .meta({
    format: 'idn-email',
    maxLength: COMMENT_LIMITS.authorEmail,
    description: 'Never shown. Internationalised addresses (RFC 6531: Arabic local parts, IDN domains) are accepted.',
  });

/** An address as stored with a comment: empty for anonymised authors and imports that had none. */
export const storedEmailSchema = z.union([z.string().meta({ format: 'idn-email' }), z.literal('')]);

/** A reply's parent: the id of a comment (whether it is one readers can reply to is the service's to say). */
/** A number, or the digits a form sends; anything else (a list, true, "1e0", "0x9") is no comment's id rather than one coerced into it. */
function asRowId(value: unknown): unknown {
  const given = blankToUndefined(value);
  if (given === undefined || typeof given === 'number') return given;
  return typeof given === 'string' && /^[0-9]+$/.test(given.trim()) ? Number(given) : Number.NaN;
}

export const parentIdSchema = z.preprocess(
  asRowId,
  z
    .number({ error: () => ({ message: 'parentId.invalid', params: { fieldCode: 'invalid' } }) })
    .int({ error: () => ({ message: 'parentId.invalid', params: { fieldCode: 'invalid' } }) })
    .min(1, { error: () => ({ message: 'parentId.invalid', params: { fieldCode: 'invalid' } }) })
    .max(MAX_ROW_ID, { error: () => ({ message: 'parentId.invalid', params: { fieldCode: 'invalid' } }) })
    .optional(),
);

const optionalText = (max: number) =>
  z.preprocess(
    // Bidi controls go: a page title with an override (U+202E) showed reversed in the queue, and refusing it would
    // refuse the reader's comment that carried it.
    (value) => blankToUndefined(typeof value === 'string' ? withoutBidiControls(value) : value),
    z
      .string({ error: () => ({ message: 'field.invalid', params: { fieldCode: 'invalid' } }) })
      .transform((value) => value.trim())
      .superRefine((value, ctx) => {
        if (charLength(value) > max) return ctx.addIssue({ code: 'custom', message: 'field.tooLong', params: { fieldCode: 'too_long', messageParams: { maximum: max } } });
        if (hasUnsafeCharacters(value, { allowNewlines: false })) fail(ctx, 'field.invalid', 'invalid');
      })
      .optional(),
  );

/** A thread's title and address as posts (and moderators) give them; blank means not given. */
export const threadTitleSchema = optionalText(COMMENT_LIMITS.threadTitle);
export const threadUrlSchema = optionalWebUrl('field.invalid', COMMENT_LIMITS.threadUrl);

const langHint = z.preprocess(
  (value) => (value === 'ar' || value === 'en' ? value : undefined),
  z.enum(['ar', 'en']).optional(),
);

/** "Notify me" checkbox: JSON sends a boolean, a form sends "on" when ticked and nothing otherwise. */
const notifyFlag = z.preprocess(
  (value) => (value === 'on' || value === 'true' || value === '1' ? true : value === 'false' || value === '0' || value === '' ? false : (value ?? undefined)),
  z.boolean({ error: () => ({ message: 'field.invalid', params: { fieldCode: 'invalid' } }) }).optional(),
);

/** The editable part of a comment. */
const commentBodySchema = requiredText('body.required', COMMENT_LIMITS.body, { allowNewlines: true, allowBidi: true }).meta({
  description: 'The comment text, 1 to 5000 characters after trimming.',
});

/** POST /threads/{threadKey}/comments, JSON or form-encoded. */
export const createCommentSchema = z.object({
  body: commentBodySchema,
  authorName: requiredText('authorName.required', COMMENT_LIMITS.authorName, { allowNewlines: false, allowBidi: false }).meta({
    maxLength: COMMENT_LIMITS.authorName,
    description: 'Shown with the comment; 1 to 100 characters after trimming.',
  }),
  authorEmail,
  authorUrl: optionalWebUrl('authorUrl.invalid', COMMENT_LIMITS.authorUrl).meta({
    format: 'iri',
    maxLength: COMMENT_LIMITS.authorUrl,
    description: "The author's website: an absolute http(s) URL (internationalised addresses are accepted).",
  }),
  parentId: parentIdSchema.meta({ description: 'The approved comment of the same thread this one replies to.' }),
  // The page's description of itself, not the reader's words: an invalid one is ignored as an untrusted one is. Refused,
  // it refused the reader's comment, and a no-JS form sent it back as a hidden field nobody could correct. The widget
  // sends the page's whole title; a long one is cut here, by characters, and characters no title shows (a NUL, a lone
  // surrogate, a line break) are mended rather than the title dropped.
  threadTitle: z
    .preprocess((value) => (typeof value === 'string' ? cutToCharacters(asStorableLine(value).trim(), COMMENT_LIMITS.threadTitle) : value), threadTitleSchema)
    .catch(undefined)
    .meta({
      description:
        "The article's title, stored with threadUrl when the thread is first used, if the request comes from a page on the URL's origin (one ALLOWED_ORIGINS names, or PUBLIC_URL's); ignored otherwise, and when invalid. A title longer than 300 characters is cut to 300; control characters are dropped, line breaks read as spaces and a lone surrogate as U+FFFD.",
    }),
  threadUrl: threadUrlSchema.catch(undefined).meta({
    format: 'iri',
    maxLength: COMMENT_LIMITS.threadUrl,
    description:
      "The article's address: stored when the thread is first used if it is on an origin ALLOWED_ORIGINS names (or PUBLIC_URL's) and the request comes from that origin; form posts return there when it is on such an origin. Ignored when invalid.",
  }),
  lang: langHint.meta({ description: 'Language of the messages in the answer (and of the thread, on first use).' }),
  commenterKey: z
    .preprocess(blankToUndefined, z.string().max(200).optional())
    .catch(undefined)
    .meta({ description: 'The key a previous answer (or the confirmation link) gave this author; an invalid key is ignored.' }),
  notify: notifyFlag.meta({ description: 'Mail the author when the comment is approved and when someone replies (a form sends `on`).' }),
  ...botFieldsShape,
});

export type CreateCommentInput = z.infer<typeof createCommentSchema>;

/** POST /threads/{threadKey}/comments with a valid sign-in token: the name and email come from the account (any sent are ignored). */
export const signedInCommentSchema = createCommentSchema.omit({ authorName: true, authorEmail: true, commenterKey: true });

/** A comment's fields besides who wrote it. */
export type CommentFieldsInput = z.infer<typeof signedInCommentSchema>;

/** The request body as documented: a guest must send `authorName` and `authorEmail` (422 otherwise), a signed-in reader need not. */
export const postCommentBodySchema = createCommentSchema.partial({ authorName: true, authorEmail: true }).meta({
  description: 'With `Authorization: Bearer <jwt>` (a valid sign-in token) `authorName` and `authorEmail` may be omitted: the account supplies them.',
});

/** POST /moderation/comments/{id}/reply: a moderator answers a published comment from the dashboard. */
export const staffReplySchema = z.object({
  body: commentBodySchema,
  authorName: createCommentSchema.shape.authorName.meta({
    maxLength: COMMENT_LIMITS.authorName,
    description: 'The name shown with the reply (e.g. the moderator\'s name or "The editors"), beside the `staff` badge.',
  }),
  lang: langHint.meta({ description: 'Language of the reply.' }),
});

/** PATCH /comments/{id}. */
export const editCommentSchema = z.object({ body: commentBodySchema, lang: langHint });

/** Path parameter of comment routes. */
export const commentParamsSchema = z.object({ id: pathIdSchema });

/** Every status a stored comment may have; moderators see them all, readers only their own. */
export const commentStatusSchema = z.enum(['pending', 'flagged', 'approved', 'rejected', 'spam']);

/** Who or what changed a comment, as its decision log says (`demo`: the demo threads Majlis seeds, which are nobody's decisions). */
export const DECISION_ACTORS = ['moderator', 'pipeline', 'flags', 'author', 'privacy', 'import', 'demo'] as const;

/** One of {@link DECISION_ACTORS}. */
export type DecisionActor = (typeof DECISION_ACTORS)[number];

/** Why a reader may report a comment. */
export const FLAG_REASONS = ['spam', 'abuse', 'off_topic', 'other'] as const;

/** POST /comments/{id}/flags. */
export const flagCommentSchema = z.object({
  reason: z.enum(FLAG_REASONS, {
    error: () => ({ message: 'flag.reason.invalid', params: { fieldCode: 'invalid' } }),
  }),
  note: z.preprocess(
    blankToUndefined,
    z
      .string({ error: () => ({ message: 'flag.note.invalid', params: { fieldCode: 'invalid' } }) })
      .transform((value) => value.trim())
      .superRefine((value, ctx) => {
        if (charLength(value) > 500) return fail(ctx, 'flag.note.invalid', 'too_long');
        if (hasUnsafeCharacters(value, { allowNewlines: true })) fail(ctx, 'field.characters', 'invalid');
      })
      .optional(),
  ),
  lang: langHint,
});

/** The status a reader may learn about their own comment; `spam` and `flagged` read as `pending`. */
const visibleStatusSchema = z.enum(['approved', 'pending', 'rejected']);

/** 201 of POST /threads/{threadKey}/comments (JSON requests). */
export const createdCommentSchema = z
  .object({
    comment: publicCommentSchema,
    status: visibleStatusSchema.meta({ description: 'Only `approved` comments are public.' }),
    message: z.string().meta({ description: 'What to tell the reader, in the language of the request.' }),
    editToken: z.string().meta({ description: 'Send it as X-Edit-Token to see, edit or delete this comment.' }),
    commenterKey: z.string().meta({ description: 'Send it back as `commenterKey` with later comments: it makes the author known.' }),
  })
  .meta({ id: 'CreatedComment' });

/** The author's view of their own comment (GET and PATCH /comments/{id}). */
export const ownCommentSchema = z
  .object({
    comment: publicCommentSchema,
    status: visibleStatusSchema,
    editableUntil: timestampSchema,
    message: z.string(),
  })
  .meta({ id: 'OwnComment' });
