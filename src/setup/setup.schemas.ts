import { z } from 'zod';
import { moderatorEmailSchema, moderatorPasswordSchema } from '../moderators/moderator.schemas.js';

/** GET /setup: whether the first admin still has to be created. */
export const setupStatusSchema = z.object({
  needed: z.boolean().meta({ description: 'True while no moderator account exists.' }),
});

/** POST /setup/admin: the first admin, with the token of the link printed at start. */
export const firstAdminSchema = z.object({
  token: z.string('setup.linkInvalid').min(1, 'setup.linkInvalid').max(200, 'setup.linkInvalid').meta({ description: 'The `setup` value of the link printed at start.' }),
  email: moderatorEmailSchema,
  password: moderatorPasswordSchema,
});

/** A parsed first-admin request. */
export type FirstAdminInput = z.infer<typeof firstAdminSchema>;
