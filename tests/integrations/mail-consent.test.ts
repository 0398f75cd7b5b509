import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { commentInput, setPolicy, signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';
import { closeAll } from '../setup/close-all.js';
import { mailText, startSmtp, workerFor } from './helpers.js';

let ctx: TestContext;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let moderator: Awaited<ReturnType<typeof signIn>>;
before(async () => {
  smtp = await startSmtp();
  ctx = await createTestContext({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://comments.news.example', TRUST_PROXY: 'true' });
  moderator = await signIn(ctx, 'moderator');
  // Mail consent alone: these posts come from one address range, which the bot defences would ask for proof of work.
  await setPolicy(ctx, { challengeWhen: [] });
});
after(() => closeAll(ctx, smtp));
beforeEach(() => ctx.clock.advance(2 * 3600));

async function deliverAll() {
  const worker = workerFor(ctx);
  while ((await worker.runOnce()) > 0);
}
const inboxOf = (address: string) => smtp.messages.filter((m) => m.to.includes(address)).map((m) => ({ raw: m.raw, text: mailText(m.raw) }));

async function post(ip: string, threadKey: string, fields: Record<string, unknown>) {
  const res = await ctx.request.post(`/api/v1/threads/${threadKey}/comments`).set('X-Forwarded-For', ip).send(commentInput(fields));
  assert.equal(res.status, 201, res.text);
  ctx.clock.advance(20);
  return res.body as { comment: { id: number } };
}
async function approve(id: number) {
  const res = await ctx.request.post(`/api/v1/moderation/comments/${id}/decision`).set('Authorization', moderator.auth).send({ action: 'approve' });
  assert.equal(res.status, 200, res.text);
}

describe('mail only to people who asked for it', () => {
  it('an address typed by a stranger gets the one confirmation mail, without the stranger\'s words, and no notifications until it is confirmed', async () => {
    const victim = 'victim@example.org';
    const words = 'CLAIM YOUR PRIZE AT evil.example';
    // A stranger posts under the victim's address, asks for notifications, and answers itself.
    const posted = [];
    for (let i = 0; i < 3; i += 1) posted.push(await post('203.0.113.5', 'mail-abuse', { authorEmail: victim, authorName: words, body: `${words} (${i})`, notify: true }));
    for (const { comment } of posted) await approve(comment.id);
    for (const { comment } of posted) {
      const reply = await post('203.0.113.6', 'mail-abuse', { parentId: comment.id, authorName: words, body: `${words}, reply` });
      await approve(reply.comment.id);
    }
    await deliverAll();

    const inbox = inboxOf(victim);
    assert.equal(inbox.length, 1, inbox.map((m) => m.text).join('\n---\n'));
    assert.match(inbox[0]!.text, /\/api\/v1\/confirm\?token=/);
    assert.doesNotMatch(inbox[0]!.raw + inbox[0]!.text, /PRIZE|evil\.example/i);
    assert.equal(await ctx.db.outgoingMail.count({ where: { to: victim } }), 1, 'nothing else is even queued');
  });

  it('a confirmed reader who asked hears of approvals and replies, quoting them', async () => {
    const reader = 'confirmed@example.org';
    const first = await post('203.0.113.20', 'mail-consented', { authorEmail: reader, notify: true, body: 'My first, held comment.' });
    await deliverAll();
    const link = /(\/api\/v1\/confirm\?token=[^\s&]+)/.exec(inboxOf(reader)[0]?.text ?? '')?.[1];
    assert.ok(link, 'the confirmation link');
    // The link's GET only shows a button (mail scanners open links); the reader's click POSTs it.
    assert.equal((await ctx.request.post(link).type('form').send({})).status, 200);
    await approve(first.comment.id);
    const reply = await post('203.0.113.21', 'mail-consented', { parentId: first.comment.id, body: 'A polite answer to you.' });
    await approve(reply.comment.id);
    await deliverAll();
    const notifications = inboxOf(reader).filter((m) => m.raw.includes('List-Unsubscribe'));
    assert.equal(notifications.length, 2);
    // The worker delivers a batch concurrently, so the two mails may arrive in either order.
    const [approval, answer] = [/has been approved/, /A polite answer to you\./].map((pattern) => notifications.filter((m) => pattern.test(m.text)));
    assert.equal(approval?.length, 1, 'one approval notice');
    assert.equal(answer?.length, 1, 'one reply notice quoting the reply');
    assert.notEqual(approval![0], answer![0]);
  });

  it('one client can have at most 3 confirmation links mailed per hour, whatever the addresses', async () => {
    for (let i = 0; i < 6; i += 1) await post('203.0.113.40', 'mail-spray', { authorEmail: `sprayed${i}@example.org` });
    const confirmations = await ctx.db.outgoingMail.findMany({ where: { kind: 'confirm_email', to: { startsWith: 'sprayed' } } });
    assert.equal(confirmations.length, 3);
    // Another client, or the same one an hour later, is not held back; an address that got no link yet gets it then.
    await post('203.0.113.41', 'mail-spray', { authorEmail: 'sprayed5@example.org' });
    ctx.clock.advance(3601);
    await post('203.0.113.40', 'mail-spray', { authorEmail: 'sprayed4@example.org' });
    await post('203.0.113.40', 'mail-spray', { authorEmail: 'sprayed0@example.org' });
    const after = await ctx.db.outgoingMail.findMany({ where: { kind: 'confirm_email', to: { startsWith: 'sprayed' } } });
    assert.deepEqual(after.map((m) => m.to).sort(), ['sprayed0', 'sprayed1', 'sprayed2', 'sprayed4', 'sprayed5'].map((a) => `${a}@example.org`), 'one link per address, ever');
  });
});
