import { randomBytes } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { commentParamsSchema } from '../comments/comment.schemas.js';
import { parseInput } from '../http/validate.js';
import { limitWrites, type WriteLimitDeps } from '../http/write-limit.js';
import { signedInReader, type ReaderDeps } from '../accounts/signed-in-reader.js';
import { readerIdSchema, reactionInputSchema, type ReactionResult } from './reaction.schemas.js';
import { setReaction, type ReactionDeps, type ReactionWish } from './reaction.service.js';

const BAD_BODY = { code: 'validation_failed', message: 'title.invalidInput' } as const;
/** The no-JS page's browser id: first-party on Majlis's own pages, so it works where the widget's storage is not. */
const READER_COOKIE = 'majlis_reader';

function cookieReaderId(req: Request): string | undefined {
  const match = /(?:^|;\s*)majlis_reader=([A-Za-z0-9_-]{16,64})(?:;|$)/.exec(req.get('cookie') ?? '');
  return match?.[1];
}

function headerReaderId(req: Request): string | undefined {
  const parsed = readerIdSchema.safeParse(req.get('x-majlis-reader'));
  return parsed.success ? parsed.data : undefined;
}

/** A form post's reader: the cookie, set now if the browser had none. */
function formReaderId(req: Request, res: Response): string {
  const existing = cookieReaderId(req);
  if (existing) return existing;
  const fresh = randomBytes(18).toString('base64url');
  res.cookie(READER_COOKIE, fresh, { httpOnly: true, sameSite: 'lax', secure: req.secure, maxAge: 365 * 24 * 3600 * 1000, path: '/' });
  return fresh;
}

/** The no-JS page a reaction came from: its language, order and page (each only as a page would name it). */
function pageQuery(input: { lang?: string | undefined; sort?: string | undefined; cursor?: string | undefined }): string {
  const query = new URLSearchParams();
  if (input.lang === 'ar' || input.lang === 'en') query.set('lang', input.lang);
  if (input.sort === 'best' || input.sort === 'newest') query.set('sort', input.sort);
  if (input.cursor && /^[A-Za-z0-9_-]{1,200}$/.test(input.cursor)) query.set('cursor', input.cursor);
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** POST and DELETE /comments/{id}/reactions (SPEC section 8; Bearer sign-in counts the account once); form posts toggle and return to the page. */
export function reactionRoutes(deps: ReactionDeps & WriteLimitDeps & ReaderDeps): Router {
  const router = Router();
  const handle = (wish: ReactionWish) => async (req: Request, res: Response) => {
    const { id } = parseInput(commentParamsSchema, req.params, { code: 'not_found', message: 'comment.notFound' });
    const input = parseInput(reactionInputSchema, req.body, BAD_BODY);
    const isForm = Boolean(req.is('application/x-www-form-urlencoded'));
    const readerId = isForm ? formReaderId(req, res) : (input.readerId ?? headerReaderId(req));
    const account = (await signedInReader(deps, req))?.accountId;
    const claims = { readerId, commenterKey: input.commenterKey, authorEmail: input.authorEmail, ip: req.ip, ...(account !== undefined ? { accountId: account } : {}) };
    const result = await setReaction(deps, id, claims, isForm ? 'toggle' : wish);
    if (isForm) {
      res.redirect(303, `/threads/${encodeURIComponent(result.threadKey)}${pageQuery(input)}#comment-${id}`);
      return;
    }
    res.set('Cache-Control', 'no-store').json({ reactions: result.reactions, reacted: result.reacted } satisfies ReactionResult);
  };
  const countWrite = limitWrites(deps);
  router.post('/comments/:id/reactions', countWrite, handle('react'));
  router.delete('/comments/:id/reactions', countWrite, handle('unreact'));
  return router;
}
