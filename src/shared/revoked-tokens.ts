/** Token ids (`jti`) a site has revoked, each kept until the token would have expired anyway. */
export interface RevokedTokens {
  revoke(jti: string, until: Date, now: Date): Promise<void>;
  isRevoked(jti: string, now: Date): Promise<boolean>;
}

/** Revocations held by one process (without REDIS_URL, or as the Redis store's own copy). */
export class MemoryRevokedTokens implements RevokedTokens {
  private readonly until = new Map<string, number>();

  async revoke(jti: string, until: Date, now: Date): Promise<void> {
    if (this.until.size > 100_000) this.sweep(now.getTime());
    this.until.set(jti, Math.max(until.getTime(), this.until.get(jti) ?? 0));
  }

  async isRevoked(jti: string, now: Date): Promise<boolean> {
    return (this.until.get(jti) ?? -Infinity) > now.getTime();
  }

  private sweep(nowMs: number): void {
    for (const [jti, until] of this.until) if (until <= nowMs) this.until.delete(jti);
  }
}
