import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryThreadCache, PageLru, type CachedPage } from '../../src/threads/thread-cache.js';

const KB = 1024;

/** A page whose plain, brotli and gzip bodies hold `kb` KB in all. */
function page(kb: number): CachedPage {
  const third = Math.floor((kb * KB) / 3);
  const body = (bytes: number, etag: string) => ({ body: Buffer.alloc(bytes, 'x'), etag });
  return { identity: body(kb * KB - 2 * third, '"i"'), br: body(third, '"b"'), gzip: body(third, '"g"'), validUntil: null };
}

async function store(lru: PageLru, thread: string, kb: number): Promise<void> {
  await lru.lookup(0, thread, 0, 'en').store(page(kb));
}

const cached = (lru: PageLru, thread: string) => lru.lookup(0, thread, 0, 'en').hit !== undefined;

describe('PageLru', () => {
  it('keeps the pages within its bytes, however few they are', async () => {
    const lru = new PageLru(1000 * KB);
    // Three 300 KB pages fit (900 KB and their bookkeeping); a fourth pushes out the oldest.
    for (const thread of ['a', 'b', 'c', 'd']) await store(lru, thread, 300);
    assert.deepEqual(['a', 'b', 'c', 'd'].map((thread) => cached(lru, thread)), [false, true, true, true]);
  });

  it('drops the least recently read page, not the oldest stored', async () => {
    const lru = new PageLru(1000 * KB);
    for (const thread of ['a', 'b', 'c']) await store(lru, thread, 300);
    assert.ok(cached(lru, 'a'));
    await store(lru, 'd', 300);
    assert.deepEqual(['a', 'b', 'c', 'd'].map((thread) => cached(lru, thread)), [true, false, true, true]);
  });

  it('drops as many pages as a large one needs', async () => {
    const lru = new PageLru(1000 * KB);
    for (const thread of ['a', 'b', 'c']) await store(lru, thread, 300);
    await store(lru, 'huge', 600);
    assert.deepEqual(['a', 'b', 'c', 'huge'].map((thread) => cached(lru, thread)), [false, false, true, true]);
  });

  it('counts many tiny pages by their bookkeeping too', async () => {
    const lru = new PageLru(100 * KB);
    const threads = Array.from({ length: 1000 }, (_, i) => `t${i}`);
    for (const thread of threads) await lru.lookup(0, thread, 0, 'en').store({ identity: { body: Buffer.from('[]'), etag: '"e"' }, validUntil: null });
    const kept = threads.filter((thread) => cached(lru, thread)).length;
    assert.ok(kept > 100 && kept <= 200, `kept ${kept} pages of 2 bytes in 100 KB`);
  });

  it('replaces a page stored again under the same key without counting it twice', async () => {
    const lru = new PageLru(1000 * KB);
    for (let i = 0; i < 10; i++) await store(lru, 'a', 300);
    await store(lru, 'b', 300);
    await store(lru, 'c', 300);
    assert.deepEqual(['a', 'b', 'c'].map((thread) => cached(lru, thread)), [true, true, true]);
  });

  it('never keeps a page larger than the whole budget, and keeps the others', async () => {
    const lru = new PageLru(1000 * KB);
    await store(lru, 'a', 300);
    await store(lru, 'too-big', 1200);
    assert.deepEqual([cached(lru, 'a'), cached(lru, 'too-big')], [true, false]);
  });

  it('forgets everything on clear and counts from zero again', async () => {
    const lru = new PageLru(1000 * KB);
    for (const thread of ['a', 'b', 'c']) await store(lru, thread, 300);
    lru.clear();
    for (const thread of ['d', 'e', 'f']) await store(lru, thread, 300);
    assert.deepEqual(['a', 'd', 'e', 'f'].map((thread) => cached(lru, thread)), [false, true, true, true]);
  });
});

describe('MemoryThreadCache', () => {
  it('bounds its pages by the bytes it is given', async () => {
    const cache = new MemoryThreadCache(1000 * KB);
    for (const thread of ['a', 'b', 'c', 'd']) await (await cache.lookup(thread, 'en')).store(page(300));
    const hits = await Promise.all(['a', 'b', 'c', 'd'].map(async (thread) => (await cache.lookup(thread, 'en')).hit !== undefined));
    assert.deepEqual(hits, [false, true, true, true]);
  });
});

describe('MemoryThreadCache: a page across several threads (counts)', () => {
  const hitAcross = async (cache: MemoryThreadCache, keys: string[]) => (await cache.lookupAcross(keys, 'counts')).hit !== undefined;

  it('finds the page stored for the same list given as another array, and not for another list', async () => {
    const cache = new MemoryThreadCache();
    await (await cache.lookupAcross(['a', 'b', 'c'], 'counts')).store(page(1));
    assert.equal(await hitAcross(cache, ['a', 'b', 'c']), true);
    assert.deepEqual(await Promise.all([['a', 'b'], ['c', 'b', 'a'], ['a']].map((keys) => hitAcross(cache, keys))), [false, false, false]);
  });

  it('misses once any thread of the list changed, and a page stored before a change is never found after it', async () => {
    const cache = new MemoryThreadCache();
    const keys = ['a', 'b', 'c'];
    const before = await cache.lookupAcross(keys, 'counts');
    await cache.invalidate('b');
    await before.store(page(1));
    assert.equal(await hitAcross(cache, keys), false, 'stored under the version seen before the change');
    await (await cache.lookupAcross(keys, 'counts')).store(page(1));
    assert.equal(await hitAcross(cache, keys), true);
    await cache.invalidate('unlisted');
    assert.equal(await hitAcross(cache, keys), true, 'a thread outside the list changes nothing');
    for (const changed of ['a', 'c']) {
      await cache.invalidate(changed);
      assert.equal(await hitAcross(cache, keys), false, `after a change to ${changed}`);
      await (await cache.lookupAcross(keys, 'counts')).store(page(1));
    }
  });

  it('keeps lists apart after naming more of them than it remembers', async () => {
    const cache = new MemoryThreadCache();
    const first = ['x', 'y'];
    await (await cache.lookupAcross(first, 'counts')).store({ ...page(1), validUntil: 100 });
    for (let i = 0; i < 10_050; i += 1) await (await cache.lookupAcross([`t${i}`, 'y'], 'counts')).store({ ...page(1), validUntil: i });
    // The first list, asked again as a new array, may have a new name (a miss), but never another list's page.
    assert.ok([undefined, 100].includes((await cache.lookupAcross(['x', 'y'], 'counts')).hit?.validUntil ?? undefined));
    for (const i of [1, 10_049]) {
      const hit = (await cache.lookupAcross([`t${i}`, 'y'], 'counts')).hit;
      assert.ok(hit === undefined || hit.validUntil === i, `list ${i}: its own page or none`);
    }
    assert.equal((await cache.lookupAcross(['t10049', 'y'], 'counts')).hit?.validUntil, 10_049, 'a list named after the table started over is found');
  });
});
