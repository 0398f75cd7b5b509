import { emailKey } from '../../src/authors/email.js';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { after, before, beforeEach, describe, it } from 'node:test';
import { approvedComment, postComment, signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';
import { openEventStream } from '../setup/event-stream.js';

let ctx: TestContext;
let server: Server;
let base: string;
let auth: string;
let adminAuth: string;
before(async () => {
  ctx = await createTestContext({ TRUST_PROXY: 'true', SMTP_URL: 'smtp://127.0.0.1:9', PUBLIC_URL: 'https://comments.news.example', LIVE_COALESCE_MS: '1000', LIVE_MAX_CLIENTS: '3', LIVE_MAX_CLIENTS_PER_ADDRESS: '2' });
  server = createServer(ctx.app).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  auth = (await signIn(ctx)).auth;
  adminAuth = (await signIn(ctx, 'admin')).auth;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await ctx.close();
});
beforeEach(() => ctx.clock.advance(3600));

const feature = (id: number, body: Record<string, unknown>) => ctx.request.post(`/api/v1/moderation/comments/${id}/feature`).set('Authorization', auth).send(body);

describe("POST /api/v1/moderation/comments/{id}/feature (editors' picks)", () => {
  it('features an approved comment: the item, the thread (picks first, badge), the log, the webhook and the mail', async () => {
    const hook = await ctx.request.post('/api/v1/moderation/webhooks').set('Authorization', adminAuth).send({ url: 'https://hooks.example.org/majlis', events: ['comment.featured'] });
    assert.equal(hook.status, 201);
    const { comment } = await approvedComment(ctx, 'picks-one', { notify: true, authorEmail: 'picked@example.org', lang: 'ar' });
    // Mail goes only to a confirmed address (the next test features an unconfirmed one: no mail).
    await ctx.db.author.update({ where: { emailKey: emailKey('picked@example.org') }, data: { emailConfirmedAt: ctx.clock.now() } });
    const res = await feature(comment.id, { featured: true, note: 'sharp and fair' });
    assert.equal(res.status, 200);
    assert.equal(res.body.id, comment.id);
    assert.equal(res.body.featured, true);
    const thread = await ctx.request.get('/api/v1/threads/picks-one/comments');
    assert.deepEqual(thread.body.picks.map((c: { id: number }) => c.id), [comment.id]);
    assert.equal(thread.body.comments[0].featured, true);
    const log = await ctx.request.get(`/api/v1/moderation/log?commentId=${comment.id}`).set('Authorization', auth);
    assert.equal(log.body.items[0].action, 'feature');
    assert.equal(log.body.items[0].note, 'sharp and fair');
    const deliveries = await ctx.db.webhookDelivery.findMany({ where: { event: 'comment.featured' } });
    assert.equal(deliveries.length, 1);
    assert.equal(JSON.parse(deliveries[0]?.payload ?? '{}').data.comment.id, comment.id);
    assert.doesNotMatch(deliveries[0]?.payload ?? '', /picked@example\.org/);
    const mail = await ctx.db.outgoingMail.findMany({ where: { to: 'picked@example.org', kind: 'comment_featured' } });
    assert.equal(mail.length, 1);
    assert.match(mail[0]?.subject ?? '', /اختار المحررون/);
    // Featuring again changes nothing and sends nothing more.
    assert.equal((await feature(comment.id, { featured: true })).status, 200);
    assert.equal(await ctx.db.webhookDelivery.count({ where: { event: 'comment.featured' } }), 1);
  });

  it('the existing undo takes a pick back; unfeaturing is logged too, and heard by hooks (comment.unfeatured)', async () => {
    const hook = await ctx.request.post('/api/v1/moderation/webhooks').set('Authorization', adminAuth).send({ url: 'https://hooks.example.org/picks', events: ['comment.featured', 'comment.unfeatured'] });
    assert.equal(hook.status, 201);
    const { comment } = await approvedComment(ctx, 'picks-undo', { notify: true, authorEmail: 'unconfirmed@example.org' });
    await feature(comment.id, { featured: true });
    assert.equal(await ctx.db.outgoingMail.count({ where: { to: 'unconfirmed@example.org', kind: 'comment_featured' } }), 0);
    const log = await ctx.request.get(`/api/v1/moderation/log?commentId=${comment.id}`).set('Authorization', auth);
    const batchId = log.body.items[0].batchId as string;
    const undo = await ctx.request.post(`/api/v1/moderation/decisions/${batchId}/undo`).set('Authorization', auth);
    assert.equal(undo.status, 200);
    assert.equal(undo.body.restored, 1);
    assert.equal((await ctx.db.comment.findUniqueOrThrow({ where: { id: comment.id } })).featuredAt, null);
    assert.deepEqual((await ctx.request.get('/api/v1/threads/picks-undo/comments')).body.picks, []);
    await feature(comment.id, { featured: true });
    const off = await feature(comment.id, { featured: false });
    assert.equal(off.body.featured, false);
    const after = await ctx.request.get(`/api/v1/moderation/log?commentId=${comment.id}`).set('Authorization', auth);
    assert.deepEqual(after.body.items.slice(0, 3).map((d: { action: string | null }) => d.action), ['unfeature', 'feature', 'unfeature']);
    // A receiver that shows the picks hears each change, and each payload says where the comment stands.
    const heard = await ctx.db.webhookDelivery.findMany({ where: { webhookId: hook.body.webhook.id }, orderBy: { id: 'asc' } });
    assert.deepEqual(
      heard.map((delivery) => [delivery.event, JSON.parse(delivery.payload).data.comment.featured]),
      [['comment.featured', true], ['comment.unfeatured', false], ['comment.featured', true], ['comment.unfeatured', false]],
    );
  });

  it('refuses to feature a comment that is not approved (409), a bad body (422) and guests (401)', async () => {
    const { comment } = await postComment(ctx, 'picks-pending');
    const pending = await feature(comment.id, { featured: true });
    assert.equal(pending.status, 409);
    assert.equal(pending.body.detail, 'Only a published comment can be featured.');
    const bad = await feature(comment.id, { featured: 'yes', lang: 'ar' });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.errors[0].field, 'featured');
    assert.equal((await ctx.request.post(`/api/v1/moderation/comments/${comment.id}/feature`).send({ featured: true })).status, 401);
    assert.equal((await ctx.db.comment.findUniqueOrThrow({ where: { id: comment.id } })).featuredAt, null);
  });
});

