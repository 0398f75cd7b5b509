import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { commentInput } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close({ allowErrorLogs: true }));

const post = (n: number) =>
  ctx.request
    .post('/api/v1/threads/disk-full/comments')
    .set('X-Forwarded-For', `203.0.113.${n % 250}`)
    .send(commentInput({ body: `${'A long enough comment to need pages. '.repeat(40)} ${n}` }))
    .timeout(15_000);

// On PostgreSQL a full disk cannot be made from a test; SQLite's max_page_count gives the same SQLITE_FULL error as a full disk.
describe('database or disk is full', { skip: process.env.TEST_DATABASE_URL ? 'SQLite only: PRAGMA max_page_count stands in for a full disk' : false }, () => {
  it('writes fail at once and /readyz answers 503 while the disk is full; both recover by themselves, without a restart, once there is room', async () => {
    assert.equal((await post(0)).status, 201);
    // A full disk, as SQLite sees it: no page beyond the ones the file has now.
    const [row] = await ctx.db.$queryRawUnsafe<Array<{ page_count: bigint }>>('PRAGMA page_count');
    await ctx.db.$queryRawUnsafe(`PRAGMA max_page_count = ${Number(row?.page_count)}`);
    let failed = 0;
    for (let n = 1; n <= 40 && failed === 0; n += 1) {
      ctx.clock.advance(60);
      const res = await post(n);
      if (res.status !== 201) {
        failed += 1;
        // Nothing is wrong with the post: the writer is asked to come back (503), not told something broke (500).
        assert.deepEqual([res.status, res.body.code, res.get('Retry-After')], [503, 'unavailable', '5'], res.text);
      }
    }
    assert.equal(failed, 1, 'the disk filled up');
    const ready = await ctx.request.get('/readyz');
    assert.equal(ready.status, 503, ready.text);
    assert.equal(ready.body.checks.storage, 'failing');
    // Still full: readiness stays down, and writes keep failing at once rather than hanging.
    ctx.clock.advance(60);
    assert.equal((await post(50)).status, 503);
    assert.equal((await ctx.request.get('/readyz')).status, 503);
    // Space is freed: readiness comes back by itself (no reader has to write first), and so do writes.
    await ctx.db.$queryRawUnsafe('PRAGMA max_page_count = 1073741823');
    const recovered = await ctx.request.get('/readyz');
    assert.equal(recovered.status, 200, recovered.text);
    assert.equal(recovered.body.checks.storage, 'ok');
    ctx.clock.advance(60);
    const again = await post(100);
    assert.equal(again.status, 201, again.text);
  });
});
