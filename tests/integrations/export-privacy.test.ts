import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { approvedComment, describeThread, postComment, signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';
import { startApp } from '../setup/live-app.js';

let ctx: TestContext;
let admin: Awaited<ReturnType<typeof signIn>>;
let moderator: Awaited<ReturnType<typeof signIn>>;
before(async () => {
  ctx = await createTestContext({ TRUST_PROXY: 'true' });
  admin = await signIn(ctx, 'admin');
  moderator = await signIn(ctx, 'moderator');
});
after(async () => ctx.close());

const as = (who: { auth: string }) => ({
  get: (path: string) => ctx.request.get(path).set('Authorization', who.auth),
  post: (path: string, body: object = {}) => ctx.request.post(path).set('Authorization', who.auth).send(body),
});

const parseLines = (text: string) => text.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);

describe('export', () => {
  it('GET /moderation/export streams every thread and comment as JSON Lines, for admins only', async () => {
    const a = await postComment(ctx, 'export-a', { body: 'نص عربي للتصدير' });
    assert.equal((await as(moderator).post(`/api/v1/moderation/comments/${a.comment.id}/decision`, { action: 'approve', note: 'well argued' })).status, 200);
    await describeThread(ctx, 'export-a', { title: 'تصدير' });
    const b = await postComment(ctx, 'export-b', { parentId: undefined });
    assert.equal((await ctx.request.get('/api/v1/moderation/export')).status, 401);
    assert.equal((await as(moderator).get('/api/v1/moderation/export')).status, 403);
    const res = await as(admin).get('/api/v1/moderation/export').buffer(true).parse((response, done) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => done(null, text));
    });
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^application\/x-ndjson/);
    const lines = parseLines(res.body as string);
    assert.ok(lines.some((l) => l.type === 'thread' && l.key === 'export-a' && l.title === 'تصدير'));
    const comment = lines.find((l) => l.type === 'comment' && l.id === a.comment.id);
    assert.equal(comment?.body, 'نص عربي للتصدير');
    assert.equal(comment?.threadKey, 'export-a');
    assert.ok(lines.some((l) => l.type === 'comment' && l.id === b.comment.id && l.status === 'pending'));
    assert.equal(lines.some((l) => 'ipHash' in l || 'userAgent' in l || 'editTokenHash' in l), false);
    const firstComment = lines.findIndex((l) => l.type === 'comment');
    const firstDecision = lines.findIndex((l) => l.type === 'decision');
    assert.ok(firstComment < firstDecision && lines.slice(firstComment, firstDecision).every((l) => l.type === 'comment'), 'threads, then comments, then decisions');
    // The decision log too, for an audit: who decided what, with the moderator's note.
    assert.ok(lines.slice(firstDecision).every((l) => l.type === 'decision'));
    const decided = lines.filter((l) => l.type === 'decision' && l.commentId === a.comment.id);
    assert.deepEqual(
      decided.map((l) => [l.actor, l.fromStatus, l.toStatus, l.moderatorEmail, l.note]),
      [
        ['pipeline', null, 'pending', null, null],
        ['moderator', 'pending', 'approved', moderator.email, 'well argued'],
      ],
    );
  });

  it('npm run export -- --out FILE writes the same lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'majlis-export-'));
    try {
      const file = join(dir, 'out.ndjson');
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/export.ts', '--out', file], {
        env: { ...process.env, DATABASE_URL: ctx.config.DATABASE_URL, SECRET: ctx.config.SECRET, NODE_ENV: 'test' },
        encoding: 'utf8',
      });
      assert.equal(run.status, 0, run.stderr);
      const lines = parseLines(readFileSync(file, 'utf8'));
      assert.equal(lines.filter((l) => l.type === 'comment').length, await ctx.db.comment.count());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('export to an admin who hangs up', () => {
  it('ends when the admin hangs up while it waits for them to read, so its handler does not wait for ever', async () => {
    const app = await startApp();
    try {
      const { auth } = await signIn(app.ctx, 'admin');
      // More than the sockets' buffers hold (a few MB on loopback), so the export has to wait for the reader.
      const now = app.ctx.clock.now();
      const thread = await app.ctx.db.thread.create({ data: { key: 'export-hang-up', createdAt: now } });
      await app.ctx.db.author.create({ data: { emailKey: 'reader@example.org', createdAt: now } });
      const body = 'A long comment to fill the export. '.repeat(120);
      await app.ctx.db.comment.createMany({
        data: Array.from({ length: 3000 }, (_, i) => ({
          threadId: thread.id, body, authorName: 'Reader', authorEmail: 'reader@example.org', authorKey: 'reader@example.org',
          status: 'approved' as const, reasons: [], bodyHash: `hang-up-${i}`, editTokenHash: 'x', createdAt: now, updatedAt: now,
        })),
      });
      const socket = connect(Number(new URL(app.origin).port), '127.0.0.1');
      socket.write(`GET /api/v1/moderation/export HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${auth}\r\n\r\n`);
      const [head] = (await once(socket, 'data')) as [Buffer];
      assert.match(head.toString('latin1'), /^HTTP\/1\.1 200/);
      // The admin stops reading, the buffers fill, then the admin goes.
      socket.pause();
      await new Promise((resolve) => setTimeout(resolve, 500));
      socket.destroy();
    } finally {
      // Waits for every handler to end its response, and fails after 5 s if one has not.
      await app.close();
    }
  });
});

