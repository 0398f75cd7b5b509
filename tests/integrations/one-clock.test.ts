// Every timestamp Majlis writes comes from the injected clock: with the clock set decades away from
// the machine's, a walk through every kind of write leaves no row carrying the machine's time (a
// database default or a stray `new Date()` would).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { Prisma } from '../../src/db/models.js';
import { ModelService } from '../../src/learning/model.service.js';
import { recordOutsideChanges } from '../../src/threads/outside-changes.service.js';
import { postComment, setPolicy, signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';
import { coralClaims, secretKey, signToken, SITE_SECRETS } from '../setup/site-tokens.js';
import { closeAll } from '../setup/close-all.js';
import { startReceiver, startSmtp, workerFor } from './helpers.js';

const CLOCK_START = new Date('2041-05-05T08:00:00.000Z');
// Rows may also hold times the code computed ahead of now: session expiry, retry and lock times.
const LATEST_FUTURE_MS = 7 * 24 * 3600_000;

let ctx: TestContext;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
before(async () => {
  smtp = await startSmtp();
  receiver = await startReceiver((n) => (n === 1 ? 500 : 200));
  ctx = await createTestContext({
    SMTP_URL: smtp.url,
    PUBLIC_URL: 'https://comments.news.example',
    MODERATOR_DIGEST_SECONDS: '1',
    CLASSIFIER_RETRAIN_AFTER_DECISIONS: '1',
    WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1',
    SSO_SECRETS: JSON.stringify([{ kid: 'clock', secret: SITE_SECRETS.current }]),
  });
  ctx.clock.setTo(CLOCK_START);
});
after(() => closeAll(ctx, smtp, receiver));

/** Every Date stored in any table, with where it was found. */
async function everyStoredDate(): Promise<Array<{ where: string; value: Date }>> {
  const found: Array<{ where: string; value: Date }> = [];
  const delegates = ctx.db as unknown as Record<string, { findMany(): Promise<Array<Record<string, unknown>>> }>;
  for (const model of Object.values(Prisma.ModelName)) {
    const rows = await delegates[model.charAt(0).toLowerCase() + model.slice(1)]!.findMany();
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) if (value instanceof Date) found.push({ where: `${model}.${column} (id ${String(row.id ?? row.key ?? row.emailKey)})`, value });
    }
  }
  return found;
}

