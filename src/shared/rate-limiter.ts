/** The answer of a rate limiter for one hit. */
export interface RateDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

/** Counts hits per key in fixed windows; async so a shared (Redis) implementation fits the same shape. */
export interface RateLimiter {
  hit(key: string, limit: number, windowSeconds: number, now: Date): Promise<RateDecision>;
  /** The hits counted in the key's current window (0 when none), without counting one more. */
  count(key: string, now: Date): Promise<number>;
  /** Forgets a key's window, e.g. a client's failed sign-ins once it signs in. */
  reset(key: string): Promise<void>;
}

/** A rate limiter for one process. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { resetAt: number; count: number }>();

  async hit(key: string, limit: number, windowSeconds: number, now: Date): Promise<RateDecision> {
    const nowMs = now.getTime();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= nowMs) {
      if (this.windows.size > 100_000) this.sweep(nowMs);
      window = { resetAt: nowMs + windowSeconds * 1000, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    return { allowed: window.count <= limit, retryAfterSeconds: Math.max(1, Math.ceil((window.resetAt - nowMs) / 1000)) };
  }

  async count(key: string, now: Date): Promise<number> {
    const window = this.windows.get(key);
    return window && window.resetAt > now.getTime() ? window.count : 0;
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
  }

  private sweep(nowMs: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= nowMs) this.windows.delete(key);
  }
}
