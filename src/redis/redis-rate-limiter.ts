import type { Redis } from 'ioredis';
import type { Logger } from '../logging/logger.js';
import type { RateDecision, RateLimiter } from '../shared/rate-limiter.js';
import { throttledWarn } from './redis-client.js';
import { luaScript, runScript } from './scripts.js';

// One round trip, atomic: the first hit of a window starts its expiry; a key that somehow lost its
// expiry (PTTL -1) gets one again rather than counting forever.
const HIT = luaScript(`
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`);

/**
 * Fixed-window counters in Redis, shared by every instance. Windows run on Redis's clock, not the
 * app's, so that instances with skewed clocks still agree. When Redis fails it lets requests through
 * (with a throttled warning): losing rate limiting for a while is better than refusing every comment.
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly warn: ReturnType<typeof throttledWarn>;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    logger: Logger,
  ) {
    this.warn = throttledWarn(logger.child({ component: 'redis' }));
  }

  async hit(key: string, limit: number, windowSeconds: number): Promise<RateDecision> {
    const windowMs = windowSeconds * 1000;
    try {
      const reply = await runScript(this.redis, HIT, [`${this.prefix}rate:${key}`], [windowMs]);
      const [count, ttl] = Array.isArray(reply) ? reply.map(Number) : [NaN, NaN];
      if (count === undefined || ttl === undefined || Number.isNaN(count) || Number.isNaN(ttl)) throw new Error(`unexpected rate limit reply ${String(reply)}`);
      return { allowed: count <= limit, retryAfterSeconds: Math.max(1, Math.ceil(ttl / 1000)) };
    } catch (error) {
      this.warn('rate-limit', error, 'rate limiting is off while Redis fails (failing open)');
      return { allowed: true, retryAfterSeconds: 1 };
    }
  }

  async count(key: string): Promise<number> {
    try {
      return Number((await this.redis.get(`${this.prefix}rate:${key}`)) ?? 0) || 0;
    } catch (error) {
      this.warn('rate-limit', error, 'rate limiting is off while Redis fails (failing open)');
      return 0;
    }
  }

  async reset(key: string): Promise<void> {
    try {
      await this.redis.del(`${this.prefix}rate:${key}`);
    } catch (error) {
      this.warn('rate-limit', error, 'rate limiting is off while Redis fails (failing open)');
    }
  }
}
