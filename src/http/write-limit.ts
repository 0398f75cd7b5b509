import type { RequestHandler } from 'express';
import type { Config } from '../config/config.js';
import type { Clock } from '../shared/clock.js';
import { clientKey } from '../shared/client-network.js';
import { AppError } from '../shared/errors.js';
import type { RateLimiter } from '../shared/rate-limiter.js';

/** What counting a client's writes needs. */
export interface WriteLimitDeps {
  config: Pick<Config, 'SECRET' | 'RATE_LIMIT_POSTS' | 'RATE_LIMIT_WINDOW_SECONDS' | 'RATE_LIMIT_IPV6_PREFIX'>;
  clock: Clock;
  rateLimiter: RateLimiter;
}

/**
 * The one budget of a reader's writes: every public route that changes something (posting, editing,
 * deleting, flagging, reacting) runs this first, so they all count against the same
 * RATE_LIMIT_POSTS per RATE_LIMIT_WINDOW_SECONDS of the client (keyed hash of its IPv4 address or IPv6
 * network, RATE_LIMIT_IPV6_PREFIX; shared through Redis
 * when there is one). A write that would fail anyway still counts: refusing it costs the server too.
 */
export function limitWrites(deps: WriteLimitDeps): RequestHandler {
  return async (req, _res, next) => {
    const client = clientKey(deps.config.SECRET, req.ip, deps.config.RATE_LIMIT_IPV6_PREFIX);
    const rate = await deps.rateLimiter.hit(`write:${client}`, deps.config.RATE_LIMIT_POSTS, deps.config.RATE_LIMIT_WINDOW_SECONDS, deps.clock.now());
    if (!rate.allowed) {
      const seconds = rate.retryAfterSeconds;
      throw new AppError('rate_limited', 'comment.rateLimited', { retryAfterSeconds: seconds, params: { seconds } });
    }
    next();
  };
}
