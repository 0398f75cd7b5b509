import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { commentInput } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext({ TRUST_PROXY: 'true', RATE_LIMIT_POSTS: '4', RATE_LIMIT_WINDOW_SECONDS: '60' });
});
after(async () => ctx.close());
// Each test starts in a fresh rate window.
beforeEach(() => ctx.clock.advance(3600));

/** Posts as one client (its address) and returns what the poster keeps. */
async function post(ip: string, threadKey: string) {
  const res = await ctx.request.post(`/api/v1/threads/${threadKey}/comments`).set('X-Forwarded-For', ip).send(commentInput());
  assert.equal(res.status, 201, res.text);
  return res.body as { comment: { id: number }; editToken: string };
}

describe('one write budget per client', () => {
  it('counts edits, deletes and flags like posts: past the limit each answers 429 with Retry-After and changes nothing', async () => {
    const ip = '198.51.100.7';
    const mine = await post(ip, 'budget-thread');
    const other = await post('198.51.100.99', 'budget-thread');
    await ctx.db.comment.update({ where: { id: other.comment.id }, data: { status: 'approved' } });
    // Three more writes of other kinds use up the client's four.
    const edit = (body: string) => ctx.request.patch(`/api/v1/comments/${mine.comment.id}`).set('X-Forwarded-For', ip).set('X-Edit-Token', mine.editToken).send({ body });
    assert.equal((await edit('First correction of my comment.')).status, 200);
    assert.equal((await ctx.request.post(`/api/v1/comments/${other.comment.id}/flags`).set('X-Forwarded-For', ip).send({ reason: 'spam' })).status, 202);
    assert.equal((await edit('Second correction of my comment.')).status, 200);

    const refused = [
      await edit('A third correction that must not land.'),
      await ctx.request.delete(`/api/v1/comments/${mine.comment.id}`).set('X-Forwarded-For', ip).set('X-Edit-Token', mine.editToken),
      await ctx.request.post(`/api/v1/comments/${other.comment.id}/flags`).set('X-Forwarded-For', ip).send({ reason: 'abuse' }),
      await ctx.request.post('/api/v1/threads/budget-thread/comments').set('X-Forwarded-For', ip).send(commentInput()),
    ];
    for (const [i, res] of refused.entries()) {
      assert.equal(res.status, 429, `refused write ${i}: ${res.text}`);
      assert.equal(res.body.code, 'rate_limited');
      assert.match(res.get('retry-after') ?? '', /^[1-9]\d*$/);
    }
    const stored = await ctx.db.comment.findUniqueOrThrow({ where: { id: mine.comment.id } });
    assert.equal(stored.body, 'Second correction of my comment.');
    assert.equal(stored.deletedAt, null);
    assert.equal(await ctx.db.flag.count({ where: { commentId: other.comment.id } }), 1);
    assert.equal(await ctx.db.comment.count({ where: { thread: { key: 'budget-thread' } } }), 2);

    // Another client is not affected, and the client's budget comes back with the next window.
    await post('198.51.100.8', 'budget-thread');
    ctx.clock.advance(61);
    assert.equal((await edit('After the window, corrections work again.')).status, 200);
  });

  it('counts a flood of edits from one client, however many comments it spreads them over', async () => {
    const ip = '198.51.100.20';
    const first = await post(ip, 'flood-thread');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const res = await ctx.request.patch(`/api/v1/comments/${first.comment.id}`).set('X-Forwarded-For', ip).set('X-Edit-Token', first.editToken).send({ body: `Edit number ${i} of this comment.` });
      statuses.push(res.status);
    }
    assert.deepEqual(statuses, [200, 200, 200, 429, 429, 429]);
  });
});
