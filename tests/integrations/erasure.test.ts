import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import supertest from 'supertest';
import { sqliteFilePath } from '../../src/db/sqlite-path.js';
import { approvedComment, postComment, restorePolicyAfterEach, setPolicy, setStatus, signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
let admin: Awaited<ReturnType<typeof signIn>>;
let moderator: Awaited<ReturnType<typeof signIn>>;
before(async () => {
  // Mail on (nothing sends it: every mail stays in the outbox, where erasure must find it).
  ctx = await createTestContext({ SMTP_URL: 'smtp://127.0.0.1:9', PUBLIC_URL: 'https://comments.news.example', TRUST_PROXY: 'true' });
  admin = await signIn(ctx, 'admin');
  moderator = await signIn(ctx, 'moderator');
});
after(async () => ctx.close());
restorePolicyAfterEach(() => ctx);

// Strings nothing else in the database contains, so finding any byte of them means a copy survived.
const subject = {
  authorName: 'Zebulon Quartzfield',
  authorEmail: 'zebulon.quartz@erase.example',
  authorUrl: 'https://zebulon-quartz.example/home',
  body: 'Unmistakable kumquat marmalade opinions, which I now regret writing.',
};

/** Writes into the outbox what notifications write: a mail to the author, a reply mail quoting them to someone else, a digest listing them. */
async function queueMailsAbout(commentId: number, moderatorId: number) {
  const now = ctx.clock.now();
  const base = { headers: {}, nextAttemptAt: now, createdAt: now };
  await ctx.db.outgoingMail.create({ data: { ...base, kind: 'comment_approved', to: subject.authorEmail, subject: 'Your comment is published', text: `Hello ${subject.authorName}, ${subject.body}` } });
  await ctx.db.outgoingMail.create({
    data: { ...base, kind: 'comment_reply', to: 'someone.else@example.org', subject: 'New reply', text: `${subject.authorName} replied: ${subject.body}`, status: 'delivered', sentAt: now },
  });
  const digest = await ctx.db.outgoingMail.create({
    data: { ...base, kind: 'moderator_digest', to: moderator.email, moderatorId, subject: 'held', text: `- [held] #${commentId} by ${subject.authorName}: ${subject.body.slice(0, 20)}` },
  });
  await ctx.db.moderatorAlert.create({ data: { moderatorId, commentId, event: 'held', mailId: digest.id, createdAt: now } });
}

function accessLogged() {
  const lines: string[] = [];
  const logger = pino({ level: 'info' }, new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) }));
  return { lines, request: supertest(ctx.appWith({ logger })) };
}

