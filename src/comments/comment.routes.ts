import { Router, type Request, type Response } from 'express';
import type { z } from 'zod';
import { parseInput } from '../http/validate.js';
import { requestLang } from '../http/lang.js';
import { translateMessage } from '../i18n/i18n.js';
import { html } from '../shared/html.js';
import { threadParamsSchema } from '../threads/thread.schemas.js';
import type { CommentServiceDeps } from './comment.context.js';
import {
  commentParamsSchema,
  createCommentSchema,
  signedInCommentSchema,
  editCommentSchema,
  type CommentFieldsInput,
  type createdCommentSchema,
  type ownCommentSchema,
} from './comment.schemas.js';
import { createComment, guestRefusal, withReplyTargetChecked, type CreatedComment } from './comment.service.js';
import { CSP } from '../http/csp.js';
import { renderPage } from '../http/small-page.js';
import { limitWrites } from '../http/write-limit.js';
import { formReturnUrl, withOutcome } from './form-redirect.js';
import { signedInReader, type SignedInReader } from '../accounts/signed-in-reader.js';
import type { Poster } from './poster.js';
import { requestOriginOf } from '../threads/article-address.js';
import { deleteOwnComment, editOwnComment, getOwnComment, type OwnComment } from './own-comment.service.js';

const BAD_BODY = { code: 'validation_failed', message: 'title.validation' } as const;
const BAD_EDIT = { code: 'validation_failed', message: 'title.editNotSaved' } as const;

function commentId(req: Request): number {
  return parseInput(commentParamsSchema, req.params, { code: 'not_found', message: 'comment.notFound' }).id;
}

function isFormPost(req: Request): boolean {
  return Boolean(req.is('application/x-www-form-urlencoded'));
}

/** Sends a no-JavaScript reader back to the article, or shows the outcome when there is nowhere safe to go. */
function answerForm(deps: CommentServiceDeps, req: Request, res: Response, created: CreatedComment, threadUrl: string | undefined): void {
  const lang = requestLang(req);
  const target = formReturnUrl(req, deps.config, [threadUrl, req.get('referer'), created.threadUrl], created.threadUrl);
  if (target) {
    res.redirect(303, withOutcome(target, { status: created.status, commentId: created.comment.id }));
    return;
  }
  const message = translateMessage(lang, created.message);
  res
    .status(201)
    .set('Content-Security-Policy', CSP.smallPage)
    .type('html')
    .send(renderPage(lang, message, html`<p role="status">${message}</p><blockquote dir="auto">${created.comment.body}</blockquote>`));
}

/** A signed-in reader sends the comment alone; a guest also says who they are. */
function readPost(req: Request, reader: SignedInReader | null): { input: CommentFieldsInput; poster: Poster } {
  if (reader) return { input: parseInput(signedInCommentSchema, req.body, BAD_BODY), poster: { reader } };
  const guest = parseInput(createCommentSchema, req.body, BAD_BODY);
  return { input: guest, poster: { guest } };
}

function sendOwn(req: Request, res: Response, own: OwnComment, status = 200): void {
  const lang = requestLang(req);
  res.status(status).json({ ...own, message: translateMessage(lang, own.message) } satisfies z.infer<typeof ownCommentSchema>);
}

/** The public comment API of SPEC section 3 (everything but reading threads). */
export function commentRoutes(deps: CommentServiceDeps): Router {
  const router = Router();
  const countWrite = limitWrites(deps);

  router.post('/threads/:threadKey/comments', countWrite, async (req, res) => {
    const { threadKey } = parseInput(threadParamsSchema, req.params, { code: 'invalid_thread_key', message: 'threadKey.invalid' });
    // The token is checked first: a bad one is refused whatever the body says, and stores nothing.
    const reader = await signedInReader(deps, req);
    let post: ReturnType<typeof readPost>;
    try {
      post = readPost(req, reader);
    } catch (error) {
      throw await withReplyTargetChecked(deps, threadKey, req.body, reader ? error : await guestRefusal(deps, error));
    }
    const { input, poster } = post;
    const requestOrigin = requestOriginOf({ origin: req.get('origin'), referer: req.get('referer') });
    const created = await createComment(deps, threadKey, input, { ip: req.ip, userAgent: req.get('user-agent'), requestOrigin, via: isFormPost(req) ? 'form' : 'api' }, poster);
    if (isFormPost(req)) return answerForm(deps, req, res, created, input.threadUrl);
    res
      .status(201)
      .location(`/api/v1/comments/${created.comment.id}`)
      .set('Cache-Control', 'no-store')
      .json({
        comment: created.comment,
        status: created.status,
        message: translateMessage(requestLang(req), created.message),
        editToken: created.editToken,
        commenterKey: created.commenterKey,
      } satisfies z.infer<typeof createdCommentSchema>);
  });

  router.get('/comments/:id', async (req, res) => {
    sendOwn(req, res.set('Cache-Control', 'no-store'), await getOwnComment(deps, commentId(req), req.get('x-edit-token')));
  });

  router.patch('/comments/:id', countWrite, async (req, res) => {
    const id = commentId(req);
    const token = req.get('x-edit-token');
    const { body } = parseInput(editCommentSchema, req.body, BAD_EDIT);
    sendOwn(req, res, await editOwnComment(deps, id, token, body));
  });

  router.delete('/comments/:id', countWrite, async (req, res) => {
    await deleteOwnComment(deps, commentId(req), req.get('x-edit-token'));
    res.status(204).end();
  });

  return router;
}
