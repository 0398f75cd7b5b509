import { Router } from 'express';
import type { Config } from '../config/config.js';
import { sendEncoded } from '../http/encoded-response.js';
import { parseInput } from '../http/validate.js';
import { readCounts, readReplies, readThreadPage, type ThreadReadDeps } from './thread.service.js';
import { conversationParamsSchema, countsQuerySchema, listCommentsQuerySchema, listRepliesQuerySchema, threadParamsSchema } from './thread.schemas.js';

const BAD_QUERY = { code: 'malformed_request', message: 'query.invalid' } as const;

/** Reading threads and counts: the hot path, answered from the cache with ETags a CDN can use. */
export function threadRoutes(deps: ThreadReadDeps, config: Config): Router {
  const router = Router();
  const cacheControl = `public, max-age=${config.THREAD_CACHE_MAX_AGE_SECONDS}, stale-while-revalidate=${config.THREAD_CACHE_STALE_SECONDS}`;

  router.get('/api/v1/threads/:threadKey/comments', async (req, res) => {
    const { threadKey } = parseInput(threadParamsSchema, req.params, { code: 'invalid_thread_key', message: 'threadKey.invalid' });
    const query = parseInput(listCommentsQuerySchema, req.query, BAD_QUERY);
    const page = await readThreadPage(deps, threadKey, query);
    // Plain node calls: this is the hottest response, and its bytes (in every coding) and headers are already known.
    res.setHeader('Cache-Control', cacheControl);
    sendEncoded(req, res, page, 'application/json; charset=utf-8');
  });

  // The rest of a long conversation, after the first replies a thread page carries; cached and invalidated with the thread.
  router.get('/api/v1/threads/:threadKey/comments/:id/replies', async (req, res) => {
    const { threadKey } = parseInput(threadParamsSchema, req.params, { code: 'invalid_thread_key', message: 'threadKey.invalid' });
    const { id } = parseInput(conversationParamsSchema, req.params, BAD_QUERY);
    const query = parseInput(listRepliesQuerySchema, req.query, BAD_QUERY);
    const page = await readReplies(deps, threadKey, id, query);
    res.setHeader('Cache-Control', cacheControl);
    sendEncoded(req, res, page, 'application/json; charset=utf-8');
  });

  router.get('/api/v1/counts', async (req, res) => {
    const { threads } = parseInput(countsQuerySchema, req.query, BAD_QUERY);
    const counts = await readCounts(deps, threads);
    res.setHeader('Cache-Control', cacheControl);
    sendEncoded(req, res, counts, 'application/json; charset=utf-8');
  });

  return router;
}
