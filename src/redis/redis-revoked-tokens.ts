import type { Redis } from 'ioredis';
import type { Logger } from '../logging/logger.js';
import { MemoryRevokedTokens, type RevokedTokens } from '../shared/revoked-tokens.js';
import { throttledWarn } from './redis-client.js';

/**
 * Revoked token ids shared by every instance: one Redis key per `jti`, expiring with the token. Each
 * instance keeps its own copy too, so a revocation it heard of still holds while Redis is down.
 */
export class RedisRevokedTokens implements RevokedTokens {
  private readonly local = new MemoryRevokedTokens();
  private readonly warn: ReturnType<typeof throttledWarn>;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    logger: Logger,
  ) {
    this.warn = throttledWarn(logger.child({ component: 'redis' }));
  }

  private key(jti: string): string {
    return `${this.prefix}revoked-jti:${jti}`;
  }

  async revoke(jti: string, until: Date, now: Date): Promise<void> {
    await this.local.revoke(jti, until, now);
    const ttlMs = Math.max(1000, until.getTime() - now.getTime());
    // Refused when Redis fails: a revocation other instances never hear of must not look done.
    await this.redis.set(this.key(jti), '1', 'PX', ttlMs);
  }

  async isRevoked(jti: string, now: Date): Promise<boolean> {
    if (await this.local.isRevoked(jti, now)) return true;
    try {
      return (await this.redis.exists(this.key(jti))) === 1;
    } catch (error) {
      this.warn('revoked-tokens', error, 'revoked tokens are checked against this instance only while Redis fails');
      return false;
    }
  }
}
