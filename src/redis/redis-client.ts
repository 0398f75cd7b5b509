import { Redis } from 'ioredis';
import type { Logger } from '../logging/logger.js';

/** How often one kind of Redis trouble is logged at most: an outage must not flood the logs. */
const WARN_EVERY_MS = 10_000;

/**
 * Opens the shared Redis connection. Commands fail fast while it is down (no offline queue, short
 * timeout) so callers can fall back at once instead of holding requests; it reconnects on its own.
 */
export function createRedisClient(url: string, logger: Logger): Redis {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 1000,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  const warn = throttledWarn(logger.child({ component: 'redis' }));
  redis.on('error', (error: Error) => warn('connection', error, 'redis connection error'));
  return redis;
}

/** Connects at start without failing it: a Redis outage degrades the service, it does not stop it. */
export async function connectRedis(redis: Redis, logger: Logger): Promise<void> {
  try {
    await redis.connect();
  } catch (error) {
    logger.warn({ err: error, component: 'redis' }, 'Redis is unreachable at start; running degraded until it answers');
  }
}

/** Answers when Redis answers; for the readiness probe. */
export async function pingRedis(redis: Redis): Promise<void> {
  await redis.ping();
}

/** A warning logger that says each kind of failure at most once per WARN_EVERY_MS. */
export function throttledWarn(logger: Logger): (kind: string, error: unknown, message: string) => void {
  const last = new Map<string, number>();
  return (kind, error, message) => {
    const now = Date.now();
    if (now - (last.get(kind) ?? -Infinity) < WARN_EVERY_MS) return;
    last.set(kind, now);
    logger.warn({ err: error }, message);
  };
}