const openStream = (key: string, from = '192.0.2.50') => openEventStream(`${base}/api/v1/threads/${key}/events`, { 'X-Forwarded-For': from });

describe('GET /api/v1/threads/{threadKey}/events', () => {
  it('streams approvals, edits, reactions and removals as public JSON, coalesced per thread', async () => {
    const pending = await postComment(ctx, 'live-one');
    const stream = await openStream('live-one');
    assert.equal(stream.res.statusCode, 200);
    assert.match(String(stream.res.headers['content-type']), /^text\/event-stream/);
    await stream.next(1);
    assert.equal(stream.events[0]?.event, 'ready');
    const decide = (id: number, action: string) => ctx.request.post(`/api/v1/moderation/comments/${id}/decision`).set('Authorization', auth).send({ action });
    assert.equal((await decide(pending.comment.id, 'approve')).status, 200);
    await stream.next(2);
    const created = stream.events[1] as { event: string; data: Record<string, unknown> };
    assert.equal(created.event, 'comment.created');
    assert.equal(created.data.id, pending.comment.id);
    assert.equal(created.data.reactions, 0);
    assert.equal('authorEmail' in created.data || 'status' in created.data, false);
    // A burst inside one window: three reactions arrive as one count.
    for (const ip of ['192.0.2.1', '192.0.2.2', '192.0.2.3']) {
      await ctx.request.post(`/api/v1/comments/${pending.comment.id}/reactions`).set('X-Forwarded-For', ip).send({});
    }
    // The newest count arrives (how bursts merge is tested without a clock race in tests/unit/live-hub.test.ts).
    const deadline = Date.now() + 5000;
    const lastCount = () => stream.events.filter((e) => e.event === 'reactions').at(-1)?.data;
    while (Date.now() < deadline && (lastCount() as { reactions?: number } | undefined)?.reactions !== 3) await new Promise((wake) => setTimeout(wake, 50));
    assert.deepEqual(lastCount(), { id: pending.comment.id, reactions: 3 });
    const before = stream.events.length;
    assert.equal((await decide(pending.comment.id, 'reject')).status, 200);
    await stream.next(before + 1);
    assert.equal(stream.events.at(-1)?.event, 'comment.removed');
    stream.close();
  });

  it('streams the replies that come back with their parent, parents first, and nothing of a reply while a comment above it is hidden', async () => {
    const top = await approvedComment(ctx, 'live-hidden', { body: 'The opening comment.' });
    const middle = await approvedComment(ctx, 'live-hidden', { body: 'A reply a moderator hides for a while.', parentId: top.comment.id });
    const below = await approvedComment(ctx, 'live-hidden', { body: 'A reply below it.', parentId: middle.comment.id });
    const stream = await openStream('live-hidden');
    await stream.next(1);
    const decide = (id: number, action: string) => ctx.request.post(`/api/v1/moderation/comments/${id}/decision`).set('Authorization', auth).send({ action });
    const seen = () => stream.events.slice(1).map((e) => `${e.event} ${(e.data as { id: number }).id}`);
    assert.equal((await decide(middle.comment.id, 'reject')).status, 200);
    await stream.next(2);
    // Readers' pages drop the reply below with its parent's element; a decision on it while hidden is not theirs to hear.
    assert.equal((await decide(below.comment.id, 'pending')).status, 200);
    assert.equal((await decide(below.comment.id, 'approve')).status, 200);
    assert.equal((await decide(middle.comment.id, 'approve')).status, 200);
    await stream.next(4);
    await new Promise((wake) => setTimeout(wake, 200));
    assert.deepEqual(seen(), [`comment.removed ${middle.comment.id}`, `comment.created ${middle.comment.id}`, `comment.created ${below.comment.id}`]);
    stream.close();
  });

  it('streams a held comment its author deletes as a placeholder with the replies that come back, and no empty placeholder below it', async () => {
    const held = await approvedComment(ctx, 'live-held-deleted', { body: 'Words an edit sent back to the queue.' });
    const answer = await approvedComment(ctx, 'live-held-deleted', { body: 'An answer that comes back.', parentId: held.comment.id });
    const regretted = await approvedComment(ctx, 'live-held-deleted', { body: 'An answer its author took back.', parentId: held.comment.id });
    assert.equal((await ctx.request.delete(`/api/v1/comments/${regretted.comment.id}`).set('X-Edit-Token', regretted.editToken)).status, 204);
    assert.equal((await ctx.request.post(`/api/v1/moderation/comments/${held.comment.id}/decision`).set('Authorization', auth).send({ action: 'pending' })).status, 200);
    const stream = await openStream('live-held-deleted');
    await stream.next(1);
    assert.equal((await ctx.request.delete(`/api/v1/comments/${held.comment.id}`).set('X-Edit-Token', held.editToken)).status, 204);
    await stream.next(3);
    await new Promise((wake) => setTimeout(wake, 200));
    // What a page shows after a reload: the placeholder holding the answer; the answer taken back has nothing to hold.
    assert.deepEqual(
      stream.events.slice(1).map((e) => `${e.event} ${(e.data as { id: number }).id} ${(e.data as { deleted: boolean }).deleted}`),
      [`comment.created ${held.comment.id} true`, `comment.created ${answer.comment.id} false`],
    );
    stream.close();
  });

  it('streams nothing of a held comment its author deletes above replies that all wait, and then the placeholder before the first one approved', async () => {
    const held = await approvedComment(ctx, 'live-held-empty', { body: 'Words an edit sent back to the queue.' });
    const waiting = await approvedComment(ctx, 'live-held-empty', { body: 'An answer held for review.', parentId: held.comment.id });
    const second = await approvedComment(ctx, 'live-held-empty', { body: 'Another answer held for review.', parentId: held.comment.id });
    const decide = (id: number, action: string) => ctx.request.post(`/api/v1/moderation/comments/${id}/decision`).set('Authorization', auth).send({ action });
    for (const id of [waiting.comment.id, second.comment.id, held.comment.id]) assert.equal((await decide(id, 'pending')).status, 200);
    const stream = await openStream('live-held-empty');
    await stream.next(1);
    assert.equal((await ctx.request.delete(`/api/v1/comments/${held.comment.id}`).set('X-Edit-Token', held.editToken)).status, 204);
    assert.equal((await ctx.db.comment.findUniqueOrThrow({ where: { id: held.comment.id } })).status, 'approved', 'published, for the replies to show once approved');
    // Then an answer approved: the first thing the stream hears is the placeholder it hangs from, then the answer.
    assert.equal((await decide(waiting.comment.id, 'approve')).status, 200);
    await stream.next(3);
    const heard = () => stream.events.slice(1).map((e) => `${e.event} ${(e.data as { id: number }).id} ${(e.data as { deleted: boolean }).deleted}`);
    assert.deepEqual(heard(), [`comment.created ${held.comment.id} true`, `comment.created ${waiting.comment.id} false`]);
    // The other answer approved: the placeholder is on the page already.
    assert.equal((await decide(second.comment.id, 'approve')).status, 200);
    await stream.next(4);
    await new Promise((wake) => setTimeout(wake, 200));
    assert.deepEqual(heard().slice(2), [`comment.created ${second.comment.id} false`]);
    stream.close();
  });

  it('streams the placeholders above a reply only once something beneath them shows, top first', async () => {
    const top = await approvedComment(ctx, 'live-chain', { body: 'An opening comment its author will delete.' });
    const middle = await approvedComment(ctx, 'live-chain', { body: 'A reply held, then deleted.', parentId: top.comment.id });
    const bottom = await approvedComment(ctx, 'live-chain', { body: 'A reply held for review.', parentId: middle.comment.id });
    const decide = (id: number, action: string) => ctx.request.post(`/api/v1/moderation/comments/${id}/decision`).set('Authorization', auth).send({ action });
    for (const id of [bottom.comment.id, middle.comment.id]) assert.equal((await decide(id, 'pending')).status, 200);
    assert.equal((await ctx.request.delete(`/api/v1/comments/${top.comment.id}`).set('X-Edit-Token', top.editToken)).status, 204);
    const stream = await openStream('live-chain');
    await stream.next(1);
    // The held reply deleted: published above the one still held, and nothing on any page shows.
    assert.equal((await ctx.request.delete(`/api/v1/comments/${middle.comment.id}`).set('X-Edit-Token', middle.editToken)).status, 204);
    assert.equal((await decide(bottom.comment.id, 'approve')).status, 200);
    await stream.next(4);
    await new Promise((wake) => setTimeout(wake, 200));
    assert.deepEqual(
      stream.events.slice(1).map((e) => `${e.event} ${(e.data as { id: number }).id}`),
      [top, middle, bottom].map((comment) => `comment.created ${comment.comment.id}`),
    );
    stream.close();
  });

  it('streams a comment its author deletes as removed, with its text gone, whether or not it holds replies', async () => {
    const parent = await approvedComment(ctx, 'live-deleted', { body: 'Words the author takes back.' });
    const reply = await approvedComment(ctx, 'live-deleted', { body: 'An answer that stays.', parentId: parent.comment.id });
    const stream = await openStream('live-deleted');
    await stream.next(1);
    for (const { comment, editToken } of [reply, parent]) {
      const before = stream.events.length;
      assert.equal((await ctx.request.delete(`/api/v1/comments/${comment.id}`).set('X-Edit-Token', editToken)).status, 204);
      await stream.next(before + 1);
      const removed = stream.events.at(-1) as { event: string; data: Record<string, unknown> };
      assert.equal(removed.event, 'comment.removed');
      assert.deepEqual([removed.data.id, removed.data.deleted, removed.data.body, removed.data.authorName], [comment.id, true, '', '']);
    }
    stream.close();
  });

  it('streams an edit that sends a published comment back to the queue as removed, with the text readers saw, never the unmoderated one', async () => {
    const { comment, editToken } = await approvedComment(ctx, 'live-edited', { body: 'A fair point, politely made.' });
    const stream = await openStream('live-edited');
    await stream.next(1);
    const edit = await ctx.request.patch(`/api/v1/comments/${comment.id}`).set('X-Edit-Token', editToken).send({ body: 'Words no moderator has read yet.' });
    assert.equal(edit.status, 200);
    assert.equal((await ctx.db.comment.findUniqueOrThrow({ where: { id: comment.id } })).status, 'pending');
    await stream.next(2);
    const removed = stream.events.at(-1) as { event: string; data: Record<string, unknown> };
    assert.equal(removed.event, 'comment.removed');
    assert.deepEqual([removed.data.id, removed.data.body], [comment.id, 'A fair point, politely made.']);
    assert.ok(!stream.events.some((event) => JSON.stringify(event.data).includes('no moderator has read')));
    stream.close();
  });

  it('answers 503 with Retry-After beyond LIVE_MAX_CLIENTS, and 400 for a bad key', async () => {
    const open = await Promise.all([openStream('live-cap', '192.0.2.60'), openStream('live-cap', '192.0.2.61'), openStream('live-cap', '192.0.2.62')]);
    const refused = await fetch(`${base}/api/v1/threads/live-cap/events`, { headers: { 'X-Forwarded-For': '192.0.2.63' } });
    assert.equal(refused.status, 503);
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
    assert.equal(((await refused.json()) as { code: string }).code, 'live_unavailable');
    open.forEach((stream) => stream.close());
    assert.equal((await ctx.request.get('/api/v1/threads/bad%20key/events')).status, 400);
  });

  it('answers 429 with Retry-After to an address beyond LIVE_MAX_CLIENTS_PER_ADDRESS, in its language, while others still connect', async () => {
    const open = [await openStream('live-address-1', '198.51.100.20'), await openStream('live-address-2', '198.51.100.20')];
    const refused = await fetch(`${base}/api/v1/threads/live-address-3/events`, { headers: { 'X-Forwarded-For': '198.51.100.20', 'Accept-Language': 'ar' } });
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers.get('retry-after')) > 0);
    const problem = (await refused.json()) as { code: string; detail: string };
    assert.equal(problem.code, 'rate_limited');
    assert.match(problem.detail, /التحديثات المباشرة/);
    // A HEAD gets the stream's headers at once and takes no place.
    const head = await fetch(`${base}/api/v1/threads/live-address-3/events`, { method: 'HEAD', headers: { 'X-Forwarded-For': '198.51.100.21' }, signal: AbortSignal.timeout(2000) });
    assert.deepEqual([head.status, head.headers.get('content-type')], [200, 'text/event-stream; charset=utf-8']);
    const other = await openStream('live-address-3', '198.51.100.21');
    assert.equal(other.res.statusCode, 200);
    open[0]?.close();
    // The place frees when a stream ends (the server sees the close a moment later).
    let again = await fetch(`${base}/api/v1/threads/live-address-3/events`, { headers: { 'X-Forwarded-For': '198.51.100.20' } });
    for (let tries = 0; again.status !== 200 && tries < 50; tries++) {
      await new Promise((wake) => setTimeout(wake, 20));
      again = await fetch(`${base}/api/v1/threads/live-address-3/events`, { headers: { 'X-Forwarded-For': '198.51.100.20' } });
    }
    assert.equal(again.status, 200);
    await again.body?.cancel();
    open[1]?.close();
    other.close();
  });
});
