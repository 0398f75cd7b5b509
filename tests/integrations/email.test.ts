import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { postComment, restorePolicyAfterEach, setPolicy, signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';
import { refuseMailTo } from '../setup/database.js';
import { closeAll } from '../setup/close-all.js';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually, mailText, startSmtp, workerFor, type ReceivedMail } from './helpers.js';
import { coralClaims, secretKey, signToken, SITE_SECRETS } from '../setup/site-tokens.js';

let ctx: TestContext;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let moderator: Awaited<ReturnType<typeof signIn>>;
before(async () => {
  smtp = await startSmtp();
  ctx = await createTestContext({
    SMTP_URL: smtp.url,
    MAIL_FROM: 'Majlis <comments@news.example>',
    PUBLIC_URL: 'https://comments.news.example',
    SSO_SECRETS: JSON.stringify([{ kid: 'site', secret: SITE_SECRETS.current }]),
    WEBHOOK_ALLOWED_NETWORKS: '127.0.0.1',
    WEBHOOK_TIMEOUT_MS: '6000',
    OUTBOX_POLL_MS: '20',
  });
  moderator = await signIn(ctx, 'moderator');
});
after(() => closeAll(ctx, smtp));
restorePolicyAfterEach(() => ctx);
beforeEach(async () => {
  await deliverAll();
  smtp.messages.length = 0;
  ctx.clock.advance(3600);
});

async function deliverAll() {
  const worker = workerFor(ctx);
  while ((await worker.runOnce()) > 0);
}
const to = (address: string) => smtp.messages.filter((m) => m.to.includes(address));
const linkIn = (mail: ReceivedMail | undefined, path: string) => {
  const match = new RegExp(`https://comments\\.news\\.example(/api/v1/${path}\\?token=[^\\s&]+(?:&lang=\\w+)?)`).exec(mailText(mail?.raw ?? ''));
  assert.ok(match?.[1], `no ${path} link in:\n${mail?.raw}`);
  return match[1];
};
const decide = (id: number, action: string) =>
  ctx.request.post(`/api/v1/moderation/comments/${id}/decision`).set('Authorization', moderator.auth).send({ action });

