import { Router } from 'express';
import type { Config } from '../config/config.js';
import { parseInput } from '../http/validate.js';
import { countComments, readThreadPage, type ThreadReadDeps } from './thread.service.js';
import { countsQuerySchema, listCommentsQuerySchema, threadParamsSchema } from './thread.schemas.js';

const BAD_QUERY = { code: 'malformed_request', message: 'query.invalid' } as const;

function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => {
    const candidate = tag.trim();
    return candidate === '*' || candidate.replace(/^W\//, '') === bare;
  });
}

/** Reading threads and counts: the hot path, answered from the cache with ETags a CDN can use. */
export function threadRoutes(deps: ThreadReadDeps, config: Config): Router {
  const router = Router();
  const cacheControl = `public, max-age=${config.THREAD_CACHE_MAX_AGE_SECONDS}, stale-while-revalidate=${config.THREAD_CACHE_STALE_SECONDS}`;

  router.get('/api/v1/threads/:threadKey/comments', async (req, res) => {
    const { threadKey } = parseInput(threadParamsSchema, req.params, { code: 'invalid_thread_key', message: 'threadKey.invalid' });
    const query = parseInput(listCommentsQuerySchema, req.query, BAD_QUERY);
    const page = await readThreadPage(deps, threadKey, query);
    // Plain node calls: this is the hottest response, and its bytes and headers are already known.
    res.setHeader('ETag', page.etag);
    res.setHeader('Cache-Control', cacheControl);
    if (matchesEtag(req.headers['if-none-match'], page.etag)) {
      res.statusCode = 304;
      res.end();
      return;
    }
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', page.body.length);
    res.end(req.method === 'HEAD' ? undefined : page.body);
  });

  router.get('/api/v1/counts', async (req, res) => {
    const { threads } = parseInput(countsQuerySchema, req.query, BAD_QUERY);
    res.set('Cache-Control', cacheControl).json({ counts: await countComments(deps, threads) });
  });

  return router;
}
