import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import { commentParamsSchema, flagCommentSchema } from '../comments/comment.schemas.js';
import { formReturnUrl } from '../comments/form-redirect.js';
import { CSP } from '../http/csp.js';
import { renderPage } from '../http/small-page.js';
import type { readerNoticeSchema } from '../shared/json-schemas.js';
import { requestLang } from '../http/lang.js';
import { parseInput } from '../http/validate.js';
import { limitWrites } from '../http/write-limit.js';
import { translate } from '../i18n/i18n.js';
import { html } from '../shared/html.js';
import { flagComment, type FlagDeps } from './flag.service.js';
import { signedInReader } from '../accounts/signed-in-reader.js';

/** A no-JavaScript report goes back to the thread page it came from, which then thanks the reader. */
function answerForm(deps: FlagDeps, req: Request, res: Response, id: number): void {
  const typed: unknown = req.body;
  const threadUrl = typeof typed === 'object' && typed !== null && 'threadUrl' in typed && typeof typed.threadUrl === 'string' ? typed.threadUrl : undefined;
  const target = formReturnUrl(req, deps.config, [threadUrl, req.get('referer')]);
  if (target) {
    target.searchParams.delete('report');
    target.searchParams.set('majlis-flag', 'sent');
    target.hash = `comment-${id}`;
    res.redirect(303, target.toString());
    return;
  }
  const message = translate(requestLang(req), 'flag.accepted');
  res.status(202).set('Content-Security-Policy', CSP.smallPage).type('html').send(renderPage(requestLang(req), message, html`<p role="status">${message}</p>`));
}

/** POST /comments/{id}/flags: a reader reports a comment (JSON, or a plain form from the no-JS page). */
export function flagRoutes(deps: FlagDeps): Router {
  const router = Router();
  router.post('/comments/:id/flags', limitWrites(deps), async (req, res) => {
    const { id } = parseInput(commentParamsSchema, req.params, { code: 'not_found', message: 'comment.notFound' });
    const reader = await signedInReader(deps, req);
    const input = parseInput(flagCommentSchema, req.body, { code: 'validation_failed', message: 'title.invalidInput' });
    await flagComment(deps, id, input, { reader, ip: req.ip });
    if (req.is('application/x-www-form-urlencoded')) return answerForm(deps, req, res, id);
    res.status(202).json({ message: translate(requestLang(req), 'flag.accepted') } satisfies z.infer<typeof readerNoticeSchema>);
  });
  return router;
}
