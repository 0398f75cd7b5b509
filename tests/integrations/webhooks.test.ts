import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { postComment, restorePolicyAfterEach, setPolicy, setStatus, signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';
import { WEBHOOK_EVENTS } from '../../src/webhooks/webhook.schemas.js';
import { verifyWebhookSignature } from '../../src/webhooks/webhook.signature.js';
import { eventually, startReceiver, workerFor } from './helpers.js';

let ctx: TestContext;
let admin: Awaited<ReturnType<typeof signIn>>;
before(async () => {
  // The receivers run on loopback: an intranet receiver, allowed explicitly.
  ctx = await createTestContext({ OUTBOX_POLL_MS: '20', OUTBOX_MAX_ATTEMPTS: '3', WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1' });
  admin = await signIn(ctx, 'admin');
});
after(async () => ctx.close());
restorePolicyAfterEach(() => ctx);

const as = (who: { auth: string }) => ({
  get: (path: string) => ctx.request.get(path).set('Authorization', who.auth),
  post: (path: string, body: object = {}) => ctx.request.post(path).set('Authorization', who.auth).send(body),
  delete: (path: string) => ctx.request.delete(path).set('Authorization', who.auth),
});

async function register(url: string, events: string[]) {
  const res = await as(admin).post('/api/v1/moderation/webhooks', { url, events });
  assert.equal(res.status, 201, res.text);
  return res.body as { webhook: { id: number }; secret: string };
}

/** Deletes every hook, so each test sees only its own deliveries. */
async function clearHooks() {
  const list = await as(admin).get('/api/v1/moderation/webhooks');
  for (const hook of list.body.items as Array<{ id: number }>) await as(admin).delete(`/api/v1/moderation/webhooks/${hook.id}`);
  await ctx.db.webhookDelivery.updateMany({ where: { status: 'pending' }, data: { status: 'failed' } });
}

describe('webhook administration', () => {
  it('POST/GET/DELETE /moderation/webhooks: admins only, secret shown once, bad input is 422', async () => {
    const moderator = await signIn(ctx, 'moderator');
    assert.equal((await ctx.request.get('/api/v1/moderation/webhooks')).status, 401);
    assert.equal((await as(moderator).get('/api/v1/moderation/webhooks')).status, 403);
    assert.equal((await as(moderator).post('/api/v1/moderation/webhooks', { url: 'http://127.0.0.1:9/x', events: ['comment.created'] })).status, 403);
    const bad = await as(admin).post('/api/v1/moderation/webhooks', { url: 'ftp://x', events: ['comment.exploded'] });
    assert.equal(bad.status, 422);
    const fields = bad.body.errors.map((e: { field: string }) => e.field);
    assert.ok(fields.includes('url') && fields.some((f: string) => f.startsWith('events')), JSON.stringify(fields));
    // No event at all: the refusal names every event there is, in both languages (the list had stayed at the first five).
    for (const lang of ['en', 'ar']) {
      const none = await as(admin).post('/api/v1/moderation/webhooks', { url: 'http://127.0.0.1:9/x', events: [] }).set('Accept-Language', lang);
      const [eventsError] = none.body.errors as Array<{ field: string; message: string }>;
      assert.equal(eventsError?.field, 'events');
      for (const event of WEBHOOK_EVENTS) assert.ok(eventsError?.message.includes(event), `${lang}: ${event} in ${eventsError?.message}`);
    }
    const created = await register('http://127.0.0.1:9/hook', ['comment.created', 'comment.created']);
    assert.match(created.secret, /^whsec_/);
    const list = await as(admin).get('/api/v1/moderation/webhooks');
    const listed = list.body.items.find((h: { id: number }) => h.id === created.webhook.id);
    assert.deepEqual(listed.events, ['comment.created']);
    assert.equal(JSON.stringify(list.body).includes(created.secret), false);
    assert.equal((await as(admin).delete(`/api/v1/moderation/webhooks/${created.webhook.id}`)).status, 204);
    assert.equal((await as(admin).delete(`/api/v1/moderation/webhooks/${created.webhook.id}`)).status, 404);
    // A deleted hook keeps its log.
    assert.equal((await as(admin).get(`/api/v1/moderation/webhooks/${created.webhook.id}/deliveries`)).status, 200);
    assert.equal((await as(admin).get('/api/v1/moderation/webhooks/999999/deliveries')).status, 404);
  });
});

describe('webhook delivery', () => {
  it('signs each delivery, sends the subscribed events only, and never includes email or IP', async () => {
    await clearHooks();
    const receiver = await startReceiver();
    const hook = await register(receiver.url, ['comment.created', 'comment.approved']);
    const posted = await postComment(ctx, 'hooks-signed', { authorEmail: 'secret.person@example.org', threadTitle: 'Signed' });
    const mod = await signIn(ctx, 'moderator');
    await as(mod).post(`/api/v1/moderation/comments/${posted.comment.id}/decision`, { action: 'approve' });
    const worker = workerFor(ctx);
    assert.equal(await worker.runOnce(), 2);
    // Deliveries run in parallel, so their order is not guaranteed; receivers order by payload.
    receiver.received.sort((a, b) => Number(a.headers['x-majlis-delivery']) - Number(b.headers['x-majlis-delivery']));
    assert.deepEqual(receiver.received.map((r) => r.headers['x-majlis-event']), ['comment.created', 'comment.approved']);
    for (const request of receiver.received) {
      const signature = String(request.headers['x-majlis-signature']);
      assert.ok(verifyWebhookSignature(hook.secret, signature, request.body, Math.floor(ctx.clock.now().getTime() / 1000)));
      assert.equal(verifyWebhookSignature('whsec_wrong', signature, request.body, Math.floor(ctx.clock.now().getTime() / 1000)), false);
      assert.match(String(request.headers['x-majlis-delivery']), /^\d+$/);
      assert.equal(request.body.includes('secret.person'), false);
      assert.equal(/ipHash|userAgent|authorEmail/.test(request.body), false);
    }
    const payload = JSON.parse(receiver.received[1]?.body ?? '{}');
    assert.equal(payload.event, 'comment.approved');
    assert.equal(payload.data.comment.id, posted.comment.id);
    assert.equal(payload.data.comment.previousStatus, 'pending');
    assert.equal(payload.data.thread.key, 'hooks-signed');
    const log = await as(admin).get(`/api/v1/moderation/webhooks/${hook.webhook.id}/deliveries`);
    assert.deepEqual(log.body.items.map((d: { status: string; attempts: number; lastStatusCode: number }) => [d.status, d.attempts, d.lastStatusCode]), [
      ['delivered', 1, 200],
      ['delivered', 1, 200],
    ]);
    assert.equal(await worker.runOnce(), 0);
    await receiver.close();
  });

  it("a password in a hook's URL is used for the receiver's Basic auth and never shown again", async () => {
    await clearHooks();
    const receiver = await startReceiver();
    const withPassword = receiver.url.replace('http://', 'http://hookuser:s3cret-pass@');
    const hook = await register(withPassword, ['comment.created']);
    assert.equal(JSON.stringify(hook).includes('s3cret-pass'), false);
    const list = await as(admin).get('/api/v1/moderation/webhooks');
    assert.equal(JSON.stringify(list.body).includes('s3cret-pass'), false);
    assert.deepEqual(list.body.items.map((h: { url: string }) => h.url), [withPassword.replace('s3cret-pass', '***')]);
    await postComment(ctx, 'hooks-basic-auth');
    assert.equal(await workerFor(ctx).runOnce(), 1);
    assert.equal(receiver.received[0]?.headers.authorization, `Basic ${Buffer.from('hookuser:s3cret-pass').toString('base64')}`);
    await receiver.close();
  });

  it('tells hooks of a comment deleted by its author or erased on request, with none of what it said', async () => {
    await clearHooks();
    const receiver = await startReceiver();
    await register(receiver.url, ['comment.deleted']);
    const regretted = await postComment(ctx, 'hooks-deleted', { authorName: 'Walid Regret', body: 'Words to take back, soon.' });
    const erased = await postComment(ctx, 'hooks-deleted', { authorName: 'Erased Person', authorEmail: 'erase.me@example.org', body: 'Erase all of me.' });
    assert.equal((await ctx.request.delete(`/api/v1/comments/${regretted.comment.id}`).set('X-Edit-Token', regretted.editToken)).status, 204);
    assert.equal((await as(admin).post('/api/v1/moderation/privacy/erase.me%40example.org/erase', { mode: 'delete' })).status, 200);
    assert.equal(await workerFor(ctx).runOnce(), 2);
    receiver.received.sort((a, b) => Number(a.headers['x-majlis-delivery']) - Number(b.headers['x-majlis-delivery']));
    const payloads = receiver.received.map((request) => JSON.parse(request.body) as { event: string; data: { comment: Record<string, unknown>; thread: { key: string } } });
    assert.deepEqual(
      payloads.map((p) => [p.event, p.data.comment.id, p.data.thread.key, p.data.comment.body, p.data.comment.authorName]),
      [
        ['comment.deleted', regretted.comment.id, 'hooks-deleted', '', ''],
        ['comment.deleted', erased.comment.id, 'hooks-deleted', '', ''],
      ],
    );
    assert.equal(/Regret|take back|Erase|erase\.me/.test(receiver.received.map((r) => r.body).join('')), false);
    await receiver.close();
  });

  it('a comment awaiting review deleted or erased beneath replies is published as a placeholder, and hooks hear only that it was deleted', async () => {
    await clearHooks();
    const receiver = await startReceiver();
    await register(receiver.url, ['comment.approved', 'comment.deleted']);
    const held = async (authorEmail: string) => {
      const comment = await postComment(ctx, 'hooks-held-deleted', { authorEmail });
      await setStatus(ctx, comment.comment.id, 'approved');
      await setStatus(ctx, (await postComment(ctx, 'hooks-held-deleted', { parentId: comment.comment.id })).comment.id, 'approved');
      await setStatus(ctx, comment.comment.id, 'pending');
      return comment;
    };
    const regretted = await held('regret.held@example.org');
    const erased = await held('erase.held@example.org');
    await ctx.db.webhookDelivery.updateMany({ where: { status: 'pending' }, data: { status: 'failed' } });
    assert.equal((await ctx.request.delete(`/api/v1/comments/${regretted.comment.id}`).set('X-Edit-Token', regretted.editToken)).status, 204);
    assert.equal((await as(admin).post('/api/v1/moderation/privacy/erase.held%40example.org/erase', { mode: 'delete' })).status, 200);
    assert.equal(await workerFor(ctx).runOnce(), 2);
    assert.deepEqual(
      receiver.received.map((request) => JSON.parse(request.body) as { event: string; data: { comment: { id: number } } }).map((p) => [p.event, p.data.comment.id]).sort(),
      [['comment.deleted', regretted.comment.id], ['comment.deleted', erased.comment.id]].sort(),
    );
    const rows = await ctx.db.comment.findMany({ where: { id: { in: [regretted.comment.id, erased.comment.id] } }, select: { status: true, deletedAt: true } });
    assert.deepEqual(rows.map((row) => [row.status, row.deletedAt !== null]), [['approved', true], ['approved', true]]);
    await receiver.close();
  });

  it('never quotes the address a rule judged: a known or trusted author claimed without proof', async () => {
    await clearHooks();
    await setPolicy(ctx, { premoderation: 'first-time' });
    const receiver = await startReceiver();
    await register(receiver.url, ['comment.created']);
    const mod = await signIn(ctx, 'moderator');
    const first = await postComment(ctx, 'hooks-claims', { authorEmail: 'claimed.person@example.org' });
    assert.equal((await as(mod).post(`/api/v1/moderation/comments/${first.comment.id}/decision`, { action: 'approve' })).status, 200);
    const held = await postComment(ctx, 'hooks-claims', { authorEmail: 'Claimed.Person@example.org' });
    assert.equal((await ctx.request.put('/api/v1/moderation/authors/claimed.person@example.org').set('Authorization', mod.auth).send({ status: 'trusted' })).status, 200);
    const trusted = await postComment(ctx, 'hooks-claims', { authorEmail: 'claimed.person@example.org' });
    const stored = await ctx.db.comment.findMany({ where: { id: { in: [held.comment.id, trusted.comment.id] } }, orderBy: { id: 'asc' } });
    assert.deepEqual(stored.map((row) => JSON.stringify(row.reasons).toLowerCase().includes('claimed.person@example.org')), [true, true], 'the rules quote it to moderators');
    assert.equal(await workerFor(ctx).runOnce(), 3);
    assert.equal(receiver.received.length, 3);
    for (const request of receiver.received) assert.equal(/claimed\.person/i.test(request.body), false, request.body);
    await receiver.close();
  });

  it('never names a listed word found in the address, nor where it stood; words found in the text stay named', async () => {
    await clearHooks();
    await setPolicy(ctx, { bannedWords: ['jackpot'], suspectWords: ['lottery'] });
    const receiver = await startReceiver();
    await register(receiver.url, ['comment.created']);
    const posted = await postComment(ctx, 'hooks-address-words', { authorEmail: 'jackpot.lottery.fan@example.org', body: 'Win the lottery, they said.' });
    const stored = await ctx.db.comment.findUniqueOrThrow({ where: { id: posted.comment.id } });
    assert.ok(JSON.stringify(stored.reasons).includes('authorEmail'), 'the dashboard still sees where each word stood');
    assert.equal(await workerFor(ctx).runOnce(), 1);
    const { reasons } = (JSON.parse(receiver.received[0]!.body) as { data: { comment: { reasons: Array<{ rule: string; detail: string; hits: Array<{ field: string; matched: string }> }> } } }).data.comment;
    assert.equal(/jackpot|authorEmail|fan/i.test(receiver.received[0]!.body), false, receiver.received[0]!.body);
    const byRule = Object.fromEntries(reasons.map((reason) => [reason.rule, reason]));
    assert.equal(byRule.banned_words?.detail, "Banned words: in the author's address");
    assert.deepEqual(byRule.suspect_words?.hits.map((hit) => [hit.field, hit.matched]), [['body', 'lottery']]);
    assert.match(byRule.suspect_words?.detail ?? '', /^Suspect words: "lottery" matches "lottery" in body at 8; and in the author's address$/);
    await receiver.close();
  });

  it('retries a failed delivery with backoff (500 then 200) and gives up after the maximum attempts', async () => {
    await clearHooks();
    const flaky = await startReceiver((n) => (n === 1 ? 500 : 200));
    const hook = await register(flaky.url, ['comment.created']);
    await postComment(ctx, 'hooks-retry');
    const worker = workerFor(ctx);
    await worker.runOnce();
    let [delivery] = (await as(admin).get(`/api/v1/moderation/webhooks/${hook.webhook.id}/deliveries`)).body.items;
    assert.deepEqual([delivery.status, delivery.attempts, delivery.lastStatusCode], ['pending', 1, 500]);
    assert.ok(new Date(delivery.nextAttemptAt) > ctx.clock.now());
    assert.equal(await worker.runOnce(), 0, 'not due before its backoff');
    ctx.clock.advance(2);
    await worker.runOnce();
    [delivery] = (await as(admin).get(`/api/v1/moderation/webhooks/${hook.webhook.id}/deliveries`)).body.items;
    assert.deepEqual([delivery.status, delivery.attempts, delivery.lastStatusCode], ['delivered', 2, 200]);
    assert.equal(flaky.received.length, 2);
    assert.equal(flaky.received[0]?.body, flaky.received[1]?.body, 'the same payload is sent again');
    await flaky.close();

    await clearHooks();
    const broken = await startReceiver(() => 503);
    const doomed = await register(broken.url, ['comment.created']);
    await postComment(ctx, 'hooks-give-up');
    for (let i = 0; i < 5; i += 1) {
      await worker.runOnce();
      ctx.clock.advance(3600);
    }
    const [failed] = (await as(admin).get(`/api/v1/moderation/webhooks/${doomed.webhook.id}/deliveries`)).body.items;
    assert.deepEqual([failed.status, failed.attempts, failed.lastError], ['failed', 3, 'HTTP 503']);
    assert.equal(broken.received.length, 3);
    await broken.close();
  });

  it('loses nothing across a restart: worker and receiver down while events happen, all delivered after', async () => {
    await clearHooks();
    const receiver = await startReceiver();
    const hook = await register(receiver.url, ['comment.created', 'comment.approved', 'comment.rejected', 'comment.flagged']);
    const first = workerFor(ctx);
    first.start();
    await postComment(ctx, 'hooks-restart');
    await eventually(() => receiver.received.length === 1);
    await first.stop();
    await receiver.close();

    const mod = await signIn(ctx, 'moderator');
    const a = await postComment(ctx, 'hooks-restart');
    const b = await postComment(ctx, 'hooks-restart');
    await as(mod).post(`/api/v1/moderation/comments/${a.comment.id}/decision`, { action: 'approve' });
    await as(mod).post(`/api/v1/moderation/comments/${b.comment.id}/decision`, { action: 'reject' });
    const pending = await ctx.db.webhookDelivery.count({ where: { webhookId: hook.webhook.id, status: 'pending' } });
    assert.equal(pending, 4);
    // A worker that polls while the receiver is down only schedules retries.
    await workerFor(ctx).runOnce();
    const retrying = await ctx.db.webhookDelivery.findMany({ where: { webhookId: hook.webhook.id, status: 'pending' } });
    assert.deepEqual(retrying.map((d) => [d.attempts, d.lastStatusCode, d.lastError]), Array(4).fill([1, null, 'ECONNREFUSED']));
    ctx.clock.advance(2);

    const again = await startReceiver(() => 200, receiver.port);
    const second = workerFor(ctx);
    second.start();
    await eventually(() => again.received.length === 4);
    await second.stop();
    assert.deepEqual(again.received.map((r) => r.headers['x-majlis-event']).sort(), ['comment.approved', 'comment.created', 'comment.created', 'comment.rejected']);
    assert.equal(await ctx.db.webhookDelivery.count({ where: { webhookId: hook.webhook.id, status: 'delivered' } }), 5);
    await again.close();
  });

  it('two workers never deliver the same row twice (leases)', async () => {
    await clearHooks();
    const receiver = await startReceiver();
    await register(receiver.url, ['comment.created']);
    for (let i = 0; i < 6; i += 1) await postComment(ctx, 'hooks-lease');
    const [one, two] = [workerFor(ctx), workerFor(ctx)];
    const processed = await Promise.all([one.runOnce(), two.runOnce(), one.runOnce()]);
    assert.equal(processed.reduce((a, b) => a + b, 0), 6);
    const ids = receiver.received.map((r) => r.headers['x-majlis-delivery']);
    assert.equal(ids.length, 6);
    assert.equal(new Set(ids).size, 6);
    await receiver.close();
  });

  it('tells hooks of a comment back in the queue (comment.pending) and of a new text (comment.edited), from each path', async () => {
    await clearHooks();
    const receiver = await startReceiver();
    await register(receiver.url, ['comment.approved', 'comment.pending', 'comment.edited']);
    const posted = await postComment(ctx, 'hooks-requeue', { authorName: 'Rana Second', authorEmail: 'rana.second@example.org', body: 'A first thought, said plainly.' });
    const decide = (action: string) => as(admin).post(`/api/v1/moderation/comments/${posted.comment.id}/decision`, { action });
    const edit = (body: string) => ctx.request.patch(`/api/v1/comments/${posted.comment.id}`).set('X-Edit-Token', posted.editToken).send({ body });
    assert.equal((await decide('approve')).status, 200);
    assert.equal((await decide('pending')).status, 200);
    assert.equal((await decide('approve')).status, 200);
    // An approved comment its author edits waits for a moderator again: hooks hear the new text and that it left.
    const edited = await edit('A second thought, said better.');
    assert.equal(edited.status, 200, edited.text);
    assert.equal(edited.body.status, 'pending');
    // Delivered before the anonymising, which would take the name out of the log's payloads too.
    assert.equal(await workerFor(ctx).runOnce(), 5);
    assert.equal((await as(admin).post('/api/v1/moderation/privacy/rana.second%40example.org/erase', { mode: 'anonymise' })).status, 200);
    await workerFor(ctx).runOnce();
    receiver.received.sort((a, b) => Number(a.headers['x-majlis-delivery']) - Number(b.headers['x-majlis-delivery']));
    const payloads = receiver.received.map((request) => JSON.parse(request.body) as { event: string; data: { comment: Record<string, unknown> } });
    assert.deepEqual(
      payloads.map((p) => [p.event, p.data.comment.status, p.data.comment.previousStatus, p.data.comment.body, p.data.comment.authorName === 'Rana Second']),
      [
        ['comment.approved', 'approved', 'pending', 'A first thought, said plainly.', true],
        ['comment.pending', 'pending', 'approved', 'A first thought, said plainly.', true],
        ['comment.approved', 'approved', 'pending', 'A first thought, said plainly.', true],
        ['comment.edited', 'pending', 'approved', 'A second thought, said better.', true],
        ['comment.pending', 'pending', 'approved', 'A second thought, said better.', true],
        // Anonymised: copies kept elsewhere lose the name, as the thread does.
        ['comment.edited', 'pending', 'pending', 'A second thought, said better.', false],
      ],
    );
    assert.equal(/Rana Second/.test(receiver.received.at(-1)?.body ?? ''), false);
    await receiver.close();
  });

  it('emits comment.flagged when reader flags move a comment to the queue', async () => {
    await clearHooks();
    const receiver = await startReceiver();
    await register(receiver.url, ['comment.flagged']);
    await setPolicy(ctx, { flagThreshold: 1 });
    const posted = await postComment(ctx, 'hooks-flag');
    await ctx.db.comment.update({ where: { id: posted.comment.id }, data: { status: 'approved' } });
    assert.equal((await ctx.request.post(`/api/v1/comments/${posted.comment.id}/flags`).send({ reason: 'abuse' })).status, 202);
    await workerFor(ctx).runOnce();
    assert.equal(receiver.received.length, 1);
    const payload = JSON.parse(receiver.received[0]?.body ?? '{}');
    assert.deepEqual([payload.event, payload.data.comment.status, payload.data.comment.flagCount], ['comment.flagged', 'flagged', 1]);
    await receiver.close();
  });
});
