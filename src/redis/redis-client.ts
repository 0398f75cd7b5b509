import { Redis, type Command } from 'ioredis';
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

/** While Redis does not answer, how often one PING looks whether it answers again. */
const PROBE_EVERY_MS = 250;

/** What a command gets at once while Redis does not answer. */
const NOT_ANSWERING = 'Redis is not answering: commands fail at once until a PING is answered';

/**
 * Makes `redis`'s commands fail at once while Redis does not answer, instead of each waiting out `commandTimeout`.
 * A stalled Redis (a long script, a frozen host, a network that drops packets) keeps the connection open, so ioredis
 * sends every command and each waited the whole second: every cached read and every post paid it, one after another.
 * Every caller already falls back when a command fails (reads render from the database, rate limits fail open), so
 * failing sooner changes only how long that takes. The first command to time out stops the others; a PING every
 * PROBE_EVERY_MS, or a new connection's handshake, lets them through again once Redis answers.
 */
export function failFastWhileStalled(redis: Redis, logger: Logger): void {
  const send = redis.sendCommand.bind(redis);
  const log = logger.child({ component: 'redis' });
  let stalled = false;
  let probing = false;
  const answersAgain = () => {
    if (!stalled) return;
    stalled = false;
    log.warn('Redis answers again: commands go to it again');
  };
  // One chain of PINGs at a time, ending when Redis answers one or a new connection ended the stall first.
  const probe = () => {
    if (!stalled) return void (probing = false);
    const ping = new Redis.Command('ping', []);
    send(ping);
    ping.promise.then(
      () => {
        probing = false;
        answersAgain();
      },
      () => void setTimeout(probe, PROBE_EVERY_MS).unref(),
    );
  };
  const timedOut = (error: unknown) => {
    if (stalled || !(error instanceof Error) || error.message !== 'Command timed out') return;
    stalled = true;
    log.warn({ err: error }, 'Redis is not answering: its commands fail at once (reads render from the database, rate limits fail open) until it answers a PING');
    if (probing) return;
    probing = true;
    setTimeout(probe, PROBE_EVERY_MS).unref();
  };
  // A new connection that finished its handshake (ioredis's ready check asks INFO) is Redis answering too: a failover,
  // or a proxy that dropped the silent connection, ends the stall at once.
  redis.on('ready', answersAgain);
  redis.sendCommand = (command: Command, stream?: Parameters<Redis['sendCommand']>[1]) => {
    // Only on a ready connection: refused, the handshake of a new connection failed, ioredis dropped that connection
    // for another, and no PING could be sent on any of them. The instance stayed unready for good.
    if (stalled && redis.status === 'ready') {
      command.reject(new Error(NOT_ANSWERING));
      return command.promise;
    }
    const sent = send(command, stream);
    command.promise.catch(timedOut);
    return sent;
  };
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
