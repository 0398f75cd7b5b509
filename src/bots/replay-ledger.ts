/** Remembers what was used once (a solved challenge) until it expires, across instances when shared. */
export interface ReplayLedger {
  /** True the first time `id` is claimed within `ttlMs`; false for a replay. */
  claim(id: string, ttlMs: number): Promise<boolean>;
}

/** An in-process ledger for a single instance; entries are dropped once expired. */
export class MemoryReplayLedger implements ReplayLedger {
  private readonly expiries = new Map<string, number>();

  constructor(private readonly nowMs: () => number) {}

  async claim(id: string, ttlMs: number): Promise<boolean> {
    const now = this.nowMs();
    for (const [key, until] of this.expiries) if (until <= now) this.expiries.delete(key);
    if (this.expiries.has(id)) return false;
    this.expiries.set(id, now + ttlMs);
    return true;
  }
}
