import { z } from 'zod';
import type { MessageKey } from '../i18n/messages.js';
import { charLength, hasBidiOverride, hasUnsafeCharacters, isBlank, parseWebUrl } from '../shared/text-checks.js';
import { isValidEmail } from './email.js';

/** Limits of SPEC section 3. */
export const LIMITS = { body: 5000, authorName: 100, authorEmail: 254, authorUrl: 200, threadTitle: 300, threadUrl: 2000 } as const;

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

/** Empty form fields mean "not given". */
function blankToUndefined(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

function optionalWebUrl(message: MessageKey, max: number) {
  return z.preprocess(
    blankToUndefined,
    z
      .string({ error: () => ({ message, params: { fieldCode: 'invalid' } }) })
      .transform((value) => value.trim())
      .superRefine((value, ctx) => {
        if (charLength(value) > max) return fail(ctx, message, 'too_long');
        if (!parseWebUrl(value)) fail(ctx, message, 'invalid');
      })
      .optional(),
  );
}

const authorEmail = z
  .string({ error: (issue) => ({ message: issue.input === undefined ? 'authorEmail.required' : 'authorEmail.invalid', params: { fieldCode: issue.input === undefined ? 'required' : 'invalid' } }) })
  .transform((value) => value.trim())
  .superRefine((value, ctx) => {
    if (value === '') return fail(ctx, 'authorEmail.required', 'required');
    if (charLength(value) > LIMITS.authorEmail) return fail(ctx, 'authorEmail.invalid', 'too_long');
    if (!isValidEmail(value)) fail(ctx, 'authorEmail.invalid', 'invalid');
  })
  .meta({ format: 'email', description: 'Never shown. Internationalised addresses are accepted.' });

const parentId = z.preprocess(
  blankToUndefined,
  z.coerce
    .number({ error: () => ({ message: 'parentId.invalid', params: { fieldCode: 'invalid' } }) })
    .int({ error: () => ({ message: 'parentId.invalid', params: { fieldCode: 'invalid' } }) })
    .min(1, { error: () => ({ message: 'parentId.invalid', params: { fieldCode: 'invalid' } }) })
    .max(Number.MAX_SAFE_INTEGER, { error: () => ({ message: 'parentId.invalid', params: { fieldCode: 'invalid' } }) })
    .optional(),
);

const optionalText = (max: number) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: () => ({ message: 'field.invalid', params: { fieldCode: 'invalid' } }) })
      .transform((value) => value.trim())
      .superRefine((value, ctx) => {
        if (charLength(value) > max) return fail(ctx, 'field.invalid', 'too_long');
        if (hasUnsafeCharacters(value, { allowNewlines: false })) fail(ctx, 'field.invalid', 'invalid');
      })
      .optional(),
  );

const langHint = z.preprocess(
  (value) => (value === 'ar' || value === 'en' ? value : undefined),
  z.enum(['ar', 'en']).optional(),
);

/** "Notify me" checkbox: JSON sends a boolean, a form sends "on" when ticked and nothing otherwise. */
const notifyFlag = z.preprocess(
  (value) => (value === 'on' || value === 'true' || value === '1' ? true : value === 'false' || value === '0' || value === '' ? false : value),
  z.boolean({ error: () => ({ message: 'field.invalid', params: { fieldCode: 'invalid' } }) }).optional(),
);

/** The editable part of a comment. */
export const commentBodySchema = requiredText('body.required', LIMITS.body, { allowNewlines: true, allowBidi: true }).meta({
  description: 'The comment text, 1 to 5000 characters after trimming.',
});

/** POST /threads/{threadKey}/comments, JSON or form-encoded. */
export const createCommentSchema = z.object({
  body: commentBodySchema,
  authorName: requiredText('authorName.required', LIMITS.authorName, { allowNewlines: false, allowBidi: false }),
  authorEmail,
  authorUrl: optionalWebUrl('authorUrl.invalid', LIMITS.authorUrl),
  parentId,
  threadTitle: optionalText(LIMITS.threadTitle),
  threadUrl: optionalWebUrl('field.invalid', LIMITS.threadUrl),
  lang: langHint,
  commenterKey: z.preprocess(blankToUndefined, z.string().max(200).optional()).catch(undefined),
  notify: notifyFlag,
});

export type CreateCommentInput = z.infer<typeof createCommentSchema>;

/** PATCH /comments/{id}. */
export const editCommentSchema = z.object({ body: commentBodySchema, lang: langHint });

/** Path parameter of comment routes. */
export const commentParamsSchema = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });

/** POST /comments/{id}/flags. */
export const flagCommentSchema = z.object({
  reason: z.enum(['spam', 'abuse', 'off_topic', 'other'], {
    error: () => ({ message: 'flag.reason.invalid', params: { fieldCode: 'invalid' } }),
  }),
  note: z.preprocess(
    blankToUndefined,
    z
      .string({ error: () => ({ message: 'flag.note.invalid', params: { fieldCode: 'invalid' } }) })
      .transform((value) => value.trim())
      .superRefine((value, ctx) => {
        if (charLength(value) > 500) return fail(ctx, 'flag.note.invalid', 'too_long');
        if (hasUnsafeCharacters(value, { allowNewlines: true })) fail(ctx, 'flag.note.invalid', 'invalid');
      })
      .optional(),
  ),
  lang: langHint,
});
