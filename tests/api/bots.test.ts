import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import supertest from 'supertest';
import type { Challenge } from 'altcha-lib';
import { issueFormTicket } from '../../src/bots/form-ticket.js';
import { RedisReplayLedger } from '../../src/redis/redis-replay-ledger.js';
import { commentInput, restorePolicyAfterEach, setPolicy, signIn, solvedChallenge as solve } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';
import { agentWithClassifierHook } from '../setup/classifier-hook.js';
import { redisUnavailable } from '../scale/support.js';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());
restorePolicyAfterEach(() => ctx);
beforeEach(() => ctx.clock.advance(3600));

const url = (key: string) => `/api/v1/threads/${key}/comments`;
const LINKED = 'Worth reading alongside this report: https://analysis.example/budget-2026';
/** A policy that asks a new author posting a link for proof of work (not a default: see the first test). */
const LINKS_CHALLENGED = { challengeWhen: ['new-author-with-links', 'address-burst', 'thread-attack'] };

async function reasonsOf(id: number): Promise<Array<{ rule: string; vote: string; explain?: { key: string } }>> {
  const row = await ctx.db.comment.findUniqueOrThrow({ where: { id } });
  return row.reasons as Array<{ rule: string; vote: string; explain?: { key: string } }>;
}

/**
 * Sends `count` posts at once through an app whose posts, once their signals are gathered, wait at the classifier
 * until all of them have: none is stored before all are checked, as when posts arrive together at a busy server.
 * Returns their answers, and the agent on that app for what comes after.
 */
async function sentTogether(context: TestContext, count: number, send: (request: supertest.Agent, i: number) => supertest.Test) {
  let arrived = 0;
  let allChecked = () => {};
  const gate = new Promise<void>((resolve) => (allChecked = resolve));
  const request = agentWithClassifierHook(context, async () => {
    arrived += 1;
    if (arrived === count) allChecked();
    await gate;
  });
  const answers = await Promise.all(Array.from({ length: count }, async (_, i) => send(request, i)));
  return { answers, request };
}

describe('proof of work by default', () => {
  it("asks nothing of a new author's first comment, links and all: the default policy challenges only an address burst or a thread attack", async () => {
    for (const body of [LINKED, `${LINKED} https://a.example/1 https://b.example/2`]) {
      const res = await ctx.request.post(url('pow-default')).send(commentInput({ body }));
      assert.equal(res.status, 201);
      assert.equal(res.body.status, 'pending');
      const row = await ctx.db.comment.findUniqueOrThrow({ where: { id: res.body.comment.id } });
      assert.ok(!(row.reasons as Array<{ rule: string }>).some((reason) => reason.rule === 'challenge'));
      ctx.clock.advance(60);
    }
  });
});

