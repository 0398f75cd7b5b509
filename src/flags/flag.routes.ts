import { Router } from 'express';
import type { z } from 'zod';
import { commentParamsSchema, flagCommentSchema } from '../comments/comment.schemas.js';
import type { readerNoticeSchema } from '../shared/json-schemas.js';
import { requestLang } from '../http/lang.js';
import { parseInput } from '../http/validate.js';
import { translate } from '../i18n/i18n.js';
import { flagComment, type FlagDeps } from './flag.service.js';
import { signedInReader } from '../accounts/signed-in-reader.js';

/** POST /comments/{id}/flags: a reader reports a comment. */
export function flagRoutes(deps: FlagDeps): Router {
  const router = Router();
  router.post('/comments/:id/flags', async (req, res) => {
    const { id } = parseInput(commentParamsSchema, req.params, { code: 'not_found', message: 'comment.notFound' });
    const reader = await signedInReader(deps, req);
    const input = parseInput(flagCommentSchema, req.body, { code: 'validation_failed', message: 'title.validation' });
    await flagComment(deps, id, input, { reader, ip: req.ip });
    res.status(202).json({ message: translate(requestLang(req), 'flag.accepted') } satisfies z.infer<typeof readerNoticeSchema>);
  });
  return router;
}