describe('privacy erasure is complete', () => {
  it('delete: no byte of the address, name, website or text is left in the database file, its WAL, the outbox, webhook payloads, notes or the access log', async () => {
    const now = ctx.clock.now();
    await ctx.db.webhook.create({ data: { url: 'https://hooks.example/majlis', events: ['comment.created', 'comment.approved', 'comment.rejected', 'comment.flagged'], secret: 'hook-secret', createdAt: now } });
    const other = await approvedComment(ctx, 'erase-thread', { body: 'Someone else entirely, with a different opinion.' });
    // Written first with other words, then edited: the payloads of before the edit carry that first text.
    const posted = await postComment(ctx, 'erase-thread', { ...subject, body: 'First draft about persimmon chutney, edited away.', notify: true, parentId: other.comment.id });
    const edited = await ctx.request.patch(`/api/v1/comments/${posted.comment.id}`).set('X-Edit-Token', posted.editToken).send({ body: subject.body });
    assert.equal(edited.status, 200, edited.text);
    const mod = (path: string, body: object) => ctx.request.post(path).set('Authorization', moderator.auth).send(body);
    // The moderator's note quotes the author; another moderator note elsewhere names the address.
    const approved = await mod(`/api/v1/moderation/comments/${posted.comment.id}/decision`, { action: 'approve', note: `OK from ${subject.authorName} <${subject.authorEmail}>: "${subject.body}"` });
    assert.equal(approved.status, 200);
    assert.equal((await mod(`/api/v1/moderation/comments/${other.comment.id}/decision`, { action: 'reject', note: `same person as ${subject.authorEmail}?` })).status, 200);
    // And one names them, without the address, on someone else's comment.
    assert.equal((await mod(`/api/v1/moderation/comments/${other.comment.id}/decision`, { action: 'approve', note: `re-check: ${subject.authorName} replied rudely` })).status, 200);
    // Another reader's flag note quotes them.
    const flagged = await ctx.request.post(`/api/v1/comments/${posted.comment.id}/flags`).set('X-Forwarded-For', '198.51.100.77').send({ reason: 'other', note: `${subject.authorName} wrote "${subject.body}"` });
    assert.equal(flagged.status, 202);
    await queueMailsAbout(posted.comment.id, moderator.moderator.id);
    assert.ok((await ctx.db.webhookDelivery.count({ where: { payload: { contains: subject.authorName } } })) > 0, 'the approval was queued for the webhook');

    const logged = accessLogged();
    const erased = await logged.request
      .post(`/api/v1/moderation/privacy/${encodeURIComponent(subject.authorEmail)}/erase`)
      .set('Authorization', admin.auth)
      .send({ mode: 'delete' });
    assert.equal(erased.status, 200, erased.text);
    assert.equal(erased.body.deleted, 1);

    // The access log keeps a keyed hash of the address, never the address.
    const access = logged.lines.map((line) => JSON.parse(line) as { msg: string; path?: string }).find((line) => line.msg === 'request');
    assert.match(access?.path ?? '', /^\/api\/v1\/moderation\/privacy\/~[A-Za-z0-9_-]{16}\/erase$/);
    assert.equal(logged.lines.join('').includes('zebulon'), false);

    // Rows: the other reader's comment and its log stay, notes that named the author no longer do.
    const notes = (await ctx.db.decision.findMany({ where: { commentId: other.comment.id } })).map((d) => d.note);
    assert.ok(notes.includes('same person as [erased]?'), JSON.stringify(notes));
    assert.ok(notes.includes('re-check: [erased] replied rudely'), JSON.stringify(notes));
    assert.equal(await ctx.db.outgoingMail.count({ where: { OR: [{ text: { contains: 'kumquat' } }, { to: subject.authorEmail }] } }), 0);
    assert.equal(await ctx.db.outgoingMail.count({ where: { kind: 'moderator_digest' } }), 0);

    const strings = [subject.authorName, subject.authorEmail, subject.authorUrl, subject.body, 'Quartzfield', 'kumquat marmalade', 'persimmon chutney'];
    const everything = JSON.stringify(
      await Promise.all([
        ctx.db.comment.findMany(),
        ctx.db.decision.findMany(),
        ctx.db.flag.findMany(),
        ctx.db.outgoingMail.findMany(),
        ctx.db.webhookDelivery.findMany(),
        ctx.db.author.findMany(),
        ctx.db.privacyAction.findMany(),
        ctx.db.thread.findMany(),
      ]),
    );
    for (const text of strings) assert.equal(everything.toLowerCase().includes(text.toLowerCase()), false, `a row still holds ${text}`);

    if (!ctx.config.DATABASE_URL.startsWith('file:')) return;
    // The file itself: free pages, old row versions and the write-ahead log hold no byte of it either.
    const file = sqliteFilePath(ctx.config.DATABASE_URL);
    const bytes = [file, `${file}-wal`].filter((path) => existsSync(path)).map((path) => readFileSync(path));
    assert.ok(bytes[0] && bytes[0].length > 0);
    for (const content of bytes) {
      for (const text of strings) assert.equal(content.includes(Buffer.from(text, 'utf8')), false, `the database file still holds ${text}`);
    }
  });

  it('anonymise: the comment stays under "Anonymous"; its address, name and website are gone from every copy and from the file', async () => {
    const person = { authorName: 'Philippa Wolframheart', authorEmail: 'philippa.wolfram@erase.example', authorUrl: 'https://wolframheart.example/' };
    const posted = await postComment(ctx, 'anon-thread', { ...person, body: 'A comment that may stay, without its author. Write to philippa.wolfram@erase.example.' });
    const decided = await ctx.request
      .post(`/api/v1/moderation/comments/${posted.comment.id}/decision`)
      .set('Authorization', moderator.auth)
      .send({ action: 'approve', note: `checked with ${person.authorName} at ${person.authorEmail}` });
    assert.equal(decided.status, 200);
    const erased = await ctx.request.post(`/api/v1/moderation/privacy/${encodeURIComponent(person.authorEmail)}/erase`).set('Authorization', admin.auth).send({ mode: 'anonymise' });
    assert.equal(erased.status, 200, erased.text);
    const row = await ctx.db.comment.findUniqueOrThrow({ where: { id: posted.comment.id }, include: { decisions: true } });
    // The address the author typed into the text goes too: the public thread no longer names them.
    assert.deepEqual([row.authorName, row.authorEmail, row.authorUrl, row.body], ['Anonymous', '', null, 'A comment that may stay, without its author. Write to [erased].']);
    const page = await ctx.request.get('/api/v1/threads/anon-thread/comments');
    assert.equal(JSON.stringify(page.body).includes(person.authorEmail), false);
    assert.ok(row.decisions.some((d) => d.note === 'checked with [erased] at [erased]'));
    if (!ctx.config.DATABASE_URL.startsWith('file:')) return;
    const file = sqliteFilePath(ctx.config.DATABASE_URL);
    for (const path of [file, `${file}-wal`].filter((p) => existsSync(p))) {
      const content = readFileSync(path);
      for (const text of Object.values(person)) assert.equal(content.includes(Buffer.from(text, 'utf8')), false, `${path} still holds ${text}`);
    }
  });

  it('leaves no listed word of the erased address or text in the stored reasons, nor where it stood: anonymised, erased on request, deleted by its author', async () => {
    await setPolicy(ctx, { bannedWords: ['jackpot'], suspectWords: ['casino'] });
    const address = (n: number) => `casino.jackpot-king${n}@example.org`;
    const reasonsOf = async (id: number) => (await ctx.db.comment.findUniqueOrThrow({ where: { id } })).reasons as Array<{ rule: string; detail: string; hits?: Array<{ field: string; matched: string }> }>;
    const erase = (email: string, mode: 'anonymise' | 'delete') =>
      ctx.request.post(`/api/v1/moderation/privacy/${encodeURIComponent(email)}/erase`).set('Authorization', admin.auth).send({ mode });

    // Anonymised: the comment's text stays, and so do the words found in it.
    const anonymised = await postComment(ctx, 'address-words', { authorEmail: address(1), body: 'Every casino wins in the end, as everyone knows.' });
    assert.ok((await reasonsOf(anonymised.comment.id)).some((reason) => reason.detail.includes('"jackpot" matches "jackpot" in authorEmail at 7')));
    assert.equal((await erase(address(1), 'anonymise')).status, 200);
    const kept = Object.fromEntries((await reasonsOf(anonymised.comment.id)).map((reason) => [reason.rule, reason]));
    assert.equal(kept.banned_words?.detail, "Banned words: in the author's address");
    assert.deepEqual(kept.banned_words?.hits, []);
    // The dashboard says it in its own language, with no word to name.
    assert.deepEqual((kept.banned_words as { explain?: unknown } | undefined)?.explain, { key: 'words.banned.withheld' });
    assert.deepEqual(kept.suspect_words?.hits?.map((hit) => [hit.field, hit.matched]), [['body', 'casino']]);
    assert.match(kept.suspect_words?.detail ?? '', /^Suspect words: "casino" matches "casino" in body at 6; and in the author's address$/);

    // Erased on request, a placeholder kept for the reply beneath it.
    const erased = await postComment(ctx, 'address-words', { authorEmail: address(2), body: 'A casino opinion that will be taken back later.' });
    await setStatus(ctx, erased.comment.id, 'approved');
    await approvedComment(ctx, 'address-words', { parentId: erased.comment.id, body: 'A reply that keeps the placeholder above it.' });
    const deleted = await erase(address(2), 'delete');
    assert.equal(deleted.body.tombstoned, 1, deleted.text);

    // Deleted by its author: the address goes with the text.
    const withdrawn = await postComment(ctx, 'address-words', { authorEmail: address(3), body: 'A casino opinion its author takes back herself.' });
    assert.equal((await ctx.request.delete(`/api/v1/comments/${withdrawn.comment.id}`).set('X-Edit-Token', withdrawn.editToken)).status, 204);

    for (const id of [anonymised.comment.id, erased.comment.id, withdrawn.comment.id]) {
      const stored = JSON.stringify(await reasonsOf(id));
      assert.equal(/jackpot|king|authorEmail/i.test(stored) || stored.includes('casino" in'), false, stored);
    }
    // The text erased too: no word of it is named, only where the lists found some.
    for (const id of [erased.comment.id, withdrawn.comment.id]) {
      const reasons = await reasonsOf(id);
      assert.equal(/casino/i.test(JSON.stringify(reasons)), false, JSON.stringify(reasons));
      assert.equal(reasons.find((reason) => reason.rule === 'suspect_words')?.detail, "Suspect words: in the comment and the author's address");
    }
  });

  it("names no domain of an erased website or text in the reasons or bot signals: a personal site's domain names its owner", async () => {
    const marked = await postComment(ctx, 'erased-domains', { body: 'Buy now at https://kumquat-personal.example/x and https://zebulon-home.example/y', authorEmail: 'spammer@erase.example' });
    assert.equal((await ctx.request.post(`/api/v1/moderation/comments/${marked.comment.id}/decision`).set('Authorization', moderator.auth).send({ action: 'spam' })).status, 200);
    ctx.clock.advance(60);
    const website = await postComment(ctx, 'erased-domains', { authorEmail: 'zeb@erase.example', authorUrl: 'https://zebulon-home.example/about', body: 'My own view on the matter.' });
    ctx.clock.advance(60);
    const linked = await postComment(ctx, 'erased-domains', { authorEmail: 'kum@erase.example', body: 'See https://kumquat-personal.example/z for more.' });
    const stored = async (id: number) => JSON.stringify(await ctx.db.comment.findUniqueOrThrow({ where: { id }, select: { reasons: true, signals: true } }));
    assert.match(await stored(website.comment.id), /zebulon-home\.example/);
    assert.match(await stored(linked.comment.id), /kumquat-personal\.example/);
    const erase = (email: string, mode: 'anonymise' | 'delete') =>
      ctx.request.post(`/api/v1/moderation/privacy/${encodeURIComponent(email)}/erase`).set('Authorization', admin.auth).send({ mode });
    assert.equal((await erase('zeb@erase.example', 'anonymise')).status, 200);
    assert.equal((await ctx.request.delete(`/api/v1/comments/${linked.comment.id}`).set('X-Edit-Token', linked.editToken)).status, 204);
    assert.doesNotMatch(await stored(website.comment.id), /zebulon/);
    assert.doesNotMatch(await stored(linked.comment.id), /kumquat/);
    // The rule's vote and why stay, without the domain.
    const reason = ((await ctx.db.comment.findUniqueOrThrow({ where: { id: website.comment.id } })).reasons as Array<{ rule: string; detail: string }>).find((r) => r.rule === 'spam_domains');
    assert.equal(reason?.detail, 'Links to [erased], found in 1 comments moderators marked spam.');
  });

  it("takes out an author's short name only where it stands as a word: rule names, votes and Majlis's own notes stay whole", async () => {
    const posted = await postComment(ctx, 'short-names', { authorName: 'L', body: 'A perfectly ordinary remark about the article' });
    const noted = await ctx.request
      .post(`/api/v1/moderation/comments/${posted.comment.id}/decision`)
      .set('Authorization', moderator.auth)
      .send({ action: 'approve', note: 'asked L to rephrase; fine now' });
    assert.equal(noted.status, 200);
    const before = await ctx.db.comment.findUniqueOrThrow({ where: { id: posted.comment.id } });
    const rules = (before.reasons as Array<{ rule: string; vote: string }>).map((reason) => [reason.rule, reason.vote]);
    assert.equal((await ctx.request.delete(`/api/v1/comments/${posted.comment.id}`).set('X-Edit-Token', posted.editToken)).status, 204);
    const row = await ctx.db.comment.findUniqueOrThrow({ where: { id: posted.comment.id }, include: { decisions: { orderBy: { id: 'asc' } } } });
    assert.deepEqual((row.reasons as Array<{ rule: string; vote: string }>).map((reason) => [reason.rule, reason.vote]), rules);
    assert.ok(JSON.stringify(row.reasons).includes('classifier') || JSON.stringify(row.reasons).includes('premoderation'), JSON.stringify(row.reasons));
    assert.deepEqual(row.decisions.map((d) => d.note), [null, 'asked [erased] to rephrase; fine now', 'deleted by author']);
  });
});