describe('proof of work, graded by risk', () => {
  beforeEach(() => setPolicy(ctx, LINKS_CHALLENGED));

  it('asks nothing of an ordinary first comment through the API (201)', async () => {
    const res = await ctx.request.post(url('pow-plain')).send(commentInput());
    assert.equal(res.status, 201);
    const row = await ctx.db.comment.findUniqueOrThrow({ where: { id: res.body.comment.id } });
    assert.equal((row.signals as { challenge: string }).challenge, 'missing');
  });

  it('refuses a new author with a link through the API with 428, a localised problem and a challenge; stores nothing', async () => {
    const before = await ctx.db.comment.count();
    const res = await ctx.request.post(url('pow-refused')).set('Accept-Language', 'ar').send(commentInput({ body: LINKED }));
    assert.equal(res.status, 428);
    assert.match(res.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(res.body.code, 'challenge_required');
    assert.equal(res.body.title, 'يلزم تحقق سريع');
    assert.match(res.body.detail, /روبوتات/);
    assert.equal(res.body.challenge.parameters.algorithm, 'SHA-256');
    assert.equal(typeof res.body.challenge.parameters.data.exp, 'number');
    assert.equal(await ctx.db.comment.count(), before);
  });

  it('accepts the post again with the solution, and refuses the same solution replayed', async () => {
    const input = commentInput({ body: LINKED });
    const first = await ctx.request.post(url('pow-solved')).send(input);
    assert.equal(first.status, 428);
    const challengeSolution = await solve(first.body.challenge);
    const solved = await ctx.request.post(url('pow-solved')).send({ ...input, challengeSolution });
    assert.equal(solved.status, 201);
    const row = await ctx.db.comment.findUniqueOrThrow({ where: { id: solved.body.comment.id } });
    assert.equal((row.signals as { challenge: string }).challenge, 'solved');

    ctx.clock.advance(60);
    const replay = await ctx.request.post(url('pow-solved')).send(commentInput({ body: `${LINKED} again`, challengeSolution }));
    assert.equal(replay.status, 428);
    assert.equal(replay.body.detail, 'This solution was already used. Solve the new challenge in this answer and send the comment again.');
  });

  it('refuses a solution past its expiry by the app clock, and a tampered one', async () => {
    const input = commentInput({ body: LINKED });
    const { body } = await ctx.request.post(url('pow-expired')).send(input);
    const challengeSolution = await solve(body.challenge);
    ctx.clock.advance(11 * 60);
    const late = await ctx.request.post(url('pow-expired')).send({ ...input, challengeSolution });
    assert.equal(late.status, 428);
    assert.match(late.body.detail, /expired/);

    const fresh = await ctx.request.post(url('pow-expired')).send(input);
    const tampered = structuredClone(fresh.body.challenge) as Challenge;
    tampered.parameters.data = { exp: 9_999_999_999 };
    const forged = await ctx.request.post(url('pow-expired')).send({ ...input, challengeSolution: await solve(fresh.body.challenge).then(() => Buffer.from(JSON.stringify({ challenge: tampered, solution: { counter: 1, derivedKey: '00' } })).toString('base64')) });
    assert.equal(forged.status, 428);
    assert.match(forged.body.detail, /not valid/);
    const garbage = await ctx.request.post(url('pow-expired')).send({ ...input, challengeSolution: 'not base64 json' });
    assert.equal(garbage.status, 428);
  });

  it('holds the same post from the no-JS form instead of refusing it, and says why', async () => {
    await setPolicy(ctx, { premoderation: 'none' });
    const res = await ctx.request.post(url('pow-form')).type('form').send(commentInput({ body: LINKED }));
    assert.equal(res.status, 201);
    const row = await ctx.db.comment.findFirstOrThrow({ where: { thread: { key: 'pow-form' } } });
    assert.equal(row.status, 'pending');
    const reason = (await reasonsOf(row.id)).find((r) => r.rule === 'challenge');
    assert.equal(reason?.vote, 'hold');
    assert.equal(reason?.explain?.key, 'bots.challengeMissing');
  });

  it('asks for proof of work from a burst of posts from one address range (TRUST_PROXY)', async () => {
    const proxied = await createTestContext({ TRUST_PROXY: '1' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i += 1) {
        const res = await proxied.request.post(url('burst')).set('X-Forwarded-For', `198.51.100.${10 + i}`).send(commentInput());
        statuses.push(res.status);
        proxied.clock.advance(30);
      }
      assert.deepEqual(statuses, [201, 201, 201, 201, 201, 428]);
      const elsewhere = await proxied.request.post(url('burst')).set('X-Forwarded-For', '192.0.2.7').send(commentInput());
      assert.equal(elsewhere.status, 201);
    } finally {
      await proxied.close();
    }
  });

  it('asks for proof of work from a burst sent all at once, as if its posts had come one after another', async () => {
    const proxied = await createTestContext({ TRUST_PROXY: '1' });
    try {
      const fromTheRange = (request: supertest.Agent, i: number) => request.post(url(`burst-at-once-${i}`)).set('X-Forwarded-For', `198.51.100.${30 + i}`).send(commentInput());
      const { answers, request } = await sentTogether(proxied, 10, fromTheRange);
      // burstPostsPerRange (5) pass, as they would one after another; without counting the posts in flight, all would.
      assert.deepEqual(answers.map((res) => res.status).sort(), [201, 201, 201, 201, 201, 428, 428, 428, 428, 428]);
      // Once the burst's window has passed the range is calm again: the refused posts are no longer in flight either.
      proxied.clock.advance(24 * 3600);
      assert.equal((await fromTheRange(request, 10)).status, 201);
    } finally {
      await proxied.close();
    }
  });
});

describe('thread attacks', () => {
  it('asks for proof of work once a thread has had threadAttackPosts posts within its window, and only there', async () => {
    await setPolicy(ctx, { challengeWhen: ['thread-attack'], threadAttackPosts: 3, threadAttackMinutes: 10 });
    const post = (thread: string, i: number) => ctx.request.post(url(thread)).send(commentInput({ authorEmail: `attack-${thread}-${i}@example.org`, body: `Reader ${i} on this story.` }));
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      statuses.push((await post('attacked', i)).status);
      ctx.clock.advance(30);
    }
    assert.deepEqual(statuses, [201, 201, 201, 428]);
    assert.equal((await post('calm', 0)).status, 201, 'another thread is not under attack');
    ctx.clock.advance(10 * 60);
    assert.equal((await post('attacked', 5)).status, 201, 'the window has passed');
  });

  it("counts a thread's and an address range's recent posts only up to their limits: a busy thread costs a post no more than one at the limit", async () => {
    const proxied = await createTestContext({ TRUST_PROXY: '1' });
    try {
      // Not challenged, so every post is stored with the counts it saw.
      await setPolicy(proxied, { challengeWhen: [], threadAttackPosts: 3, threadAttackMinutes: 10, burstPostsPerRange: 2, burstWindowMinutes: 10 });
      const seen: Array<[number, number]> = [];
      for (let i = 0; i < 6; i += 1) {
        const res = await proxied.request
          .post(url('busy'))
          .set('X-Forwarded-For', `198.51.100.${20 + i}`)
          .send(commentInput({ authorEmail: `busy-${i}@example.org`, body: `Reader ${i} on the busy story.` }));
        assert.equal(res.status, 201);
        const { signals } = await proxied.db.comment.findUniqueOrThrow({ where: { id: res.body.comment.id } });
        const { threadPosts, rangePosts } = signals as { threadPosts: number; rangePosts: number };
        seen.push([threadPosts, rangePosts]);
        proxied.clock.advance(30);
      }
      assert.deepEqual(seen, [[0, 0], [1, 1], [2, 2], [3, 2], [3, 2], [3, 2]]);
    } finally {
      await proxied.close();
    }
  });

  it('counts the posts sent to a thread all at once as if they had come one after another', async () => {
    const proxied = await createTestContext({ TRUST_PROXY: '1' });
    try {
      await setPolicy(proxied, { challengeWhen: [], threadAttackPosts: 3, threadAttackMinutes: 10 });
      const { answers } = await sentTogether(proxied, 6, (request, i) => request.post(url('all-at-once')).set('X-Forwarded-For', `203.0.113.${i + 1}`).send(commentInput()));
      assert.deepEqual(answers.map((res) => res.status), [201, 201, 201, 201, 201, 201]);
      const rows = await proxied.db.comment.findMany({ where: { id: { in: answers.map((res) => res.body.comment.id as number) } }, select: { signals: true } });
      // Each stored with what it saw: none of the others was stored when it counted.
      assert.deepEqual(rows.map((row) => (row.signals as { threadPosts: number }).threadPosts).sort(), [0, 1, 2, 3, 3, 3]);
    } finally {
      await proxied.close();
    }
  });
});

