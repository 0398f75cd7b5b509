import { Router } from 'express';
import type { z } from 'zod';
import type { Config } from '../config/config.js';
import { parseInput } from '../http/validate.js';
import type { Clock } from '../shared/clock.js';
import { threadParamsSchema } from '../threads/thread.schemas.js';
import type { formTicketSchema } from './bot-fields.schemas.js';
import { issueFormTicket } from './form-ticket.js';

/**
 * The form ticket for a thread's comment form. Thread pages are shared-cached, so the signed render time
 * cannot ride in them; the widget asks here when the reader first focuses the form. Never cached.
 */
export function formTicketRoutes(deps: { config: Config; clock: Clock }): Router {
  const router = Router();
  router.get('/threads/:threadKey/ticket', (req, res) => {
    parseInput(threadParamsSchema, req.params, { code: 'invalid_thread_key', message: 'threadKey.invalid' });
    res.set('Cache-Control', 'no-store').json({ formTicket: issueFormTicket(deps.config.SECRET, deps.clock.now()) } satisfies z.infer<typeof formTicketSchema>);
  });
  return router;
}