describe('privacy requests', () => {
  it('GET /moderation/privacy/{email} returns everything stored about the address, and says flags are not linkable', async () => {
    const mine = await approvedComment(ctx, 'privacy-read', { authorEmail: 'Hala@Example.org', authorName: 'هالة', authorUrl: 'https://hala.example' });
    await as(moderator).post(`/api/v1/moderation/comments/${mine.comment.id}/decision`, { action: 'reject', note: 'testing' });
    assert.equal((await as(moderator).get('/api/v1/moderation/privacy/hala@example.org')).status, 403);
    assert.equal((await as(admin).get('/api/v1/moderation/privacy/not-an-email')).status, 422);
    const res = await as(admin).get('/api/v1/moderation/privacy/hala@example.org');
    assert.equal(res.status, 200);
    assert.equal(res.body.author.status, 'normal');
    assert.equal(res.body.comments.length, 1);
    const [comment] = res.body.comments;
    assert.deepEqual([comment.authorName, comment.authorEmail, comment.authorUrl, comment.ipHashStored], ['هالة', 'Hala@Example.org', 'https://hala.example', true]);
    assert.equal('ipHash' in comment, false);
    assert.deepEqual(comment.decisions.map((d: { toStatus: string }) => d.toStatus), ['pending', 'rejected']);
    assert.equal(res.body.flags.linkable, false);
    assert.deepEqual(res.body.accounts, [], 'no signed-in account has this address');
    assert.deepEqual(res.body.privacyActions.map((a: { action: string }) => a.action), ['export']);
    const stored = await ctx.db.comment.findUniqueOrThrow({ where: { id: mine.comment.id } });
    const storedReasons = stored.reasons as Array<{ rule: string; vote: string; detail: string }>;
    assert.ok(storedReasons.length > 0);
    assert.deepEqual(comment.reasons, storedReasons.map(({ rule, vote, detail }) => ({ rule, vote, detail })), 'why the pipeline decided');
    assert.deepEqual(res.body.mails, [], 'no mail was kept');
  });

  it('hands over the mails kept for the address, however it was written, and no one else\'s', async () => {
    await postComment(ctx, 'privacy-mails', { authorEmail: 'Nadia.Mail@Example.org' });
    const now = ctx.clock.now();
    const mail = (to: string, subject: string) => ({ kind: 'confirm_email', to, subject, text: `${subject}: https://comments.example/confirm`, headers: {}, nextAttemptAt: now, createdAt: now });
    await ctx.db.outgoingMail.create({ data: { ...mail('Nadia.Mail@Example.org', 'Confirm your address'), status: 'delivered', sentAt: now } });
    await ctx.db.outgoingMail.create({ data: mail('someone.else@example.org', 'Not hers') });
    const res = await as(admin).get('/api/v1/moderation/privacy/nadia.mail@example.org');
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(
      res.body.mails.map((m: { kind: string; subject: string; status: string; sentAt: string | null }) => [m.kind, m.subject, m.status, m.sentAt]),
      [['confirm_email', 'Confirm your address', 'delivered', now.toISOString()]],
    );
  });

  it('anonymise keeps the comments as "Anonymous"/"مجهول" without email, URL, IP hash or user agent; the thread shows it at once', async () => {
    const en = await approvedComment(ctx, 'privacy-anon', { authorEmail: 'anon.me@example.org', authorName: 'Nadia', authorUrl: 'https://nadia.example', lang: 'en' });
    const ar = await approvedComment(ctx, 'privacy-anon', { authorEmail: 'anon.me@example.org', authorName: 'Nadia', body: 'تعليق بالعربية', lang: 'ar' });
    const other = await approvedComment(ctx, 'privacy-anon', { authorName: 'Someone else' });
    assert.equal((await ctx.request.get('/api/v1/threads/privacy-anon/comments')).body.comments[0].authorName, 'Nadia');
    const bad = await as(admin).post('/api/v1/moderation/privacy/anon.me@example.org/erase', { mode: 'shred' });
    assert.equal(bad.status, 422);
    const res = await as(admin).post('/api/v1/moderation/privacy/anon.me@example.org/erase', { mode: 'anonymise' });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { mode: 'anonymise', comments: 2, anonymised: 2, deleted: 0, tombstoned: 0 });
    const rows = await ctx.db.comment.findMany({ where: { id: { in: [en.comment.id, ar.comment.id] } }, orderBy: { id: 'asc' } });
    assert.deepEqual(rows.map((r) => [r.authorName, r.authorEmail, r.authorUrl, r.ipHash, r.userAgent]), [
      ['Anonymous', '', null, null, null],
      ['مجهول', '', null, null, null],
    ]);
    assert.equal(rows[1]?.body, 'تعليق بالعربية');
    assert.equal(await ctx.db.author.count({ where: { emailKey: 'anon.me@example.org' } }), 0);
    assert.equal((await ctx.db.comment.findUniqueOrThrow({ where: { id: other.comment.id } })).authorName, 'Someone else');
    const thread = await ctx.request.get('/api/v1/threads/privacy-anon/comments');
    assert.deepEqual(thread.body.comments.map((c: { authorName: string }) => c.authorName), ['Anonymous', 'مجهول', 'Someone else']);
    const log = await ctx.db.decision.findMany({ where: { commentId: en.comment.id, actor: 'privacy' } });
    assert.equal(log.length, 1);
    const after = await as(admin).get('/api/v1/moderation/privacy/anon.me@example.org');
    assert.deepEqual([after.body.author, after.body.comments], [null, []]);
    assert.deepEqual(after.body.privacyActions.map((a: { action: string }) => a.action), ['anonymise', 'export']);
    const audit = await ctx.db.privacyAction.findMany();
    assert.equal(JSON.stringify(audit).includes('anon.me'), false, 'the audit log keeps no address');
  });

  it('delete removes the comments; one with replies stays as a tombstone', async () => {
    const parent = await approvedComment(ctx, 'privacy-delete', { authorEmail: 'gone@example.org' });
    const lonely = await approvedComment(ctx, 'privacy-delete', { authorEmail: 'gone@example.org' });
    const reply = await approvedComment(ctx, 'privacy-delete', { parentId: parent.comment.id });
    const res = await as(admin).post('/api/v1/moderation/privacy/gone@example.org/erase', { mode: 'delete' });
    assert.deepEqual(res.body, { mode: 'delete', comments: 2, anonymised: 0, deleted: 1, tombstoned: 1 });
    assert.equal(await ctx.db.comment.count({ where: { id: lonely.comment.id } }), 0);
    const tomb = await ctx.db.comment.findUniqueOrThrow({ where: { id: parent.comment.id } });
    assert.deepEqual([tomb.body, tomb.authorName, tomb.authorEmail, tomb.deletedAt !== null], ['', '', '', true]);
    const thread = await ctx.request.get('/api/v1/threads/privacy-delete/comments');
    assert.equal(thread.body.comments.length, 1);
    assert.equal(thread.body.comments[0].replies[0].id, reply.comment.id);
    assert.equal(JSON.stringify(thread.body).includes('gone@'), false);
  });
});
