import { z } from 'zod';
import { LANGUAGES } from '../i18n/i18n.js';
import { idSchema, timestampSchema } from '../shared/json-schemas.js';
import { MIN_PASSWORD_LENGTH } from './password-rules.js';
import { hasUnsafeCharacters } from '../shared/text-checks.js';

/** Direction marks, overrides, isolates and zero-width characters: nothing a sign-in address needs, all of them ways to disguise one. */
const INVISIBLE_IN_ADDRESS = /[\u200B-\u200F\u061C\u202A-\u202E\u2066-\u2069\uFEFF]/u;

/** A moderator's sign-in address; messages are catalogue keys, so every caller can say them in Arabic too. */
export const moderatorEmailSchema = z
  .string('moderator.email.invalid')
  .trim()
  .min(3, 'moderator.email.invalid')
  .max(254, 'moderator.email.invalid')
  .regex(/^[^\s@]+@[^\s@]+$/, 'moderator.email.invalid')
  // Bidi overrides and controls would show the address reversed or hidden in the dashboard and `admin list`.
  .refine((email) => !INVISIBLE_IN_ADDRESS.test(email) && !hasUnsafeCharacters(email, { allowNewlines: false }), 'moderator.email.invalid');

/** A moderator's password: long rather than clever. */
export const moderatorPasswordSchema = z
  .string('moderator.password.tooShort')
  .min(MIN_PASSWORD_LENGTH, 'moderator.password.tooShort')
  .max(1000, 'moderator.password.tooLong');

/** POST /auth/login. */
export const loginSchema = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1000),
});

/** POST /moderation/moderators (admins only), and `npm run admin -- create`. */
export const createModeratorSchema = z.object({
  email: moderatorEmailSchema,
  password: moderatorPasswordSchema,
  role: z.enum(['admin', 'moderator']).default('moderator'),
});

/** A moderator account as the API shows it; `lang` is the language of their mail, the dashboard's as they last chose it. */
export const moderatorViewSchema = z
  .object({
    id: idSchema,
    email: z.string(),
    role: z.enum(['admin', 'moderator']),
    lang: z.enum(LANGUAGES),
    disabled: z.boolean().meta({ description: 'An admin took its access away: it cannot sign in, and gets no mail.' }),
  })
  .meta({ id: 'Moderator' });

/** PATCH /moderation/moderators/{id} (admins only), and `npm run admin -- update`: at least one change. */
export const changeModeratorSchema = z
  .object({
    role: z.enum(['admin', 'moderator'], 'moderator.role.invalid').optional(),
    password: moderatorPasswordSchema.optional().meta({ description: 'A new password; every session of the account ends.' }),
    disabled: z.boolean('field.invalid').optional().meta({ description: 'true takes the access away (sign-in refused, sessions ended); false gives it back.' }),
  })
  .refine((change) => change.role !== undefined || change.password !== undefined || change.disabled !== undefined, { message: 'moderator.change.empty' });

/** PATCH /auth/me: what a moderator changes of their own account: the language of their mail, their password (given the current one). */
export const updateOwnAccountSchema = z
  .object({
    lang: z.enum(LANGUAGES, 'moderator.lang.invalid').optional(),
    password: moderatorPasswordSchema.optional().meta({ description: 'A new password; the account\'s other sessions end.' }),
    currentPassword: z.string('moderator.currentPassword.wrong').max(1000, 'moderator.currentPassword.wrong').optional(),
  })
  .refine((change) => change.lang !== undefined || change.password !== undefined, { message: 'moderator.own.empty' })
  .refine((change) => change.password === undefined || change.currentPassword !== undefined, { message: 'moderator.currentPassword.wrong', path: ['currentPassword'] });

/** 200 of POST /auth/login and 201 of POST /setup/admin: the bearer token, shown once. */
export const sessionSchema = z.object({ token: z.string(), moderator: moderatorViewSchema, expiresAt: timestampSchema });

/** GET /auth/me and 201 of POST /moderation/moderators. */
export const oneModeratorSchema = z.object({ moderator: moderatorViewSchema });

/** GET /moderation/moderators. */
export const moderatorListSchema = z.object({ items: z.array(moderatorViewSchema) });

/** The body of a sign-in answer (POST /auth/login, and the first-run setup that signs the new admin in). */
export type SessionResponse = z.infer<typeof sessionSchema>;
