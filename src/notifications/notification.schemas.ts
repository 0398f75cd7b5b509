import { z } from 'zod';

/** Query of the landing pages of mail links: the signed token the link carries. */
export const tokenQuerySchema = z.object({ token: z.string().min(10).max(300) });

/** 200 of POST /confirm for a client that asks for JSON: the confirmed author's commenter key. */
export const confirmationSchema = z.object({
  message: z.string(),
  commenterKey: z.string().meta({ description: 'Send it back as `commenterKey` with later comments.' }),
});
