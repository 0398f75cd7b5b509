import type { EncodedBody } from '../http/content-coding.js';

/**
 * A rendered page of a thread, ready to send: the JSON encoded once, and compressed once beside it
 * (brotli and gzip, each with its own ETag), so a hit writes stored bytes and compresses nothing.
 */
export interface CachedPage extends EncodedBody {
  /** Epoch ms after which the page must be rendered again even without a change, or null. */
  validUntil: number | null;
}

/** One lookup: the page if cached, and where to store it under the version seen at lookup time. */
export interface CacheLookup {
  hit: CachedPage | undefined;
  store(page: CachedPage): Promise<void>;
}

/**
 * Caches rendered thread pages. Invalidation bumps the thread's version, so a read that started
 * before a change stores its page under the old version and can never serve stale text after it.
 */
export interface ThreadReadCache {
  lookup(threadKey: string, variant: string): Promise<CacheLookup>;
  /** A response that shows several threads (counts): invalidating any of them drops it. */
  lookupAcross(threadKeys: readonly string[], variant: string): Promise<CacheLookup>;
  invalidate(threadKey: string): Promise<void>;
  /** Drops every page, e.g. after the policy changed what pages show. */
  invalidateAll(): Promise<void>;
}

/** Rendered pages of this process, least recently used dropped first, keyed by versions the caller resolved. */
export class PageLru {
  private readonly pages = new Map<string, CachedPage>();

  constructor(private readonly maxPages = 5000) {}

  /** The lookup for a page under the given generation and thread version. */
  lookup(generation: string | number, threadKey: string, version: string | number, variant: string): CacheLookup {
    const key = `${generation}\u0000${threadKey}\u0000${version}\u0000${variant}`;
    const hit = this.pages.get(key);
    if (hit) {
      this.pages.delete(key);
      this.pages.set(key, hit);
    }
    return {
      hit,
      store: async (page) => {
        this.pages.set(key, page);
        if (this.pages.size > this.maxPages) this.pages.delete(this.pages.keys().next().value as string);
      },
    };
  }

  /** Forgets every page. */
  clear(): void {
    this.pages.clear();
  }
}

/** The in-process cache: versions per thread and an LRU of pages. */
export class MemoryThreadCache implements ThreadReadCache {
  private readonly versions = new Map<string, number>();
  private generation = 0;
  private readonly pages: PageLru;

  constructor(maxPages = 5000) {
    this.pages = new PageLru(maxPages);
  }

  async lookup(threadKey: string, variant: string): Promise<CacheLookup> {
    return this.lookupAcross([threadKey], variant);
  }

  async lookupAcross(threadKeys: readonly string[], variant: string): Promise<CacheLookup> {
    const versions = threadKeys.map((key) => this.versions.get(key) ?? 0);
    return this.pages.lookup(this.generation, threadKeys.join(','), versions.join(','), variant);
  }

  async invalidateAll(): Promise<void> {
    this.generation += 1;
    this.pages.clear();
  }

  async invalidate(threadKey: string): Promise<void> {
    this.versions.set(threadKey, (this.versions.get(threadKey) ?? 0) + 1);
  }
}
