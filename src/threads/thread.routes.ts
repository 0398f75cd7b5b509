import type { IncomingMessage, ServerResponse } from 'node:http';
import { Router } from 'express';
import type { Config } from '../config/config.js';
import type { EarlyAnswer, EarlyAnswers } from '../http/early-answers.js';
import { sendEncoded } from '../http/encoded-response.js';
import type { HeaderTarget } from '../http/header-lines.js';
import { parseInput } from '../http/validate.js';
import { memoized } from '../shared/memo.js';
import type { CacheLookup, CachedPage } from './thread-cache.js';
import { countsLookup, readCounts, readReplies, readThreadPage, repliesLookup, threadPageLookup, withCursorChecked, type ThreadReadDeps } from './thread.service.js';
import { conversationParamsSchema, countsQuerySchema, listCommentsQuerySchema, listRepliesQuerySchema, threadParamsSchema, type ListCommentsQuery } from './thread.schemas.js';

const BAD_QUERY = { code: 'malformed_request', message: 'query.invalid' } as const;
const THREAD_PAGE = '/api/v1/threads/:threadKey/comments';
const REPLIES = '/api/v1/threads/:threadKey/comments/:id/replies';
const COUNTS = '/api/v1/counts';

/** The lookups the early answers made and missed, by request: the route renders into the same one instead of looking up again. */
const missed = new WeakMap<IncomingMessage, CacheLookup>();

/**
 * Sends a cached page with the thread reads' Cache-Control; the routes (headers on the response) and
 * the early answers (headers gathered, `head`) send through it alike.
 */
function pageSender(config: Config): (req: IncomingMessage, res: ServerResponse, page: CachedPage, head?: HeaderTarget) => void {
  const cacheControl = `public, max-age=${config.THREAD_CACHE_MAX_AGE_SECONDS}, stale-while-revalidate=${config.THREAD_CACHE_STALE_SECONDS}`;
  return (req, res, page, head = res) => {
    // Plain node calls: this is the hottest response, and its bytes (in every coding) and headers are already known.
    head.setHeader('Cache-Control', cacheControl);
    sendEncoded(req, res, page, 'application/json; charset=utf-8', head);
  };
}

/** Reading threads and counts: the hot path, answered from the cache with ETags a CDN can use. */
export function threadRoutes(deps: ThreadReadDeps, config: Config): Router {
  const router = Router();
  const send = pageSender(config);

  router.get(THREAD_PAGE, async (req, res) => {
    const { threadKey } = parseInput(threadParamsSchema, req.params, { code: 'invalid_thread_key', message: 'threadKey.invalid' });
    let query: ListCommentsQuery;
    try {
      query = parseInput(listCommentsQuerySchema, req.query, BAD_QUERY);
    } catch (error) {
      throw withCursorChecked(req.query, error);
    }
    send(req, res, await readThreadPage(deps, threadKey, query, missed.get(req)));
  });

  // The rest of a long conversation, after the first replies a thread page carries; cached and invalidated with the thread.
  router.get(REPLIES, async (req, res) => {
    const { threadKey } = parseInput(threadParamsSchema, req.params, { code: 'invalid_thread_key', message: 'threadKey.invalid' });
    const { id } = parseInput(conversationParamsSchema, req.params, BAD_QUERY);
    const query = parseInput(listRepliesQuerySchema, req.query, BAD_QUERY);
    send(req, res, await readReplies(deps, threadKey, id, query, missed.get(req)));
  });

  router.get(COUNTS, async (req, res) => {
    const { threads } = parseInput(countsQuerySchema, req.query, BAD_QUERY);
    send(req, res, await readCounts(deps, threads, missed.get(req)));
  });

  return router;
}

/** A URL Express would read differently from its plain split at `?` (parseurl's slow cases) or decode (escapes): left to it. */
const UNPLAIN_URL = /[\s#%]/;

/**
 * The three routes above, answered before Express when the cache already holds the answer
 * (docs/decisions/0019-cached-reads-before-express.md). The same schemas read the same input, parsed by
 * Express's own query parser, so a request is a hit here exactly when it would be one there; anything
 * else (another method or path, input the schemas refuse) is left to the routes, and a miss goes to its route
 * with the lookup made here, to render into.
 */
export function cachedReads(deps: ThreadReadDeps, config: Config, parseQuery: (raw: string) => unknown): EarlyAnswers {
  const send = pageSender(config);
  // Index pages ask the counts of the same long lists again and again, and 100 keys cost the schema tens of µs: parsed once per raw query.
  const countsKeys = memoized((raw: string) => {
    if (UNPLAIN_URL.test(raw)) return undefined;
    const input = countsQuerySchema.safeParse(parseQuery(raw));
    return input.success ? input.data.threads : undefined;
  }, 128);
  // A hit is sent from here; a miss goes on to the route with its lookup.
  const answer = (req: IncomingMessage, route: string, lookup: CacheLookup): EarlyAnswer | undefined => {
    const page = lookup.hit;
    if (page) return { route, send: (request, res, head) => send(request, res, page, head) };
    missed.set(req, lookup);
    return undefined;
  };
  const prefix = '/api/v1/';
  return (req) => {
    const url = req.url ?? '';
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !url.startsWith(prefix)) return undefined;
    const mark = url.indexOf('?');
    const path = mark === -1 ? url : url.slice(0, mark);
    const rawQuery = mark === -1 ? '' : url.slice(mark + 1);
    if (UNPLAIN_URL.test(path)) return undefined;
    // The counts query is checked once per distinct query, inside countsKeys' memo: it is the long one.
    if (path === COUNTS) {
      const keys = countsKeys(rawQuery);
      return keys ? countsLookup(deps, keys).then((lookup) => answer(req, COUNTS, lookup)) : undefined;
    }
    if (UNPLAIN_URL.test(rawQuery)) return undefined;
    const query = () => parseQuery(rawQuery);
    const [threads, threadKey, comments, id, replies, ...rest] = path.slice(prefix.length).split('/');
    if (threads !== 'threads' || comments !== 'comments' || rest.length > 0) return undefined;
    if (id === undefined) {
      const key = threadParamsSchema.safeParse({ threadKey });
      const input = listCommentsQuerySchema.safeParse(query());
      return key.success && input.success ? threadPageLookup(deps, key.data.threadKey, input.data).then((lookup) => answer(req, THREAD_PAGE, lookup)) : undefined;
    }
    if (replies !== 'replies') return undefined;
    const params = conversationParamsSchema.safeParse({ threadKey, id });
    const input = listRepliesQuerySchema.safeParse(query());
    return params.success && input.success ? repliesLookup(deps, params.data.threadKey, params.data.id, input.data).then((lookup) => answer(req, REPLIES, lookup)) : undefined;
  };
}
