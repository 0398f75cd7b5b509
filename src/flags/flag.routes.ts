import { Router } from 'express';
import type { z } from 'zod';
import { commentParamsSchema, flagCommentSchema } from '../comments/comment.schemas.js';
import type { readerNoticeSchema } from '../shared/json-schemas.js';
import { requestLang } from '../http/lang.js';
import { parseInput } from '../http/validate.js';
import { limitWrites } from '../http/write-limit.js';
import { translate } from '../i18n/i18n.js';
import { flagComment, type FlagDeps } from './flag.service.js';

/** POST /comments/{id}/flags: a reader reports a comment. */
export function flagRoutes(deps: FlagDeps): Router {
  const router = Router();
  router.post('/comments/:id/flags', limitWrites(deps), async (req, res) => {
    const { id } = parseInput(commentParamsSchema, req.params, { code: 'not_found', message: 'comment.notFound' });
    const input = parseInput(flagCommentSchema, req.body, { code: 'validation_failed', message: 'title.validation' });
    await flagComment(deps, id, input, req.ip);
    res.status(202).json({ message: translate(requestLang(req), 'flag.accepted') } satisfies z.infer<typeof readerNoticeSchema>);
  });
  return router;
}
