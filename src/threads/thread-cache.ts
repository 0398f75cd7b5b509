import type { Config } from '../config/config.js';
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

/** What the pages of one process may hold by default: enough for thousands of typical threads, a fixed share of a small server. */
export const DEFAULT_PAGE_CACHE_BYTES = 32 * 1024 * 1024;

/** The bytes THREAD_CACHE_MB allows the pages of each process. */
export function pageCacheBytes(config: Pick<Config, 'THREAD_CACHE_MB'>): number {
  return config.THREAD_CACHE_MB * 1024 * 1024;
}

/** Bookkeeping a page costs besides its bodies (map entry, key, objects, ETags), so many tiny pages are bounded too. */
const PAGE_OVERHEAD_BYTES = 512;

function sizeOf(key: string, page: CachedPage): number {
  const bodies = page.identity.body.length + (page.br?.body.length ?? 0) + (page.gzip?.body.length ?? 0);
  return bodies + key.length * 2 + PAGE_OVERHEAD_BYTES;
}

/**
 * Rendered pages of this process, bounded by their bytes (a count would let a few huge threads hold
 * hundreds of MB), least recently used dropped first, keyed by versions the caller resolved.
 */
export class PageLru {
  private readonly pages = new Map<string, { page: CachedPage; bytes: number }>();
  private bytes = 0;

  constructor(private readonly maxBytes = DEFAULT_PAGE_CACHE_BYTES) {}

  /** The lookup for a page under the given generation and thread version. */
  lookup(generation: string | number, threadKey: string, version: string | number, variant: string): CacheLookup {
    const key = `${generation}\u0000${threadKey}\u0000${version}\u0000${variant}`;
    const entry = this.pages.get(key);
    if (entry) {
      this.pages.delete(key);
      this.pages.set(key, entry);
    }
    return {
      hit: entry?.page,
      store: async (page) => this.store(key, page),
    };
  }

  /** Forgets every page. */
  clear(): void {
    this.pages.clear();
    this.bytes = 0;
  }

  private store(key: string, page: CachedPage): void {
    this.drop(key);
    const bytes = sizeOf(key, page);
    // A page larger than the whole budget would only evict everything else and then itself.
    if (bytes > this.maxBytes) return;
    this.pages.set(key, { page, bytes });
    this.bytes += bytes;
    for (const oldest of this.pages.keys()) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(oldest);
    }
  }

  private drop(key: string): void {
    const entry = this.pages.get(key);
    if (!entry) return;
    this.pages.delete(key);
    this.bytes -= entry.bytes;
  }
}

/** Lists of threads (counts) whose short names one process remembers before starting over. */
const MAX_NAMED_LISTS = 10_000;

/** A list of threads as counts ask for it: its short name, and the sum of its threads' versions as of `asOf` changes. */
interface NamedList {
  name: string;
  versions: number;
  asOf: number;
}

/** The in-process cache: versions per thread and an LRU of pages, bounded by bytes. */
export class MemoryThreadCache implements ThreadReadCache {
  private readonly versions = new Map<string, number>();
  private readonly lists = new WeakMap<readonly string[], NamedList>();
  private readonly namesOfJoined = new Map<string, string>();
  private listsNamed = 0;
  /** Invalidations so far: a list's sum of versions holds for as long as this has not moved. */
  private changes = 0;
  private generation = 0;
  private readonly pages: PageLru;

  constructor(maxBytes = DEFAULT_PAGE_CACHE_BYTES) {
    this.pages = new PageLru(maxBytes);
  }

  async lookup(threadKey: string, variant: string): Promise<CacheLookup> {
    return this.pages.lookup(this.generation, threadKey, this.versions.get(threadKey) ?? 0, variant);
  }

  async lookupAcross(threadKeys: readonly string[], variant: string): Promise<CacheLookup> {
    if (threadKeys.length === 1) return this.lookup(threadKeys[0] ?? '', variant);
    // Each invalidation adds one to one thread's version, so the sum over a fixed list of threads changes
    // exactly when one of them changed: one number instead of joining a hundred (counts are the hot case).
    // It is summed again only after some invalidation, so a read between two changes looks up no thread.
    const list = this.listOf(threadKeys);
    if (list.asOf !== this.changes) {
      list.versions = 0;
      for (const key of threadKeys) list.versions += this.versions.get(key) ?? 0;
      list.asOf = this.changes;
    }
    return this.pages.lookup(this.generation, list.name, list.versions, variant);
  }

  /**
   * A list of threads with a short name, so a page key does not carry (and hash) a hundred thread keys on
   * every counts read. Names are never reused (forgetting the table only strands pages the LRU drops);
   * the list object is remembered too, as the early counts answer asks again with the same one.
   */
  private listOf(threadKeys: readonly string[]): NamedList {
    let list = this.lists.get(threadKeys);
    if (list === undefined) {
      const joined = threadKeys.join(',');
      let name = this.namesOfJoined.get(joined);
      if (name === undefined) {
        // '#' is not a thread key character (threadKeySchema), so a name never meets a key.
        name = `#${(this.listsNamed += 1)}`;
        if (this.namesOfJoined.size >= MAX_NAMED_LISTS) this.namesOfJoined.clear();
        this.namesOfJoined.set(joined, name);
      }
      list = { name, versions: 0, asOf: -1 };
      this.lists.set(threadKeys, list);
    }
    return list;
  }

  async invalidateAll(): Promise<void> {
    this.generation += 1;
    this.pages.clear();
  }

  async invalidate(threadKey: string): Promise<void> {
    this.versions.set(threadKey, (this.versions.get(threadKey) ?? 0) + 1);
    this.changes += 1;
  }
}