describe('notification mail over SMTP', () => {
  it('a reader who ticked "notify me" hears when the comment is approved and when someone replies, in their language, with one-click unsubscribe', async () => {
    const mine = await postComment(ctx, 'mail-notify', { authorEmail: 'reem@example.org', authorName: 'ريم', lang: 'ar', notify: true, threadTitle: 'مقال' });
    await deliverAll();
    // Notifications go only to a confirmed address.
    assert.equal((await ctx.request.post(linkIn(to('reem@example.org')[0], 'confirm')).type('form').send({})).status, 200);
    smtp.messages.length = 0;
    await decide(mine.comment.id, 'approve');
    await deliverAll();
    const approved = to('reem@example.org').filter((m) => !/confirm/i.test(mailText(m.raw)) && m.raw.includes('List-Unsubscribe'));
    assert.equal(approved.length, 1);
    const text = mailText(approved[0]?.raw ?? '');
    assert.match(text, /تمت الموافقة على تعليقك على «مقال»/);
    // The site gave the thread no address: the mail links to the thread's page here, in the reader's language.
    assert.ok(text.includes('https://comments.news.example/threads/mail-notify?lang=ar'), text);
    assert.match(approved[0]?.raw ?? '', /^From: Majlis <comments@news\.example>/m);
    assert.match(approved[0]?.raw ?? '', /^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);

    const reply = await postComment(ctx, 'mail-notify', { parentId: mine.comment.id, authorName: 'Karim', body: 'I disagree, politely.' });
    await deliverAll();
    assert.equal(to('reem@example.org').filter((m) => m.raw.includes('List-Unsubscribe')).length, 1, 'a held reply is not announced');
    await decide(reply.comment.id, 'approve');
    await deliverAll();
    const replies = to('reem@example.org').filter((m) => m.raw.includes('List-Unsubscribe'));
    assert.equal(replies.length, 2);
    assert.match(mailText(replies[1]?.raw ?? ''), /ردّ Karim على تعليقك/);

    const unsubscribe = linkIn(replies[1], 'unsubscribe');
    const forged = unsubscribe.replace(/token=[^&]+/, 'token=u1.1.forgedforgedforgedforged');
    assert.equal((await ctx.request.get(forged)).status, 400);
    const forgedAsJson = await ctx.request.get(forged).set('Accept', 'application/json');
    assert.equal(forgedAsJson.status, 400);
    assert.match(forgedAsJson.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(forgedAsJson.body.code, 'invalid_link');
    // A mail scanner's GET only shows the button; the reader's press (a POST of the same link) unsubscribes.
    const scanned = await ctx.request.get(unsubscribe);
    assert.equal(scanned.status, 200);
    assert.match(scanned.text, /<form method="post" action="unsubscribe\?token=[^"]+">/);
    assert.equal((await ctx.db.comment.findUniqueOrThrow({ where: { id: mine.comment.id } })).notify, true, 'the GET changed nothing');
    // The button posts in the page's language, whatever the browser's: the result page is Arabic too.
    const action = /<form method="post" action="([^"]+)">/.exec(scanned.text)?.[1]?.replaceAll('&amp;', '&') ?? '';
    assert.match(action, /&lang=ar$/);
    // A mail about to go (the SMTP server was away, say) is dropped too: "no more emails" means none.
    const late = await postComment(ctx, 'mail-notify', { parentId: mine.comment.id, body: 'A reply whose mail waits.' });
    await decide(late.comment.id, 'approve');
    assert.equal(await ctx.db.outgoingMail.count({ where: { to: 'reem@example.org', status: 'pending' } }), 1);
    const page = await ctx.request.post(`/api/v1/${action}`).set('Accept-Language', 'en').type('form').send({ 'List-Unsubscribe': 'One-Click' });
    assert.equal(page.status, 200);
    assert.equal(await ctx.db.outgoingMail.count({ where: { to: 'reem@example.org', status: 'pending' } }), 0);
    assert.match(page.text, /لن تصلك بعد الآن/);
    const another = await postComment(ctx, 'mail-notify', { parentId: mine.comment.id, body: 'One more reply.' });
    await decide(another.comment.id, 'approve');
    await deliverAll();
    assert.equal(to('reem@example.org').filter((m) => m.raw.includes('List-Unsubscribe')).length, 2, 'nothing after unsubscribing');
  });

  it('a reply mail not yet sent never goes once the reply is rejected, deleted by its author or its author erased, however short', async () => {
    const now = ctx.clock.now();
    await ctx.db.webhook.create({ data: { url: 'https://hooks.example/majlis', events: ['comment.approved'], secret: 'hook-secret', createdAt: now } });
    const mine = await postComment(ctx, 'mail-withdrawn', { authorEmail: 'sara.w@example.org', authorName: 'Sara', notify: true });
    await deliverAll();
    assert.equal((await ctx.request.post(linkIn(to('sara.w@example.org')[0], 'confirm')).type('form').send({})).status, 200);
    await decide(mine.comment.id, 'approve');
    await deliverAll();
    smtp.messages.length = 0;

    const reply = (authorName: string, authorEmail: string, body: string) => postComment(ctx, 'mail-withdrawn', { parentId: mine.comment.id, authorName, authorEmail, body });
    const short = await reply('John Zebra', 'john.zebra@example.org', 'Nice one!');
    const regretted = await reply('Mikhail Regretful', 'mikhail@example.org', 'A second thought I take back');
    const rejected = await reply('Omar', 'omar.w@example.org', 'Approved by mistake, then rejected');
    for (const { comment } of [short, regretted, rejected]) assert.equal((await decide(comment.id, 'approve')).status, 200);
    assert.equal(await ctx.db.outgoingMail.count({ where: { to: 'sara.w@example.org', kind: 'comment_reply', status: 'pending' } }), 3);

    assert.equal((await decide(rejected.comment.id, 'reject')).status, 200);
    assert.equal((await ctx.request.delete(`/api/v1/comments/${regretted.comment.id}`).set('X-Edit-Token', regretted.editToken)).status, 204);
    const payloads = JSON.stringify(await ctx.db.webhookDelivery.findMany({ select: { payload: true } }));
    assert.equal(/Mikhail|take back/.test(payloads), false, 'the webhook payload waiting to go no longer carries the deleted reply');
    const admin = await signIn(ctx, 'admin');
    const erased = await ctx.request.post('/api/v1/moderation/privacy/john.zebra@example.org/erase').set('Authorization', admin.auth).send({ mode: 'delete' });
    assert.equal(erased.status, 200, erased.text);

    await deliverAll();
    assert.deepEqual(to('sara.w@example.org').map((m) => mailText(m.raw)), []);
  });

  it('a signed-in reader who ticked "notify me" hears of replies at the address their site gave, with no link to confirm', async () => {
    const claims = coralClaims(ctx.clock.now(), { id: 'cms-mail-1', email: 'subscriber.mail@example.org', username: 'Huda', badges: [] });
    const token = await signToken(claims, secretKey(SITE_SECRETS.current), { alg: 'HS256', kid: 'site' });
    const mine = await ctx.request.post('/api/v1/threads/mail-signed-in/comments').set('Authorization', `Bearer ${token}`).send({ body: 'Signed in and listening.', notify: true });
    assert.equal(mine.status, 201, mine.text);
    if (mine.body.status !== 'approved') await decide(mine.body.comment.id, 'approve');
    await deliverAll();
    assert.equal(to('subscriber.mail@example.org').filter((m) => /confirm/i.test(mailText(m.raw))).length, 0, 'the site vouched for the address');
    smtp.messages.length = 0;
    ctx.clock.advance(60);
    const reply = await postComment(ctx, 'mail-signed-in', { parentId: mine.body.comment.id, authorName: 'Karim', body: 'Answering a subscriber.' });
    await decide(reply.comment.id, 'approve');
    await deliverAll();
    const replies = to('subscriber.mail@example.org');
    assert.equal(replies.length, 1);
    assert.match(mailText(replies[0]?.raw ?? ''), /Karim replied to your comment/);
  });

  it('a webhook receiver that hangs until its timeout holds back no mail', async () => {
    const waiting: IncomingMessage[] = [];
    const hung = createServer((req) => void waiting.push(req)).listen(0, '127.0.0.1');
    await new Promise((resolve) => hung.once('listening', resolve));
    const now = ctx.clock.now();
    const hook = await ctx.db.webhook.create({
      data: { url: `http://127.0.0.1:${(hung.address() as AddressInfo).port}/hook`, events: ['comment.created'], secret: 'hook-secret', createdAt: now },
    });
    // A new author's first comment: a webhook delivery and the confirmation mail, in one transaction.
    await postComment(ctx, 'mail-beside-hung-hook', { authorEmail: 'first.timer@example.org' });
    const worker = workerFor(ctx);
    const started = Date.now();
    worker.start();
    try {
      await eventually(() => waiting.length === 1, 3000);
      await eventually(() => to('first.timer@example.org').length === 1, 3000);
      assert.ok(Date.now() - started < 6000, 'the mail went while the webhook waited (its timeout is 6 s)');
    } finally {
      hung.closeAllConnections();
      await worker.stop();
      await new Promise((resolve) => hung.close(resolve));
      await ctx.db.webhook.delete({ where: { id: hook.id } });
    }
  });

  it('form posts opt in with notify=on; without it notify stays off', async () => {
    const res = await ctx.request
      .post('/api/v1/threads/mail-form/comments')
      .type('form')
      .set('Accept', 'application/json')
      .send({ body: 'From the no-JS form', authorName: 'Form', authorEmail: 'form@example.org', notify: 'on' });
    assert.ok([201, 303].includes(res.status), res.text);
    const row = await ctx.db.comment.findFirstOrThrow({ where: { authorEmail: 'form@example.org' } });
    assert.equal(row.notify, true);
    ctx.clock.advance(60);
    const quiet = await postComment(ctx, 'mail-form', { authorEmail: 'quiet@example.org' });
    assert.equal((await ctx.db.comment.findUniqueOrThrow({ where: { id: quiet.comment.id } })).notify, false);
  });

  it('moderators get held and flagged comments batched: at most one digest per minute each', async () => {
    await postComment(ctx, 'mail-digest', { body: 'Held one' });
    await postComment(ctx, 'mail-digest', { body: 'Held two' });
    const flagged = await postComment(ctx, 'mail-digest', { body: 'Will be flagged' });
    await deliverAll();
    let digests = to(moderator.email).filter((m) => /\[Majlis\]/.test(m.raw));
    assert.equal(digests.length, 1);
    assert.match(mailText(digests[0]?.raw ?? ''), /Held one[\s\S]*Held two/);
    assert.equal(/reader\d+@example\.org/.test(digests[0]?.raw ?? ''), false, 'the digest shows no commenter address');

    await setPolicy(ctx, { flagThreshold: 1 });
    await ctx.db.comment.update({ where: { id: flagged.comment.id }, data: { status: 'approved' } });
    assert.equal((await ctx.request.post(`/api/v1/comments/${flagged.comment.id}/flags`).send({ reason: 'abuse' })).status, 202);
    ctx.clock.advance(30);
    await deliverAll();
    digests = to(moderator.email).filter((m) => /\[Majlis\]/.test(m.raw));
    assert.equal(digests.length, 1, 'within the minute nothing more is sent');
    ctx.clock.advance(31);
    await deliverAll();
    digests = to(moderator.email).filter((m) => /\[Majlis\]/.test(m.raw));
    assert.equal(digests.length, 2);
    assert.match(mailText(digests[1]?.raw ?? ''), new RegExp(`\\[flagged\\] #${flagged.comment.id} `));
  });

  it('a digest lists only what still waits: comments decided or deleted before it went are left out, and none goes for nothing', async () => {
    const decided = await postComment(ctx, 'mail-digest-settled', { body: 'Approved before the digest' });
    const deleted = await postComment(ctx, 'mail-digest-settled', { body: 'Deleted by its author before the digest' });
    const waiting = await postComment(ctx, 'mail-digest-settled', { body: 'Still waiting for a moderator' });
    assert.equal((await decide(decided.comment.id, 'approve')).status, 200);
    assert.equal((await ctx.request.delete(`/api/v1/comments/${deleted.comment.id}`).set('X-Edit-Token', deleted.editToken)).status, 204);
    await deliverAll();
    const [digest, ...more] = to(moderator.email).filter((m) => /\[Majlis\]/.test(m.raw));
    assert.equal(more.length, 0);
    const text = mailText(digest?.raw ?? '');
    assert.match(text, new RegExp(`\\[held\\] #${waiting.comment.id} `));
    assert.doesNotMatch(text, new RegExp(`#(${decided.comment.id}|${deleted.comment.id}) `));
    assert.doesNotMatch(text, /Approved before|Deleted by its author/);
    assert.equal(await ctx.db.moderatorAlert.count({ where: { commentId: { in: [decided.comment.id, deleted.comment.id] } } }), 0, 'their alerts are dropped');

    // Only settled alerts, a minute later: no digest at all.
    const alone = await postComment(ctx, 'mail-digest-settled', { body: 'Rejected before the next digest' });
    assert.equal((await decide(alone.comment.id, 'reject')).status, 200);
    ctx.clock.advance(61);
    await deliverAll();
    assert.equal(to(moderator.email).filter((m) => /\[Majlis\]/.test(m.raw)).length, 1);
    assert.equal(await ctx.db.moderatorAlert.count({ where: { commentId: alone.comment.id } }), 0);
  });

  it('a digest quotes a comment cut in the middle of an emoji whole: the cut keeps whole characters, and the digest goes', async () => {
    // 139 letters, then an emoji across the excerpt's 140th character: half of it was a lone surrogate no database stores.
    const held = await postComment(ctx, 'mail-digest-emoji', { body: `${'ب'.repeat(139)}😀 end`, lang: 'ar' });
    ctx.clock.advance(61);
    await deliverAll();
    const digests = to(moderator.email).filter((m) => /\[Majlis\]/.test(m.raw) && mailText(m.raw).includes(`#${held.comment.id} `));
    assert.equal(digests.length, 1);
    assert.ok(mailText(digests[0]?.raw ?? '').includes(`${'ب'.repeat(139)}😀…`));
  });

  it("one moderator's digest that fails holds back no other moderator's: theirs goes, and the failed one goes at a later poll", async () => {
    // The moderator signed in first comes first in the job's round; the database refuses mail to that address.
    const other = await signIn(ctx, 'moderator');
    const held = await postComment(ctx, 'mail-digest-failing', { body: 'Waiting while a digest fails' });
    const lift = await refuseMailTo(ctx.db, ctx.config.DATABASE_URL, moderator.email);
    try {
      ctx.clock.advance(61);
      await deliverAll();
      assert.equal(to(other.email).filter((m) => mailText(m.raw).includes(`#${held.comment.id} `)).length, 1, 'the other moderator gets theirs');
      assert.equal(to(moderator.email).length, 0);
      // The failure is logged, as one job's failure of this round.
      const logged = ctx.errorLogs.filter((line) => line.includes('1 moderator digest(s) failed'));
      assert.ok(logged.length > 0);
      ctx.errorLogs.splice(0, ctx.errorLogs.length, ...ctx.errorLogs.filter((line) => !logged.includes(line)));
    } finally {
      await lift();
    }
    ctx.clock.advance(61);
    await deliverAll();
    assert.equal(to(moderator.email).filter((m) => mailText(m.raw).includes(`#${held.comment.id} `)).length, 1, 'kept, and sent once the cause is gone');
  });

  it("a moderator's digest is written in the language they chose in the dashboard, and links to the dashboard in it", async () => {
    const arabic = await signIn(ctx, 'moderator');
    const chosen = await ctx.request.patch('/api/v1/auth/me').set('Authorization', arabic.auth).send({ lang: 'ar' });
    assert.equal(chosen.status, 200, chosen.text);
    const held = await postComment(ctx, 'mail-digest-ar', { body: 'بانتظار مشرف' });
    await deliverAll();
    // Moderators get no other mail here; the subject is encoded (RFC 2047), so it is read from the stored mail below.
    const [digest] = to(arabic.email);
    const text = mailText(digest?.raw ?? '');
    assert.match(text, /^هذه التعليقات بانتظار مشرف:/);
    assert.match(text, new RegExp(`- \\[محتجز\\] رقم ${held.comment.id} في mail-digest-ar، كتبه .*: بانتظار مشرف`));
    assert.match(text, /افتح قائمة المراجعة: https:\/\/comments\.news\.example\/admin\?lang=ar/);
    const stored = await ctx.db.outgoingMail.findFirstOrThrow({ where: { to: arabic.email, kind: 'moderator_digest' } });
    assert.equal(stored.subject, '[Majlis] تعليقات بانتظار المراجعة: محتجزة 1، عليها بلاغات 0');
    // The moderator who chose nothing reads English, as before.
    const [english] = to(moderator.email).filter((m) => /\[Majlis\]/.test(m.raw));
    assert.match(mailText(english?.raw ?? ''), new RegExp(`^These comments wait for a moderator:[\\s\\S]*- \\[held\\] #${held.comment.id} on mail-digest-ar by `));
  });

  it('mail survives an SMTP outage: stored, retried with backoff, delivered later', async () => {
    const outage = await createTestContext({ SMTP_URL: 'smtp://127.0.0.1:9', PUBLIC_URL: 'https://comments.news.example' });
    try {
      await postComment(outage, 'mail-outage', { authorEmail: 'later@example.org' });
      const down = workerFor(outage);
      await down.runOnce();
      const [stored] = await outage.db.outgoingMail.findMany({ where: { to: 'later@example.org' } });
      assert.deepEqual([stored?.status, stored?.attempts], ['pending', 1]);
      assert.ok(stored?.lastError);
    } finally {
      await outage.close({ allowErrorLogs: true });
    }
  });
});

