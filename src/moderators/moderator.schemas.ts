import { z } from 'zod';
import { idSchema, timestampSchema } from '../shared/json-schemas.js';

/** POST /auth/login. */
export const loginSchema = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1000),
});

/** POST /moderation/moderators (admins only). */
export const createModeratorSchema = z.object({
  email: z.string().trim().min(3).max(254).regex(/^[^\s@]+@[^\s@]+$/),
  password: z.string().min(12, 'at least 12 characters').max(1000),
  role: z.enum(['admin', 'moderator']).default('moderator'),
});

/** A moderator account as the API shows it. */
export const moderatorViewSchema = z
  .object({ id: idSchema, email: z.string(), role: z.enum(['admin', 'moderator']) })
  .meta({ id: 'Moderator' });

/** 200 of POST /auth/login: the bearer token, shown once. */
export const sessionSchema = z.object({ token: z.string(), moderator: moderatorViewSchema, expiresAt: timestampSchema });

/** GET /auth/me and 201 of POST /moderation/moderators. */
export const oneModeratorSchema = z.object({ moderator: moderatorViewSchema });

/** GET /moderation/moderators. */
export const moderatorListSchema = z.object({ items: z.array(moderatorViewSchema) });