describe('one clock', () => {
  it('writes only clock times in every table, whatever the machine or the database says the time is', async () => {
    const admin = await signIn(ctx, 'admin');
    const as = (path: string) => ({ auth: admin.auth, path });
    const send = (method: 'post' | 'put' | 'patch', { auth, path }: { auth: string; path: string }, body: object) =>
      ctx.request[method](path).set('Authorization', auth).send(body);

    assert.equal((await send('post', as('/api/v1/moderation/webhooks'), { url: receiver.url, events: ['comment.created', 'comment.approved', 'comment.flagged'] })).status, 201);
    const policy = (await ctx.request.get('/api/v1/moderation/settings').set('Authorization', admin.auth)).body as object;
    assert.equal((await send('put', as('/api/v1/moderation/settings'), { ...policy, premoderation: 'all', flagThreshold: 1 })).status, 200);
    const held = await postComment(ctx, 'clock-thread', { threadTitle: 'Clock', threadUrl: 'https://news.example/clock', notify: true });
    const reply = await postComment(ctx, 'clock-thread', { body: 'A second, different view.' });
    assert.equal((await send('post', as(`/api/v1/moderation/comments/${held.comment.id}/decision`), { action: 'approve' })).status, 200);
    assert.equal((await ctx.request.post(`/api/v1/comments/${held.comment.id}/reactions`).send({})).status, 200);
    assert.equal((await send('post', as(`/api/v1/moderation/comments/${held.comment.id}/feature`), { featured: true })).status, 200);
    const bulk = await send('post', as('/api/v1/moderation/decisions'), { ids: [reply.comment.id], action: 'reject' });
    assert.equal((await send('post', as(`/api/v1/moderation/decisions/${bulk.body.batchId}/undo`), {})).status, 200);
    const edited = await ctx.request.patch(`/api/v1/comments/${reply.comment.id}`).set('X-Edit-Token', reply.editToken).send({ body: 'A second view, corrected.' });
    assert.equal(edited.status, 200);
    assert.equal((await ctx.request.post(`/api/v1/comments/${held.comment.id}/flags`).send({ reason: 'abuse' })).status, 202);
    assert.equal((await send('patch', as('/api/v1/moderation/threads/closed-early'), { closed: true })).status, 200);
    assert.equal((await send('put', as('/api/v1/moderation/authors/trusted%40example.org'), { status: 'trusted' })).status, 200);
    for (let attempt = 0; attempt < 5; attempt += 1) await ctx.request.post('/api/v1/auth/login').send({ email: admin.email, password: 'not the password' });
    // A campaign: the same long text in three threads.
    for (const key of ['clock-copy-a', 'clock-copy-b', 'clock-copy-c']) {
      await postComment(ctx, key, { body: 'Win a free phone today by visiting my page and sharing this offer with all your friends', authorEmail: `${key}@example.org` });
      ctx.clock.advance(60);
    }
    // A moderator marks a link's comment spam: its domain counts against later comments.
    const linked = await postComment(ctx, 'clock-thread', { body: 'Great deals every day at https://deals.spam.example/offer', authorEmail: 'linker@example.org' });
    assert.equal((await send('post', as(`/api/v1/moderation/comments/${linked.comment.id}/decision`), { action: 'spam' })).status, 200);
    // A reader signed in by the site (an account row).
    const token = await signToken(coralClaims(ctx.clock.now(), { id: 'clock-reader', email: 'signed@example.org', username: 'Signed' }), secretKey(SITE_SECRETS.current), { alg: 'HS256', kid: 'clock' });
    assert.equal((await ctx.request.post('/api/v1/threads/clock-thread/comments').set('Authorization', `Bearer ${token}`).send({ body: 'Signed in, on the clock.' })).status, 201);
    // The site deletes another reader (an erased-account row).
    const deletion = await signToken({ ...coralClaims(ctx.clock.now(), { id: 'clock-deleted' }), event: 'user.deleted' }, secretKey(SITE_SECRETS.current), { alg: 'HS256', kid: 'clock' });
    assert.equal((await ctx.request.post('/api/v1/auth/sso/events').set('Authorization', `Bearer ${deletion}`).send({})).status, 200);
    ctx.clock.advance(60);
    const other = await postComment(ctx, 'clock-thread', { authorEmail: 'leaving@example.org' });
    assert.equal((await send('post', as('/api/v1/moderation/privacy/leaving%40example.org/erase'), { mode: 'delete' })).status, 200);
    assert.ok(other.comment.id > 0);
    await setPolicy(ctx, { premoderation: 'none' });
    // The classifier: examples kept from a labelled file, trained on demand, then retrained by the background job under its lease.
    const classifier = new ModelService({ db: ctx.db, clock: ctx.clock, logger: pino({ level: 'silent' }), config: ctx.config });
    assert.equal(await classifier.keepLabelledExamples([{ text: 'An example from the archive', label: 'acceptable' }]), 1);
    assert.equal((await send('post', as(`/api/v1/moderation/comments/${reply.comment.id}/decision`), { action: 'reject' })).status, 200);
    assert.equal((await send('post', as('/api/v1/moderation/model/train'), {})).status, 200);
    assert.equal((await send('post', as(`/api/v1/moderation/comments/${held.comment.id}/decision`), { action: 'approve' })).status, 200);
    await classifier.retrainIfDue(ctx.clock.now());

    // An import in another process says which threads' cached pages must go.
    await recordOutsideChanges(ctx.db, ['clock-thread'], ctx.clock.now());

    // The outbox: digests, mail and webhook deliveries (the first delivery fails, so a retry is scheduled).
    ctx.clock.advance(120);
    const worker = workerFor(ctx);
    while ((await worker.runOnce()) > 0);
    ctx.clock.advance(3600);
    while ((await worker.runOnce()) > 0);
    assert.ok(smtp.messages.length > 0 && receiver.received.length > 1, 'mail and webhooks were delivered');

    const latest = ctx.clock.now().getTime() + LATEST_FUTURE_MS;
    const dates = await everyStoredDate();
    const models = new Set(dates.map((d) => d.where.split('.')[0]));
    // Counter rows kept by database triggers hold no time at all.
    const timeless = new Set<string>([Prisma.ModelName.CommentStatusCount]);
    for (const model of Object.values(Prisma.ModelName)) assert.ok(timeless.has(model) || models.has(model), `the walk wrote no timestamp into ${model}`);
    const outside = dates.filter(({ value }) => value.getTime() < CLOCK_START.getTime() || value.getTime() > latest);
    assert.deepEqual(outside.map(({ where, value }) => `${where} = ${value.toISOString()}`), []);
  });
});
