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

const ticketOf = async (key: string): Promise<string> => {
  const res = await ctx.request.get(`/api/v1/threads/${key}/ticket`);
  assert.equal(res.status, 200);
  assert.equal(res.get('cache-control'), 'no-store');
  return res.body.formTicket;
};

describe('GET /threads/{threadKey}/ticket and the form timing rule', () => {
  it('issues a fresh signed ticket on every request; a post sent back too soon is held, a paced one passes', async () => {
    await setPolicy(ctx, { premoderation: 'none', minSecondsToPost: 3 });
    const first = await ticketOf('ticket-thread');
    ctx.clock.advance(1);
    assert.notEqual(await ticketOf('ticket-thread'), first, 'never a cached ticket');

    const fast = await ctx.request.post('/api/v1/threads/ticket-thread/comments').send(commentInput({ formTicket: await ticketOf('ticket-thread') }));
    assert.equal(fast.status, 201);
    const row = await ctx.db.comment.findUniqueOrThrow({ where: { id: fast.body.comment.id } });
    // The widget asks for its ticket when the reader reaches the form: one who pastes what they wrote elsewhere sends at once.
    assert.equal(row.status, 'pending', 'held for a moderator, not lost in spam');
    assert.ok((row.reasons as Array<{ rule: string; vote: string }>).some((reason) => reason.rule === 'form_timing' && reason.vote === 'hold'));

    const ticket = await ticketOf('ticket-thread');
    ctx.clock.advance(30);
    const paced = await ctx.request.post('/api/v1/threads/ticket-thread/comments').send(commentInput({ formTicket: ticket }));
    assert.equal(paced.status, 201);
    assert.equal(paced.body.status, 'approved');
  });

  it('an edit of a post a moderator approved over its timing goes back to the queue', async () => {
    await setPolicy(ctx, { premoderation: 'none', minSecondsToPost: 3 });
    ctx.clock.advance(3600);
    const fast = await ctx.request.post('/api/v1/threads/ticket-edit/comments').send(commentInput({ formTicket: await ticketOf('ticket-edit') }));
    assert.equal((await ctx.db.comment.findUniqueOrThrow({ where: { id: fast.body.comment.id } })).status, 'pending');
    const moderator = await signIn(ctx, 'moderator');
    const approved = await ctx.request.post(`/api/v1/moderation/comments/${fast.body.comment.id}/decision`).set('Authorization', moderator.auth).send({ action: 'approve' });
    assert.equal(approved.status, 200);
    const edited = await ctx.request.patch(`/api/v1/comments/${fast.body.comment.id}`).set('X-Edit-Token', fast.body.editToken).send({ body: 'The same point, with a typo fixed.' });
    assert.equal(edited.status, 200, edited.text);
    assert.equal((await ctx.db.comment.findUniqueOrThrow({ where: { id: fast.body.comment.id } })).status, 'pending', 'the person who approved it sees the new text');
  });

  it('the no-JS page carries a ticket of its own in the form on every request while its comments come from the shared cache', async () => {
    await setPolicy(ctx, { premoderation: 'none', minSecondsToPost: 3 });
    ctx.clock.advance(3600); // past the previous test's posts and the posting rate limit
    const ticketIn = (page: string) => /<input type="hidden" name="formTicket" value="([^"]+)">/.exec(page)?.[1];
    const first = await ctx.request.get('/threads/nojs-ticket');
    assert.equal(first.status, 200);
    assert.equal(first.get('cache-control'), 'no-store', 'a page holding one reader\'s ticket is not stored by anyone');
    ctx.clock.advance(1);
    const second = await ctx.request.get('/threads/nojs-ticket/fragment');
    const [firstTicket, secondTicket] = [ticketIn(first.text), ticketIn(second.text)];
    assert.ok(firstTicket && secondTicket);
    assert.notEqual(firstTicket, secondTicket);
    assert.doesNotMatch(first.text, /majlis:form-ticket/, 'no empty slot is left');

    // A comment cannot spell the slot: its text is escaped before the ticket goes in.
    const slotText = await ctx.request.post('/api/v1/threads/nojs-ticket/comments').send(commentInput({ body: 'I type <!--majlis:form-ticket--> here' }));
    assert.equal(slotText.body.status, 'approved');
    ctx.clock.advance(120);
    const page = await ctx.request.get('/threads/nojs-ticket');
    assert.match(page.text, /I type &lt;!--majlis:form-ticket--&gt; here/);

    // The form posts straight back: too soon is spam, after a person's pause it is published.
    const form = (ticket: string, body: string) => ctx.request.post('/api/v1/threads/nojs-ticket/comments').type('form').send({ ...commentInput({ body }), formTicket: ticket });
    const fast = await form(ticketIn(page.text)!, 'Sent the moment the page arrived');
    assert.equal(fast.status, 201, 'the outcome page (there is no article to go back to)');
    assert.equal((await ctx.db.comment.findFirstOrThrow({ where: { body: 'Sent the moment the page arrived' } })).status, 'spam');
    const compressed = await ctx.request.get('/threads/nojs-ticket').set('Accept-Encoding', 'gzip');
    assert.equal(compressed.get('content-encoding'), 'gzip', 'each answer is compressed as it is sent');
    const paced = ticketIn(compressed.text)!;
    ctx.clock.advance(120);
    assert.equal((await form(paced, 'Written at a person\'s pace')).status, 201);
    assert.equal((await ctx.db.comment.findFirstOrThrow({ where: { body: 'Written at a person\'s pace' } })).status, 'approved');
  });

  it('refuses an invalid thread key with a localised 400 problem', async () => {
    const res = await ctx.request.get('/api/v1/threads/%20bad%20key%20/ticket').set('Accept-Language', 'ar');
    assert.equal(res.status, 400);
    assert.equal(res.body.code, 'invalid_thread_key');
    assert.match(res.get('content-type') ?? '', /problem\+json/);
  });
});
