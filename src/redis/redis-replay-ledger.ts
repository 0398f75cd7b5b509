import type { Redis } from 'ioredis';
import type { ReplayLedger } from '../bots/replay-ledger.js';
import type { Logger } from '../logging/logger.js';
import { throttledWarn } from './redis-client.js';

/**
 * The replay ledger in Redis (`SET NX PX`), so a solution used on one instance is refused on every
 * other. While Redis fails, claims succeed (with a throttled warning), as the rate limiter does: the
 * signature and expiry are still checked, and refusing every risky post would lock readers out.
 */
export class RedisReplayLedger implements ReplayLedger {
  private readonly warn: ReturnType<typeof throttledWarn>;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    logger: Logger,
  ) {
    this.warn = throttledWarn(logger.child({ component: 'redis' }));
  }

  async claim(id: string, ttlMs: number): Promise<boolean> {
    try {
      return (await this.redis.set(`${this.prefix}replay:${id}`, '1', 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX')) === 'OK';
    } catch (error) {
      this.warn('replay', error, 'Redis replay ledger unavailable; accepting challenge solutions without the replay check');
      return true;
    }
  }
}