describe('honeypot and timing', () => {
  it('sends a post with the hidden field filled to spam, told to the poster as pending', async () => {
    await setPolicy(ctx, { premoderation: 'none' });
    const res = await ctx.request.post(url('honeypot')).send(commentInput({ homepage: 'https://bot.example' }));
    assert.equal(res.status, 201);
    assert.equal(res.body.status, 'pending');
    const row = await ctx.db.comment.findUniqueOrThrow({ where: { id: res.body.comment.id } });
    assert.equal(row.status, 'spam');
    assert.equal((await reasonsOf(row.id)).find((r) => r.rule === 'honeypot')?.vote, 'spam');
  });

  it('holds a post sent faster than minSecondsToPost after the widget showed the form, sends one from the no-JS page to spam; a paced one passes', async () => {
    await setPolicy(ctx, { premoderation: 'none' });
    const fast = await ctx.request.post(url('timing')).send(commentInput({ formTicket: issueFormTicket(ctx.config.SECRET, ctx.clock.now()) }));
    assert.equal((await ctx.db.comment.findUniqueOrThrow({ where: { id: fast.body.comment.id } })).status, 'pending');
    assert.deepEqual(
      (await reasonsOf(fast.body.comment.id)).filter((r) => r.rule === 'form_timing').map((r) => [r.vote, r.explain?.key]),
      [['hold', 'bots.tooFast']],
    );
    ctx.clock.advance(60);
    const body = 'Sent back the moment the page without scripts arrived.';
    await ctx.request.post(url('timing-form')).type('form').send({ ...commentInput({ body }), formTicket: issueFormTicket(ctx.config.SECRET, ctx.clock.now()) });
    const fromForm = await ctx.db.comment.findFirstOrThrow({ where: { body } });
    assert.deepEqual([fromForm.status, (await reasonsOf(fromForm.id)).find((r) => r.rule === 'form_timing')?.vote], ['spam', 'spam']);

    const ticket = issueFormTicket(ctx.config.SECRET, ctx.clock.now());
    ctx.clock.advance(40);
    const paced = await ctx.request.post(url('timing')).send(commentInput({ formTicket: ticket }));
    assert.equal(paced.body.status, 'approved');
    ctx.clock.advance(60);
    const forged = await ctx.request.post(url('timing-forged')).send(commentInput({ formTicket: `${ctx.clock.now().getTime() - 60_000}.forged` }));
    assert.equal(forged.body.status, 'approved', 'a forged ticket is ignored, not trusted');
  });
});

