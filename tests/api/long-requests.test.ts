// A moderator's long request must not freeze the readers (issue 14, item 5; docs/decisions/0021): a policy
// preview replaying 20,000 comments lets the event loop turn between its pages and replays, so a cached thread
// read sent while it runs is answered before it ends. On SQLite every statement runs on the event loop; without
// those turns the read (its timer even) would wait for the whole preview.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { insertArchive } from '../../bench/bulk-comments.js';
import { signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
  // Written on 2026-01-01 (bench/bulk-comments.ts), within a year of the test clock.
  await insertArchive(ctx.db, Boolean(process.env.TEST_DATABASE_URL), { tag: 'long', threads: 200, authors: 300, comments: 20_000 });
});
after(async () => ctx.close());

describe('long moderator requests', () => {
  it('answer a cached thread read sent while a 20,000-comment policy preview runs before the preview ends', async () => {
    const { auth } = await signIn(ctx, 'admin');
    const read = () => ctx.request.get('/api/v1/threads/long-1/comments');
    assert.equal((await read()).status, 200, 'the page is cached');
    const finished: string[] = [];
    const preview = ctx.request
      .post('/api/v1/moderation/settings/preview')
      .set('Authorization', auth)
      .send({ policy: { premoderation: 'all' }, days: 365 })
      .then((res) => {
        finished.push('preview');
        return res;
      });
    // Sent once the preview is under way: the timer itself fires only when the event loop gets a turn.
    const reader = new Promise((resolve) => setTimeout(resolve, 100))
      .then(read)
      .then((res) => {
        finished.push('read');
        return res;
      });
    const [previewed, readBeside] = await Promise.all([preview, reader]);
    assert.equal(previewed.status, 200, previewed.text);
    assert.equal(previewed.body.compared, 20_000);
    assert.equal(readBeside.status, 200);
    assert.deepEqual(finished, ['read', 'preview']);
  });
});
