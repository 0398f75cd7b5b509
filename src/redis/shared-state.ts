import type { Config } from '../config/config.js';
import type { ReadinessCheck } from '../health/health.schemas.js';
import type { Logger } from '../logging/logger.js';
import { MemoryLiveBus, type LiveBus } from '../live/live-bus.js';
import { MemoryRateLimiter, type RateLimiter } from '../shared/rate-limiter.js';
import { MemoryRevokedTokens, type RevokedTokens } from '../shared/revoked-tokens.js';
import { MemoryThreadCache, pageCacheBytes, type ThreadReadCache } from '../threads/thread-cache.js';
import { MemoryReplayLedger, type ReplayLedger } from '../bots/replay-ledger.js';

/** What instances share through Redis; in-process equivalents without REDIS_URL. */
export interface SharedState {
  threadCache: ThreadReadCache;
  rateLimiter: RateLimiter;
  replayLedger: ReplayLedger;
  revokedTokens: RevokedTokens;
  readinessChecks: Record<string, ReadinessCheck>;
  /** Carries live updates to the instances with readers of a thread. */
  liveBus: LiveBus;
  close(): Promise<void>;
}

/** Connects to REDIS_URL when set and builds the shared rate limiter and thread cache on it. */
export async function createSharedState(config: Config, logger: Logger): Promise<SharedState> {
  if (!config.REDIS_URL) {
    return {
      threadCache: new MemoryThreadCache(pageCacheBytes(config)),
      rateLimiter: new MemoryRateLimiter(),
      replayLedger: new MemoryReplayLedger(Date.now),
      revokedTokens: new MemoryRevokedTokens(),
      readinessChecks: {},
      liveBus: new MemoryLiveBus(),
      close: async () => {},
    };
  }
  // Loaded only when used: ioredis defines `class VerbatimString extends String`, and merely loading
  // it makes V8 run our word matcher about three times slower for the life of the process.
  const [{ connectRedis, createRedisClient, failFastWhileStalled, pingRedis }, { RedisRateLimiter }, { RedisThreadCache }, { RedisReplayLedger }, { RedisRevokedTokens }, { RedisLiveBus }] = await Promise.all([
    import('./redis-client.js'),
    import('./redis-rate-limiter.js'),
    import('./redis-thread-cache.js'),
    import('./redis-replay-ledger.js'),
    import('./redis-revoked-tokens.js'),
    import('./redis-live-bus.js'),
  ]);
  const redis = createRedisClient(config.REDIS_URL, logger);
  failFastWhileStalled(redis, logger);
  const subscriber = createRedisClient(config.REDIS_URL, logger);
  await Promise.all([connectRedis(redis, logger), connectRedis(subscriber, logger)]);
  return {
    threadCache: new RedisThreadCache(redis, config.REDIS_PREFIX, logger, pageCacheBytes(config)),
    rateLimiter: new RedisRateLimiter(redis, config.REDIS_PREFIX, logger),
    replayLedger: new RedisReplayLedger(redis, config.REDIS_PREFIX, logger),
    revokedTokens: new RedisRevokedTokens(redis, config.REDIS_PREFIX, logger),
    readinessChecks: { redis: () => pingRedis(redis) },
    liveBus: new RedisLiveBus(redis, subscriber, config.REDIS_PREFIX, logger),
    async close() {
      // QUIT lets pending replies arrive; if Redis is down it would wait, so fall back to cutting the socket.
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
