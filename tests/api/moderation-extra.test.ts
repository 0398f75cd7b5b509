import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { postComment, signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());

describe('GET /api/v1/moderation/comments/{id}', () => {
  it('returns one queue item as it is now, 404 for an unknown id and 401 without a session', async () => {
    const { auth } = await signIn(ctx, 'moderator');
    const posted = await postComment(ctx, 'one-item', { threadTitle: 'One item', body: 'Just this one' });
    const res = await ctx.request.get(`/api/v1/moderation/comments/${posted.comment.id}`).set('Authorization', auth);
    assert.equal(res.status, 200);
    assert.equal(res.get('cache-control'), 'no-store');
    assert.equal(res.body.id, posted.comment.id);
    assert.equal(res.body.status, 'pending');
    assert.equal(res.body.body, 'Just this one');
    assert.match(res.body.authorEmail, /@example\.org$/);
    assert.deepEqual(res.body.reasons.map((r: { rule: string }) => r.rule), ['premoderation']);
    assert.equal(res.body.thread.key, 'one-item');
    await ctx.request.post(`/api/v1/moderation/comments/${posted.comment.id}/decision`).set('Authorization', auth).send({ action: 'spam' });
    assert.equal((await ctx.request.get(`/api/v1/moderation/comments/${posted.comment.id}`).set('Authorization', auth)).body.status, 'spam');
    assert.equal((await ctx.request.get('/api/v1/moderation/comments/99999999').set('Authorization', auth)).status, 404);
    assert.equal((await ctx.request.get('/api/v1/moderation/comments/abc').set('Authorization', auth)).status, 404);
    assert.equal((await ctx.request.get(`/api/v1/moderation/comments/${posted.comment.id}`)).status, 401);
  });
});