describe('campaigns, spam link domains, disposable addresses', () => {
  const campaignText = (i: number) =>
    `Earn money from home with our proven trading system, join ${['today', 'now', 'this week', 'tonight'][i % 4]} and get your first bonus of five hundred dollars free, limited places left`;

  it('holds near-copies across threads once the cluster reaches campaignMinSize, then spam once a moderator marked one spam', async () => {
    await setPolicy(ctx, { premoderation: 'none' });
    const ids: number[] = [];
    const statuses: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await ctx.request.post(url(`campaign-${i}`)).send(commentInput({ body: campaignText(i) }));
      ids.push(res.body.comment.id);
      statuses.push(res.body.status);
      ctx.clock.advance(60);
    }
    assert.deepEqual(statuses, ['approved', 'approved', 'pending']);
    const reason = (await reasonsOf(ids[2] as number)).find((r) => r.rule === 'campaign');
    assert.equal(reason?.explain?.key, 'bots.campaign');
    const rows = await ctx.db.comment.findMany({ where: { id: { in: ids } } });
    assert.equal(new Set(rows.map((row) => row.campaignId)).size, 1);
    assert.ok(rows[0]?.campaignId);

    const { auth } = await signIn(ctx);
    const decided = await ctx.request.post(`/api/v1/moderation/comments/${ids[2]}/decision`).set('Authorization', auth).send({ action: 'spam' });
    assert.equal(decided.status, 200);
    const next = await ctx.request.post(url('campaign-9')).send(commentInput({ body: campaignText(3) }));
    const row = await ctx.db.comment.findUniqueOrThrow({ where: { id: next.body.comment.id } });
    assert.equal(row.status, 'spam');
    assert.equal((await reasonsOf(row.id)).find((r) => r.rule === 'campaign')?.explain?.key, 'bots.campaignSpam');
  });

  it('holds a short text with a link copied across threads; short copies without one, a readers\' "thank you", pass', async () => {
    await setPolicy(ctx, { premoderation: 'none' });
    const post = async (thread: string, body: string) => {
      const res = await ctx.request.post(url(thread)).send(commentInput({ body }));
      ctx.clock.advance(60);
      return res.body.status as string;
    };
    const spam = ['Great read! www.cheap-pills.example', 'Great read!! www.cheap-pills.example', 'great read: www.cheap-pills.example'];
    assert.deepEqual([await post('short-0', spam[0]!), await post('short-1', spam[1]!), await post('short-2', spam[2]!)], ['approved', 'approved', 'pending']);
    const thanks = [];
    for (let i = 0; i < 4; i += 1) thanks.push(await post(`short-thanks-${i}`, 'Great read, thank you!'));
    assert.deepEqual(thanks, ['approved', 'approved', 'approved', 'approved']);
  });

  it('stops holding near-copies a moderator approved one of (condolences on a day of news), until one is marked spam', async () => {
    await setPolicy(ctx, { premoderation: 'none' });
    const closings = ['اللهم آمين', 'آمين يا رب', 'والحمد لله', 'اللهم ارحمه', 'رحمه الله'];
    const condolence = (i: number) => `إنا لله وإنا إليه راجعون، رحم الله الفقيد وأسكنه فسيح جناته وألهم أهله وذويه الصبر والسلوان ${closings[i]}`;
    const post = (i: number) => ctx.request.post(url(`condolences-${i}`)).send(commentInput({ body: condolence(i) }));
    const statuses: string[] = [];
    const ids: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await post(i);
      statuses.push(res.body.status);
      ids.push(res.body.comment.id);
      ctx.clock.advance(60);
    }
    assert.deepEqual(statuses, ['approved', 'approved', 'pending']);

    const { auth } = await signIn(ctx);
    const approved = await ctx.request.post(`/api/v1/moderation/comments/${ids[2]}/decision`).set('Authorization', auth).send({ action: 'approve' });
    assert.equal(approved.status, 200);
    const next = await post(3);
    assert.equal(next.body.status, 'approved');
    const reason = (await reasonsOf(next.body.comment.id)).find((r) => r.rule === 'campaign');
    assert.deepEqual([reason?.vote, reason?.explain?.key], ['approve', 'bots.campaignApproved']);

    // A moderator's spam mark on a copy outweighs the approval.
    assert.equal((await ctx.request.post(`/api/v1/moderation/comments/${ids[0]}/decision`).set('Authorization', auth).send({ action: 'spam' })).status, 200);
    ctx.clock.advance(60);
    const last = await post(4);
    assert.equal((await ctx.db.comment.findUniqueOrThrow({ where: { id: last.body.comment.id } })).status, 'spam');
  });

  it('holds near-copies sent to four threads all at once from the third on, as if they had come one after another', async () => {
    // Four readers behind one address here: the flood rule would turn three away first.
    await setPolicy(ctx, { premoderation: 'none', floodIntervalSeconds: 0 });
    // Not the text above, whose copies are stored (and one marked spam) by now.
    const copyText = (i: number) => `Visit our pharmacy for the cheapest medicine prices in town, order ${['today', 'now', 'this week', 'tonight'][i]} with free delivery to your door and no prescription needed`;
    const { answers } = await sentTogether(ctx, 4, (request, i) => request.post(url(`copies-at-once-${i}`)).send(commentInput({ body: copyText(i) })));
    // campaignMinSize (3): the first two pass, as they would one after another; without the posts in flight, all four would.
    assert.deepEqual(answers.map((res) => res.body.status).sort(), ['approved', 'approved', 'pending', 'pending']);
    const held = answers.filter((res) => res.body.status === 'pending');
    for (const res of held) assert.equal((await reasonsOf(res.body.comment.id)).find((r) => r.rule === 'campaign')?.explain?.key, 'bots.campaign');
  });

  it('holds links to a domain moderators marked spam, and stops once the mark is undone', async () => {
    await setPolicy(ctx, { premoderation: 'none', challengeWhen: [] });
    const spam = await ctx.request.post(url('domains')).send(commentInput({ body: 'Cheap pills at https://www.pills.example/buy' }));
    const { auth } = await signIn(ctx);
    const marked = await ctx.request.post('/api/v1/moderation/decisions').set('Authorization', auth).send({ ids: [spam.body.comment.id], action: 'spam' });
    assert.equal(marked.status, 200);
    assert.equal((await ctx.db.spamDomain.findUniqueOrThrow({ where: { domain: 'pills.example' } })).marks, 1);
    ctx.clock.advance(60);
    const later = await ctx.request.post(url('domains-2')).send(commentInput({ body: 'Have a look at http://pills.example/offer for more' }));
    assert.equal(later.body.status, 'pending');
    assert.equal((await reasonsOf(later.body.comment.id)).find((r) => r.rule === 'spam_domains')?.vote, 'hold');
    // Nor can an approved comment take such a link in by its author's edit: the edit's links are read anew.
    ctx.clock.advance(60);
    const innocent = await ctx.request.post(url('domains-3')).send(commentInput({ body: 'A perfectly ordinary remark about the story' }));
    assert.equal(innocent.body.status, 'approved');
    const edited = await ctx.request.patch(`/api/v1/comments/${innocent.body.comment.id}`).set('X-Edit-Token', innocent.body.editToken).send({ body: 'Update: see https://pills.example/offer instead' });
    assert.equal(edited.status, 200, edited.text);
    assert.equal((await ctx.db.comment.findUniqueOrThrow({ where: { id: innocent.body.comment.id } })).status, 'pending');
    assert.equal((await reasonsOf(innocent.body.comment.id)).find((r) => r.rule === 'spam_domains')?.vote, 'hold');

    const undone = await ctx.request.post(`/api/v1/moderation/decisions/${marked.body.batchId}/undo`).set('Authorization', auth);
    assert.equal(undone.status, 200);
    assert.equal((await ctx.db.spamDomain.findUniqueOrThrow({ where: { domain: 'pills.example' } })).marks, 0);
  });

  it("counts a domain once a moderator confirms the rules' spam mark, once however often, and not after it leaves spam", async () => {
    await setPolicy(ctx, { premoderation: 'none', challengeWhen: [] });
    const trapped = await ctx.request.post(url('domains-confirm')).send(commentInput({ body: 'Deals at https://deals.example/now', homepage: 'https://bot.example' }));
    assert.equal((await ctx.db.comment.findUniqueOrThrow({ where: { id: trapped.body.comment.id } })).status, 'spam');
    const marks = async () => (await ctx.db.spamDomain.findUnique({ where: { domain: 'deals.example' } }))?.marks ?? 0;
    assert.equal(await marks(), 0, "the honeypot's mark is the rules', not a moderator's");
    const { auth } = await signIn(ctx);
    const confirm = (note?: string) => ctx.request.post(`/api/v1/moderation/comments/${trapped.body.comment.id}/decision`).set('Authorization', auth).send({ action: 'spam', note });
    assert.equal((await confirm()).status, 200);
    assert.equal(await marks(), 1);
    assert.equal((await confirm('a second look')).status, 200);
    assert.equal(await marks(), 1, 'confirmed again with a note: still one mark');
    // Confirmed by several moderators at once: one mark, one confirmation.
    ctx.clock.advance(60);
    const twin = await ctx.request.post(url('domains-confirm')).send(commentInput({ body: 'Other bargains, see https://deals-twin.example/today', homepage: 'https://bot.example', authorEmail: 'twin@example.org' }));
    assert.equal(twin.status, 201, twin.text);
    const answers = await Promise.all(Array.from({ length: 8 }, () => ctx.request.post(`/api/v1/moderation/comments/${twin.body.comment.id}/decision`).set('Authorization', auth).send({ action: 'spam' })));
    assert.deepEqual([...new Set(answers.map((answer) => answer.status))], [200]);
    assert.equal((await ctx.db.spamDomain.findUniqueOrThrow({ where: { domain: 'deals-twin.example' } })).marks, 1);
    assert.equal(await ctx.db.decision.count({ where: { commentId: twin.body.comment.id, action: 'confirm' } }), 1);
    await ctx.request.post(`/api/v1/moderation/comments/${trapped.body.comment.id}/decision`).set('Authorization', auth).send({ action: 'approve' }).expect(200);
    assert.equal(await marks(), 0);
  });

  it("follows a counted comment's links through its author's edit, and an undo puts back only a moderator's mark", async () => {
    await setPolicy(ctx, { premoderation: 'none', challengeWhen: [], editWindowMinutes: 15 });
    const marksOf = async (domain: string) => (await ctx.db.spamDomain.findUnique({ where: { domain } }))?.marks ?? 0;
    const { auth } = await signIn(ctx);
    const decide = (id: number, action: string) => ctx.request.post(`/api/v1/moderation/comments/${id}/decision`).set('Authorization', auth).send({ action }).expect(200);
    const bulk = async (id: number, action: string) => (await ctx.request.post('/api/v1/moderation/decisions').set('Authorization', auth).send({ ids: [id], action }).expect(200)).body.batchId as string;
    const undo = (batchId: string) => ctx.request.post(`/api/v1/moderation/decisions/${batchId}/undo`).set('Authorization', auth).expect(200);

    // The rules' spam mark, taken out of spam and put back by an undo: still the rules' mark, counted nowhere.
    const trapped = await ctx.request.post(url('domains-undo')).send(commentInput({ body: 'Offers at https://offers.example/now', homepage: 'https://bot.example' }));
    await undo(await bulk(trapped.body.comment.id, 'approve'));
    assert.equal((await ctx.db.comment.findUniqueOrThrow({ where: { id: trapped.body.comment.id } })).status, 'spam');
    assert.equal(await marksOf('offers.example'), 0);
    // A moderator's mark, taken out and put back by an undo, counts again.
    await decide(trapped.body.comment.id, 'spam');
    assert.equal(await marksOf('offers.example'), 1);
    await undo(await bulk(trapped.body.comment.id, 'approve'));
    assert.equal(await marksOf('offers.example'), 1);

    // Its author edits the links of the comment kept in spam: the count moves with them, and leaves with the comment.
    ctx.clock.advance(60);
    const edited = await ctx.request.patch(`/api/v1/comments/${trapped.body.comment.id}`).set('X-Edit-Token', trapped.body.editToken).send({ body: 'Better offers at https://other-offers.example/now' });
    assert.equal(edited.status, 200, edited.text);
    assert.equal((await ctx.db.comment.findUniqueOrThrow({ where: { id: trapped.body.comment.id } })).status, 'spam');
    assert.deepEqual([await marksOf('offers.example'), await marksOf('other-offers.example')], [0, 1]);
    await decide(trapped.body.comment.id, 'approve');
    assert.deepEqual([await marksOf('offers.example'), await marksOf('other-offers.example')], [0, 0]);
  });

  it('holds comments from disposable-mail addresses, subdomains included', async () => {
    await setPolicy(ctx, { premoderation: 'none' });
    for (const authorEmail of ['someone@mailinator.com', 'someone@eu.mailinator.com']) {
      const res = await ctx.request.post(url('disposable')).send(commentInput({ authorEmail }));
      assert.equal(res.body.status, 'pending', authorEmail);
      assert.equal((await reasonsOf(res.body.comment.id)).find((r) => r.rule === 'disposable_email')?.vote, 'hold');
      ctx.clock.advance(60);
    }
  });

  it('counts would-be refusals in the policy preview from stored signals', async () => {
    await setPolicy(ctx, { premoderation: 'none' });
    const { auth } = await signIn(ctx, 'admin');
    const preview = await ctx.request
      .post('/api/v1/moderation/settings/preview')
      .set('Authorization', auth)
      .send({ policy: { challengeWhen: ['new-author'] }, days: 1 });
    assert.equal(preview.status, 200);
    assert.ok(
      preview.body.refused.proposed > preview.body.refused.current,
      'more API posts by new authors without a solution would have been refused under the proposed policy',
    );
  });
});

