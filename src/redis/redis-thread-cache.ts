import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../logging/logger.js';
import { DEFAULT_PAGE_CACHE_BYTES, PageLru, type CacheLookup, type ThreadReadCache } from '../threads/thread-cache.js';
import { throttledWarn } from './redis-client.js';
import { luaScript, runScript } from './scripts.js';

/** Version keys only bound Redis memory: one that expires gets a fresh token, which is a cache miss, never a stale hit. */
const VERSION_TTL_MS = 30 * 86_400_000;

// Reads the global generation and the versions of the threads (one for a page, up to 100 for counts) in
// one atomic round trip. A missing key gets a fresh, never-before-used token (from ARGV) instead of
// reading as "0": after an eviction, expiry or FLUSH no instance can match a page it cached under the old token.
const VERSIONS = luaScript(`
local tokens = {}
for i = 1, #KEYS do
  local token = redis.call('GET', KEYS[i])
  if not token then
    token = ARGV[i + 1]
    if i == 1 then redis.call('SET', KEYS[i], token) else redis.call('SET', KEYS[i], token, 'PX', ARGV[1]) end
  end
  tokens[i] = token
end
return tokens
`);

const MISS: CacheLookup = { hit: undefined, store: async () => {} };

/** Keys one batch's script reads at most (the generation, then versions), so one script stays short. */
const MAX_BATCH_KEYS = 1_000;

/** Lookups waiting for one round trip: the keys their script reads, where each version key sits, and the tokens read. */
interface VersionBatch {
  keys: string[];
  positions: Map<string, number>;
  tokens: Promise<string[] | undefined>;
}

/**
 * The thread-read cache for several instances: pages stay in each process's LRU, keyed by the
 * thread's version token in Redis, so a read costs one Redis round trip and never serves a page older
 * than the last invalidation made anywhere. Redis failing turns every read into a miss (rendered from
 * the database); an invalidation that could not reach Redis is replayed as a global one when it can.
 */
export class RedisThreadCache implements ThreadReadCache {
  private readonly pages: PageLru;
  private readonly tokenBase = randomUUID();
  private tokenCount = 0;
  private owesInvalidateAll = false;
  private openBatch: VersionBatch | undefined;
  private readonly warn: ReturnType<typeof throttledWarn>;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    logger: Logger,
    maxPageBytes = DEFAULT_PAGE_CACHE_BYTES,
  ) {
    this.pages = new PageLru(maxPageBytes);
    this.warn = throttledWarn(logger.child({ component: 'redis' }));
    redis.on('ready', () => void this.settleDebt());
  }

  async lookup(threadKey: string, variant: string): Promise<CacheLookup> {
    return this.lookupAcross([threadKey], variant);
  }

  async lookupAcross(threadKeys: readonly string[], variant: string): Promise<CacheLookup> {
    if (this.owesInvalidateAll && !(await this.settleDebt())) return MISS;
    const tokens = await this.tokensOf(threadKeys);
    if (!tokens) return MISS;
    return this.pages.lookup(tokens.generation, threadKeys.join(','), tokens.versions.join(','), variant);
  }

  /**
   * The generation and these threads' versions, from the round trip of the batch this lookup joins. A batch is sent
   * at the end of the event loop's turn, after every lookup in it began, so each sees every invalidation made before
   * it; lookups that came together (50 readers of one breaking story) cost Redis one script and one write, not one each.
   */
  private async tokensOf(threadKeys: readonly string[]): Promise<{ generation: string; versions: string[] } | undefined> {
    const batch = this.openBatch && this.openBatch.keys.length + threadKeys.length <= MAX_BATCH_KEYS ? this.openBatch : this.newBatch();
    const positions = threadKeys.map((threadKey) => {
      const key = this.versionKey(threadKey);
      let position = batch.positions.get(key);
      if (position === undefined) {
        position = batch.keys.push(key) - 1;
        batch.positions.set(key, position);
      }
      return position;
    });
    const tokens = await batch.tokens;
    return tokens && { generation: tokens[0]!, versions: positions.map((position) => tokens[position]!) };
  }

  private newBatch(): VersionBatch {
    const batch: VersionBatch = { keys: [this.generationKey()], positions: new Map(), tokens: Promise.resolve(undefined) };
    batch.tokens = new Promise((resolve) => {
      setImmediate(() => {
        if (this.openBatch === batch) this.openBatch = undefined;
        resolve(this.fetchTokens(batch.keys));
      });
    });
    this.openBatch = batch;
    return batch;
  }

  private async fetchTokens(keys: readonly string[]): Promise<string[] | undefined> {
    try {
      const tokens = await runScript(this.redis, VERSIONS, keys, [VERSION_TTL_MS, ...keys.map(() => this.freshToken())]);
      return Array.isArray(tokens) && tokens.length === keys.length ? tokens.map(String) : undefined;
    } catch (error) {
      this.warn('thread-cache', error, 'thread cache is bypassed while Redis fails (rendering from the database)');
      return undefined;
    }
  }

  async invalidate(threadKey: string): Promise<void> {
    try {
      await this.redis.set(this.versionKey(threadKey), this.freshToken(), 'PX', VERSION_TTL_MS);
    } catch (error) {
      this.owe(error);
    }
  }

  async invalidateAll(): Promise<void> {
    try {
      await this.redis.set(this.generationKey(), this.freshToken());
    } catch (error) {
      this.owe(error);
    }
  }

  /** Callers have already committed their change: failing them now would only make clients retry it. */
  private owe(error: unknown): void {
    this.owesInvalidateAll = true;
    this.pages.clear();
    this.warn('thread-cache-invalidate', error, 'could not invalidate the shared thread cache; will invalidate everything once Redis answers');
  }

  private async settleDebt(): Promise<boolean> {
    if (!this.owesInvalidateAll) return true;
    try {
      await this.redis.set(this.generationKey(), this.freshToken());
      this.owesInvalidateAll = false;
      return true;
    } catch {
      return false;
    }
  }

  private freshToken(): string {
    this.tokenCount += 1;
    return `${this.tokenBase}.${this.tokenCount}`;
  }

  private generationKey(): string {
    return `${this.prefix}threads:generation`;
  }

  private versionKey(threadKey: string): string {
    return `${this.prefix}threads:version:${threadKey}`;
  }
}
