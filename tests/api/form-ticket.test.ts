import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { commentInput, restorePolicyAfterEach, setPolicy } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());
restorePolicyAfterEach(() => ctx);

const ticketOf = async (key: string): Promise<string> => {
  const res = await ctx.request.get(`/api/v1/threads/${key}/ticket`);
  assert.equal(res.status, 200);
  assert.equal(res.get('cache-control'), 'no-store');
  return res.body.formTicket;
};

describe('GET /threads/{threadKey}/ticket and the form timing rule', () => {
  it('issues a fresh signed ticket on every request; a post sent back too soon goes to spam, a paced one passes', async () => {
    await setPolicy(ctx, { premoderation: 'none', minSecondsToPost: 3 });
    const first = await ticketOf('ticket-thread');
    ctx.clock.advance(1);
    assert.notEqual(await ticketOf('ticket-thread'), first, 'never a cached ticket');

    const fast = await ctx.request.post('/api/v1/threads/ticket-thread/comments').send(commentInput({ formTicket: await ticketOf('ticket-thread') }));
    assert.equal(fast.status, 201);
    const row = await ctx.db.comment.findUniqueOrThrow({ where: { id: fast.body.comment.id } });
    assert.equal(row.status, 'spam');
    assert.ok((row.reasons as Array<{ rule: string }>).some((reason) => reason.rule === 'form_timing'));

    const ticket = await ticketOf('ticket-thread');
    ctx.clock.advance(30);
    const paced = await ctx.request.post('/api/v1/threads/ticket-thread/comments').send(commentInput({ formTicket: ticket }));
    assert.equal(paced.status, 201);
    assert.equal(paced.body.status, 'approved');
  });

  it('refuses an invalid thread key with a localised 400 problem', async () => {
    const res = await ctx.request.get('/api/v1/threads/%20bad%20key%20/ticket').set('Accept-Language', 'ar');
    assert.equal(res.status, 400);
    assert.equal(res.body.code, 'invalid_thread_key');
    assert.match(res.get('content-type') ?? '', /problem\+json/);
  });
});