describe('email confirmation', () => {
  // Each test above moved the clock an hour on; a new session keeps the moderator's decisions from outliving it.
  before(async () => {
    moderator = await signIn(ctx, 'moderator');
  });

  it('the first comment mails a one-time link; confirming hands this browser the commenter key, which makes the author known', async () => {
    await setPolicy(ctx, { premoderation: 'first-time' });
    const first = await postComment(ctx, 'mail-confirm', { authorEmail: 'dalia@example.org', authorName: 'Dalia', lang: 'en' });
    await decide(first.comment.id, 'approve');
    await deliverAll();
    const confirmations = to('dalia@example.org').filter((m) => /confirm your email/i.test(m.raw));
    assert.equal(confirmations.length, 1);
    const link = linkIn(confirmations[0], 'confirm');

    // Someone else typing the confirmed address is not known: no key, no release.
    const impostor = await postComment(ctx, 'mail-confirm', { authorEmail: 'dalia@example.org', authorName: 'Dalia', body: 'Not really Dalia' });
    assert.equal(impostor.status, 'pending');

    // A mail security scanner opens the link first: it sees a button, gets no key, and uses nothing up.
    for (const accept of ['text/html', 'application/json']) {
      const scanned = await ctx.request.get(link).set('Accept', accept);
      assert.equal(scanned.status, 200);
      assert.doesNotMatch(scanned.text, /ck2\./);
    }
    assert.equal((await ctx.db.author.findUniqueOrThrow({ where: { emailKey: 'dalia@example.org' } })).emailConfirmedAt, null);

    const page = await ctx.request.post(link).type('form').send({});
    assert.equal(page.status, 200);
    assert.match(page.text, /your email address is confirmed/);
    const key = /<code id="commenter-key">([^<]+)<\/code>/.exec(page.text)?.[1] ?? '';
    assert.match(key, /^ck2\.m\./);
    const author = await ctx.db.author.findUniqueOrThrow({ where: { emailKey: 'dalia@example.org' } });
    assert.ok(author.emailConfirmedAt);
    assert.equal((await ctx.request.get(link)).status, 400, 'the link works once');
    assert.equal((await ctx.request.post(link).type('form').send({})).status, 400);
    const json = await ctx.request.post(link).set('Accept', 'application/json').send({});
    assert.equal(json.status, 400);

    const known = await postComment(ctx, 'mail-confirm', { authorEmail: 'dalia@example.org', authorName: 'Dalia', body: 'From my confirmed browser', commenterKey: key });
    assert.equal(known.status, 'approved');
    await postComment(ctx, 'mail-confirm', { authorEmail: 'dalia@example.org', body: 'again' });
    await deliverAll();
    assert.equal(to('dalia@example.org').filter((m) => /confirm your email/i.test(m.raw)).length, 1, 'only with the first comment');
  });
});