describe('the replay ledger across instances', () => {
  beforeEach(() => setPolicy(ctx, LINKS_CHALLENGED));

  it('refuses on one instance a solution already used on another (Redis)', async (t) => {
    const why = await redisUnavailable();
    if (why) return t.skip(why);
    const prefix = `majlis-test-${randomBytes(4).toString('hex')}:`;
    const logger = pino({ level: 'silent' });
    const connections = [new Redis('redis://127.0.0.1:6379'), new Redis('redis://127.0.0.1:6379')];
    try {
      const [one, two] = connections.map((redis) => supertest(ctx.appWith({ replayLedger: new RedisReplayLedger(redis, prefix, logger) })));
      const input = commentInput({ body: LINKED });
      const asked = await one!.post(url('ledger')).send(input);
      const challengeSolution = await solve(asked.body.challenge);
      assert.equal((await one!.post(url('ledger')).send({ ...input, challengeSolution })).status, 201);
      ctx.clock.advance(60);
      const replay = await two!.post(url('ledger')).send(commentInput({ body: `${LINKED} (2)`, challengeSolution }));
      assert.equal(replay.status, 428);
    } finally {
      const [first] = connections;
      const keys = await first!.keys(`${prefix}*`);
      if (keys.length > 0) await first!.del(...keys);
      await Promise.all(connections.map((redis) => redis.quit()));
    }
  });
});
