// Replies beneath a comment readers do not see: hidden with it, not counted, back when it is. Thread pages, the replies
// endpoint, the counts and a thread's commentCount must agree with what a reader can actually read.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { inTransaction } from '../../src/db/unit-of-work.js';
import { importFile } from '../../src/imports/import-file.js';
import { approvedComment, restorePolicyAfterEach, setPolicy, setStatus, signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
let moderator: Awaited<ReturnType<typeof signIn>>;
before(async () => {
  ctx = await createTestContext();
  moderator = await signIn(ctx, 'moderator');
});
after(async () => ctx.close());
restorePolicyAfterEach(() => ctx);

interface Node {
  id: number;
  replies: Node[];
}
const flatten = (nodes: readonly Node[]): Node[] => nodes.flatMap((node) => [node, ...flatten(node.replies)]);

/** What a reader can read of a thread (every id on its page), and what the thread and the counts say it holds. */
async function readerView(key: string): Promise<{ shown: number[]; commentCount: number; counted: number }> {
  const page = await ctx.request.get(`/api/v1/threads/${key}/comments`);
  assert.equal(page.status, 200, page.text);
  const counts = await ctx.request.get(`/api/v1/counts?threads=${key}`);
  assert.equal(counts.status, 200, counts.text);
  return { shown: flatten(page.body.comments as Node[]).map((node) => node.id).sort((a, b) => a - b), commentCount: page.body.thread.commentCount, counted: counts.body.counts[key] };
}

const decide = (id: number, action: string) =>
  ctx.request.post(`/api/v1/moderation/comments/${id}/decision`).set('Authorization', moderator.auth).send({ action }).then((res) => {
    assert.equal(res.status, 200, res.text);
    return res;
  });

/** A conversation four deep: top → a → b → c, all approved, and a sibling of a. */
async function conversation(key: string) {
  const top = (await approvedComment(ctx, key)).comment.id;
  const a = (await approvedComment(ctx, key, { parentId: top })).comment.id;
  const b = (await approvedComment(ctx, key, { parentId: a })).comment.id;
  const c = (await approvedComment(ctx, key, { parentId: b })).comment.id;
  const sibling = (await approvedComment(ctx, key, { parentId: top })).comment.id;
  return { top, a, b, c, sibling };
}

describe('replies beneath a hidden comment', () => {
  it('go with it from pages and counts, cannot be answered, reacted to or flagged, and come back with it', async () => {
    const { top, a, b, c, sibling } = await conversation('hide-below');
    assert.deepEqual(await readerView('hide-below'), { shown: [top, a, b, c, sibling], commentCount: 5, counted: 5 });

    await decide(a, 'reject');
    assert.deepEqual(await readerView('hide-below'), { shown: [top, sibling], commentCount: 2, counted: 2 });
    const reply = await ctx.request.post('/api/v1/threads/hide-below/comments').send({ body: 'Answering what nobody can see.', authorName: 'Late', authorEmail: 'late@example.org', parentId: c });
    assert.equal(reply.status, 422, reply.text);
    assert.deepEqual(reply.body.errors.map((error: { field: string }) => error.field), ['parentId']);
    assert.equal((await ctx.request.post(`/api/v1/comments/${b}/reactions`).send({})).status, 404);
    assert.equal((await ctx.request.post(`/api/v1/comments/${b}/flags`).send({ reason: 'spam' })).status, 404);
    // Moderators see why an approved reply is not on the page, and cannot answer it as staff.
    const item = async (id: number) => (await ctx.request.get(`/api/v1/moderation/comments/${id}`).set('Authorization', moderator.auth)).body;
    assert.deepEqual([(await item(a)).hiddenByAncestor, (await item(b)).hiddenByAncestor, (await item(c)).hiddenByAncestor], [false, true, true]);
    const staff = await ctx.request.post(`/api/v1/moderation/comments/${b}/reply`).set('Authorization', moderator.auth).send({ body: 'From the editors.', authorName: 'The editors' });
    assert.equal(staff.status, 409, staff.text);

    await decide(a, 'approve');
    assert.deepEqual(await readerView('hide-below'), { shown: [top, a, b, c, sibling], commentCount: 5, counted: 5 });
    assert.equal((await item(c)).hiddenByAncestor, false);
  });

  it("a featured reply beneath a hidden comment leaves the editors' picks with it and comes back with it", async () => {
    const { a, c } = await conversation('hide-pick');
    const featured = await ctx.request.post(`/api/v1/moderation/comments/${c}/feature`).set('Authorization', moderator.auth).send({ featured: true });
    assert.equal(featured.status, 200, featured.text);
    const picks = async () => ((await ctx.request.get('/api/v1/threads/hide-pick/comments')).body.picks as Node[]).map((pick) => pick.id);
    assert.deepEqual(await picks(), [c]);
    await decide(a, 'reject');
    assert.deepEqual(await picks(), []);
    await decide(a, 'approve');
    assert.deepEqual(await picks(), [c]);
  });

  it('a reply hidden on its own stays hidden, with its replies, when the comment above it comes back', async () => {
    const { top, a, b, c, sibling } = await conversation('hide-twice');
    await decide(a, 'spam');
    await decide(b, 'pending');
    await decide(a, 'approve');
    assert.deepEqual(await readerView('hide-twice'), { shown: [top, a, sibling], commentCount: 3, counted: 3 });
    await decide(b, 'approve');
    assert.deepEqual(await readerView('hide-twice'), { shown: [top, a, b, c, sibling], commentCount: 5, counted: 5 });
  });

  it('a comment awaiting review that its author deletes leaves a placeholder that brings its replies back; a rejected one keeps them hidden', async () => {
    for (const [held, hide] of [['held-delete', (id: number) => decide(id, 'pending')], ['flagged-delete', (id: number) => setStatus(ctx, id, 'flagged')]] as const) {
      const top = (await approvedComment(ctx, held)).comment.id;
      const parent = await approvedComment(ctx, held, { parentId: top });
      const reply = (await approvedComment(ctx, held, { parentId: parent.comment.id })).comment.id;
      await hide(parent.comment.id);
      assert.deepEqual(await readerView(held), { shown: [top], commentCount: 1, counted: 1 });
      assert.equal((await ctx.request.delete(`/api/v1/comments/${parent.comment.id}`).set('X-Edit-Token', parent.editToken)).status, 204);
      // The placeholder has its place on the page and is not counted, as any deleted comment's.
      assert.deepEqual(await readerView(held), { shown: [top, parent.comment.id, reply], commentCount: 2, counted: 2 }, held);
      const page = await ctx.request.get(`/api/v1/threads/${held}/comments`);
      const placeholder = (page.body.comments[0].replies as Array<{ id: number; deleted: boolean; body: string }>)[0];
      assert.deepEqual([placeholder?.deleted, placeholder?.body], [true, ''], held);
    }
    // Held above replies that are all rejected or waiting: the placeholder is published, out of sight while nothing below
    // it shows, and each reply shows beneath it once a moderator approves it (kept pending, it hid them for good).
    const lone = await approvedComment(ctx, 'lone-delete');
    const rejected = (await approvedComment(ctx, 'lone-delete', { parentId: lone.comment.id })).comment.id;
    await decide(rejected, 'reject');
    const waiting = (await approvedComment(ctx, 'lone-delete', { parentId: lone.comment.id })).comment.id;
    await decide(waiting, 'pending');
    await decide(lone.comment.id, 'pending');
    assert.equal((await ctx.request.delete(`/api/v1/comments/${lone.comment.id}`).set('X-Edit-Token', lone.editToken)).status, 204);
    assert.equal((await ctx.db.comment.findUniqueOrThrow({ where: { id: lone.comment.id } })).status, 'approved');
    assert.deepEqual(await readerView('lone-delete'), { shown: [], commentCount: 0, counted: 0 });
    await decide(waiting, 'approve');
    assert.deepEqual(await readerView('lone-delete'), { shown: [lone.comment.id, waiting], commentCount: 1, counted: 1 });
    await decide(rejected, 'approve');
    assert.deepEqual(await readerView('lone-delete'), { shown: [lone.comment.id, rejected, waiting], commentCount: 2, counted: 2 });
    const top = (await approvedComment(ctx, 'rejected-delete')).comment.id;
    const parent = await approvedComment(ctx, 'rejected-delete', { parentId: top });
    await approvedComment(ctx, 'rejected-delete', { parentId: parent.comment.id });
    await decide(parent.comment.id, 'reject');
    assert.equal((await ctx.request.delete(`/api/v1/comments/${parent.comment.id}`).set('X-Edit-Token', parent.editToken)).status, 204);
    assert.deepEqual(await readerView('rejected-delete'), { shown: [top], commentCount: 1, counted: 1 });
  });

  it('a top-level comment hidden and shown again by a bulk decision takes and brings back its whole conversation', async () => {
    const { top, a, b, c, sibling } = await conversation('hide-bulk');
    const other = (await approvedComment(ctx, 'hide-bulk')).comment.id;
    const bulk = (action: string) => ctx.request.post('/api/v1/moderation/decisions').set('Authorization', moderator.auth).send({ ids: [c, top, other], action });
    assert.equal((await bulk('reject')).status, 200);
    assert.deepEqual(await readerView('hide-bulk'), { shown: [], commentCount: 0, counted: 0 });
    assert.equal((await ctx.request.get(`/api/v1/threads/hide-bulk/comments/${top}/replies`)).body.replies.length, 0);
    assert.equal((await bulk('approve')).status, 200);
    assert.deepEqual(await readerView('hide-bulk'), { shown: [top, a, b, c, sibling, other], commentCount: 6, counted: 6 });
  });

  it('one bulk decision over a comment and a reply below it shows and hides the replies below both', async () => {
    const { top, a, b, c, sibling } = await conversation('hide-bulk-chain');
    await decide(a, 'reject');
    await decide(b, 'reject');
    const bulk = (action: string) => ctx.request.post('/api/v1/moderation/decisions').set('Authorization', moderator.auth).send({ ids: [b, a], action });
    // a comes back first (ids in order), then b, which the bulk read while a still hid it: c must come back with b.
    assert.equal((await bulk('approve')).status, 200);
    assert.deepEqual(await readerView('hide-bulk-chain'), { shown: [top, a, b, c, sibling], commentCount: 5, counted: 5 });
    assert.equal((await bulk('reject')).status, 200);
    assert.deepEqual(await readerView('hide-bulk-chain'), { shown: [top, sibling], commentCount: 2, counted: 2 });
  });

  it('a conversation longer than a page counts and pages only the replies readers see', async () => {
    const top = (await approvedComment(ctx, 'hide-long')).comment.id;
    const hidden = (await approvedComment(ctx, 'hide-long', { parentId: top })).comment.id;
    const beneath = [];
    for (let i = 0; i < 3; i += 1) beneath.push((await approvedComment(ctx, 'hide-long', { parentId: hidden })).comment.id);
    const visible = [];
    for (let i = 0; i < 52; i += 1) visible.push((await approvedComment(ctx, 'hide-long', { parentId: top })).comment.id);
    // A reply its author took back, with nothing below it: no page shows it, so no count has it.
    const regretted = await approvedComment(ctx, 'hide-long', { parentId: top });
    assert.equal((await ctx.request.delete(`/api/v1/comments/${regretted.comment.id}`).set('X-Edit-Token', regretted.editToken)).status, 204);
    await decide(hidden, 'reject');
    const page = await ctx.request.get('/api/v1/threads/hide-long/comments');
    const root = (page.body.comments as Array<Node & { replyCount?: number; repliesCursor?: string }>)[0] as Node & { replyCount?: number; repliesCursor?: string };
    assert.equal(root.replyCount, 52);
    // The page's 50 replies are 50 readers see: no slot goes to a hidden one.
    assert.equal(flatten(root.replies).length, 50);
    const rest = await ctx.request.get(`/api/v1/threads/hide-long/comments/${top}/replies`).query({ cursor: root.repliesCursor });
    assert.deepEqual(
      [...flatten(root.replies), ...(rest.body.replies as Node[])].map((node) => node.id),
      visible,
    );
  });

  it('an import stores a reply beneath a comment it brings as pending (or beneath such a reply) hidden', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'majlis-hidden-import-'));
    const file = join(dir, 'export.xml');
    const comment = (id: number, parent: number, approved: string) => `<wp:comment><wp:comment_id>${id}</wp:comment_id>
      <wp:comment_author>Reader ${id}</wp:comment_author><wp:comment_author_email>reader${id}@example.org</wp:comment_author_email>
      <wp:comment_date_gmt>2024-03-01 10:0${id % 10}:00</wp:comment_date_gmt><wp:comment_content>Comment ${id} of the import.</wp:comment_content>
      <wp:comment_approved>${approved}</wp:comment_approved><wp:comment_parent>${parent}</wp:comment_parent></wp:comment>`;
    // The grandchild comes first: it waits for its parent, which waits for the pending top-level comment.
    await writeFile(
      file,
      `<?xml version="1.0" encoding="UTF-8" ?><rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>
      <wp:base_site_url>https://imported.example.org</wp:base_site_url><item><title>Imported</title><link>https://imported.example.org/a/</link>
      <wp:post_id>7</wp:post_id><wp:post_type>post</wp:post_type><wp:comment_status>open</wp:comment_status>
      ${comment(303, 302, '1')}${comment(302, 301, '1')}${comment(301, 0, '0')}${comment(304, 0, '1')}${comment(305, 304, '1')}
      </item></channel></rss>`,
    );
    try {
      const summary = await importFile({ db: ctx.db, secret: ctx.config.SECRET, clock: ctx.clock }, 'wordpress', file);
      assert.equal(summary.imported, 5, JSON.stringify(summary));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const rows = await ctx.db.comment.findMany({ where: { importKey: { endsWith: ':301' } }, include: { thread: true } });
    const key = (rows[0] as (typeof rows)[number]).thread.key;
    const idOf = async (source: number) => (await ctx.db.comment.findFirstOrThrow({ where: { importKey: { endsWith: `:${source}` } } })).id;
    assert.deepEqual(await readerView(key), { shown: [await idOf(304), await idOf(305)], commentCount: 2, counted: 2 });
    // Approving the imported top-level comment brings its imported replies.
    await decide(await idOf(301), 'approve');
    assert.equal((await readerView(key)).counted, 5);
  });

  it('decisions at the same moment on a reply and the comment above it leave every stored flag and count right', async () => {
    // On PostgreSQL each is a transaction of its own; each reads the replies below it after the other's commit.
    const send = (id: number, action: string) => ctx.request.post(`/api/v1/moderation/comments/${id}/decision`).set('Authorization', moderator.auth).send({ action }).then((res) => res);
    const scenarios: Array<{ before: [string | null, string | null]; now: [string, string] }> = [
      { before: ['reject', 'reject'], now: ['approve', 'approve'] },
      { before: ['reject', null], now: ['approve', 'reject'] },
      { before: [null, 'reject'], now: ['reject', 'approve'] },
      { before: [null, null], now: ['reject', 'reject'] },
    ];
    let round = 0;
    for (const { before, now } of scenarios) {
      for (let again = 0; again < 3; again += 1) {
        round += 1;
        const key = `hide-at-once-${round}`;
        const { top, a, b, c } = await conversation(key);
        if (before[0]) await decide(a, before[0]);
        if (before[1]) await decide(b, before[1]);
        const answers = await Promise.all([send(a, now[0]), send(b, now[1])]);
        assert.deepEqual(answers.map((res) => res.status), [200, 200], answers.map((res) => res.text).join('\n'));
        const rows = await ctx.db.comment.findMany({ where: { id: { in: [a, b, c] } }, orderBy: { id: 'asc' } });
        const [aStatus, bStatus] = rows.map((row) => row.status);
        // b is beneath a, c beneath b: what each flag must say.
        assert.deepEqual(rows.map((row) => row.hiddenByAncestor), [false, aStatus !== 'approved', aStatus !== 'approved' || bStatus !== 'approved'], `round ${round}`);
        const view = await readerView(key);
        assert.equal(view.counted, view.shown.length, `round ${round}`);
        assert.equal(view.commentCount, view.shown.length, `round ${round}`);
        assert.ok(view.shown.includes(top));
      }
    }
  });

  it('a reply stored while a moderator hides a comment above its parent is hidden with the rest', async () => {
    const { top, a, b } = await conversation('hide-race');
    // Published at once, so a reply the rejection missed would be counted.
    await setPolicy(ctx, { premoderation: 'none', challengeWhen: [], floodIntervalSeconds: 0 });
    // The replier has posted before; holding their author row holds the reply after it read its parent (ensureAuthor waits).
    const earlier = await approvedComment(ctx, 'hide-race-other', { authorEmail: 'racer@example.org', authorName: 'Racer' });
    const { authorKey } = await ctx.db.comment.findUniqueOrThrow({ where: { id: earlier.comment.id } });
    let release = () => {};
    const holding = inTransaction(
      ctx.db,
      async ({ tx }) => {
        await tx.author.update({ where: { emailKey: authorKey }, data: { status: 'normal' } });
        await new Promise<void>((resolve) => (release = resolve));
      },
      { timeoutMs: 10_000 },
    );
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await sleep(100);
    const reply = ctx.request
      .post('/api/v1/threads/hide-race/comments')
      .send({ body: 'A reply at the same moment as the rejection.', authorName: 'Racer', authorEmail: 'racer@example.org', parentId: b })
      .then((res) => res);
    await sleep(300);
    const rejection = ctx.request.post(`/api/v1/moderation/comments/${a}/decision`).set('Authorization', moderator.auth).send({ action: 'reject' }).then((res) => res);
    await sleep(300);
    release();
    await holding;
    const [answer, rejected] = await Promise.all([reply, rejection]);
    assert.equal(rejected.status, 200, rejected.text);
    // Stored and published (the parent was still shown when it was read), or refused (the rejection came first).
    assert.ok(answer.status === 422 || (answer.status === 201 && answer.body.status === 'approved'), answer.text);
    const view = await readerView('hide-race');
    assert.equal(view.counted, view.shown.length);
    assert.deepEqual(view.shown.filter((id) => id === top), [top]);
    assert.equal(view.commentCount, view.shown.length);
  });
});
