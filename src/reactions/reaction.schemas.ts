import { z } from 'zod';
import { countSchema } from '../shared/json-schemas.js';

/** The browser id the widget keeps: random, url-safe. */
export const readerIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{16,64}$/)
  .meta({ description: 'A random id the widget keeps in the browser (16-64 of A-Z a-z 0-9 _ -); also accepted as the X-Majlis-Reader header.' });

/** Body of POST and DELETE /comments/{id}/reactions: all optional, an empty body is a guest without a browser id. */
export const reactionInputSchema = z.preprocess(
  (body) => body ?? {},
  z.object({
    readerId: readerIdSchema.optional(),
    commenterKey: z.string().max(200).optional().meta({ description: 'A known author counts once wherever they read; needs `authorEmail`.' }),
    authorEmail: z.string().max(320).optional(),
    toggle: z.string().max(10).optional().meta({ description: 'Form posts (no-JS page): react, or take the reaction back if already given.' }),
    sort: z.string().max(10).optional().meta({ description: 'Form posts: the order of the page to return to.' }),
    cursor: z.string().max(200).optional().meta({ description: 'Form posts: where in that order the page to return to starts.' }),
    lang: z.string().max(20).optional(),
  }),
);

/** The answer of POST and DELETE /comments/{id}/reactions (SPEC section 8). */
export const reactionResultSchema = z.object({
  reactions: countSchema.meta({ description: 'Readers who react to the comment now.' }),
  reacted: z.boolean().meta({ description: 'Whether this reader now reacts to it.' }),
});

export type ReactionResult = z.infer<typeof reactionResultSchema>;
