import { z } from 'zod';

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
