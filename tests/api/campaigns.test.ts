import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { commentInput, restorePolicyAfterEach, setPolicy, signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());
restorePolicyAfterEach(() => ctx);

const text = (i: number) =>
  `Double your savings in a week with our secret crypto robot, sign up ${['today', 'now', 'this week', 'tonight'][i % 4]} and claim a welcome gift worth two hundred dollars, offer ends soon`;

describe('GET /moderation/campaigns and marking a campaign spam', () => {
  it('lists a campaign posted across threads, marks all its members spam in one undoable batch', async () => {
    await setPolicy(ctx, { premoderation: 'none' });
    const ids: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await ctx.request.post(`/api/v1/threads/drive-${i}/comments`).send(commentInput({ body: text(i) }));
      assert.equal(res.status, 201);
      ids.push(res.body.comment.id);
      ctx.clock.advance(60);
    }
    const { auth } = await signIn(ctx);
    assert.equal((await ctx.request.get('/api/v1/moderation/campaigns')).status, 401);

    const listed = await ctx.request.get('/api/v1/moderation/campaigns?limit=5').set('Authorization', auth);
    assert.equal(listed.status, 200);
    assert.equal(listed.get('cache-control'), 'no-store');
    const campaign = listed.body.items.find((item: { memberIds: number[] }) => item.memberIds.includes(ids[0] as number));
    assert.ok(campaign, 'the campaign is listed');
    assert.deepEqual(campaign.memberIds, ids);
    assert.equal(campaign.size, 3);
    assert.equal(campaign.threadCount, 3);
    assert.equal(campaign.spamMarked, false);
    assert.equal(campaign.sample, text(2));
    assert.ok(campaign.firstSeenAt < campaign.lastSeenAt);

    const marked = await ctx.request.post('/api/v1/moderation/decisions').set('Authorization', auth).send({ ids: campaign.memberIds, action: 'spam' });
    assert.equal(marked.status, 200);
    assert.equal(marked.body.updated, 3);
    const after = (await ctx.request.get('/api/v1/moderation/campaigns').set('Authorization', auth)).body.items.find((item: { id: number }) => item.id === campaign.id);
    assert.equal(after.spamMarked, true);
    assert.equal(after.spamCount, 3);

    const undone = await ctx.request.post(`/api/v1/moderation/decisions/${marked.body.batchId}/undo`).set('Authorization', auth).send({});
    assert.equal(undone.status, 200);
    assert.equal(undone.body.restored, 3);
    const rows = await ctx.db.comment.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } });
    assert.deepEqual(rows.map((row) => row.status), ['approved', 'approved', 'pending']);
    const again = (await ctx.request.get('/api/v1/moderation/campaigns').set('Authorization', auth)).body.items.find((item: { id: number }) => item.id === campaign.id);
    assert.equal(again.spamMarked, false);
  });

  it('refuses a bad limit with a localised 400 problem', async () => {
    const { auth } = await signIn(ctx);
    const res = await ctx.request.get('/api/v1/moderation/campaigns?limit=0').set('Authorization', auth).set('Accept-Language', 'ar');
    assert.equal(res.status, 400);
    assert.match(res.get('content-type') ?? '', /problem\+json/);
  });
});
