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
