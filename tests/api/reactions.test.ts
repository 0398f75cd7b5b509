import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { approvedComment, postComment } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';
import { issueCommenterKey } from '../../src/authors/commenter-key.js';
import { emailKey } from '../../src/authors/email.js';

let ctx: TestContext;
before(async () => {
  // No refresh delay: a reaction drops the thread's cached pages at once, so reads show it.
  ctx = await createTestContext({ TRUST_PROXY: 'true', RATE_LIMIT_POSTS: '5', REACTION_REFRESH_SECONDS: '0' });
});
after(async () => ctx.close());
beforeEach(() => ctx.clock.advance(3600));

const reader = (n: number) => `reader-browser-id-${String(n).padStart(4, '0')}`;
const react = (id: number, ip: string, body: Record<string, unknown> = {}) => ctx.request.post(`/api/v1/comments/${id}/reactions`).set('X-Forwarded-For', ip).send(body);
const unreact = (id: number, ip: string, body: Record<string, unknown> = {}) => ctx.request.delete(`/api/v1/comments/${id}/reactions`).set('X-Forwarded-For', ip).send(body);

describe('POST /api/v1/comments/{id}/reactions', () => {
  it('counts each reader once, answers { reactions, reacted } and shows the count in the thread', async () => {
    const { comment } = await approvedComment(ctx, 'react-once');
    const first = await react(comment.id, '198.51.100.1', { readerId: reader(1) });
    assert.equal(first.status, 200);
    assert.deepEqual(first.body, { reactions: 1, reacted: true });
    // The same browser again, and by header: still one.
    assert.deepEqual((await react(comment.id, '198.51.100.1', { readerId: reader(1) })).body, { reactions: 1, reacted: true });
    const byHeader = await ctx.request.post(`/api/v1/comments/${comment.id}/reactions`).set('X-Forwarded-For', '198.51.100.1').set('X-Majlis-Reader', reader(1));
    assert.deepEqual(byHeader.body, { reactions: 1, reacted: true });
    // Another browser at the same address, and the same browser id from elsewhere, are other readers.
    assert.deepEqual((await react(comment.id, '198.51.100.1', { readerId: reader(2) })).body, { reactions: 2, reacted: true });
    assert.deepEqual((await react(comment.id, '198.51.100.2', { readerId: reader(1) })).body, { reactions: 3, reacted: true });
    assert.equal(await ctx.db.reaction.count({ where: { commentId: comment.id } }), 3);
    const thread = await ctx.request.get('/api/v1/threads/react-once/comments');
    assert.equal(thread.body.comments[0].reactions, 3);
    assert.equal(thread.body.comments[0].featured, false);
  });

  it('counts a confirmed author once wherever they read; a forged key or one handed out with a post proves nothing', async () => {
    const mine = await postComment(ctx, 'react-author', { authorEmail: 'fan@example.org' });
    const { comment } = await approvedComment(ctx, 'react-author');
    const known = { commenterKey: issueCommenterKey(ctx.config.SECRET, emailKey('fan@example.org'), { kind: 'mail' }), authorEmail: 'fan@example.org' };
    assert.deepEqual((await react(comment.id, '198.51.100.10', { ...known, readerId: reader(10) })).body, { reactions: 1, reacted: true });
    assert.deepEqual((await react(comment.id, '198.51.100.11', { ...known, readerId: reader(11) })).body, { reactions: 1, reacted: true });
    const forged = { commenterKey: 'ck2.m.forgedforgedforgedforged', authorEmail: 'fan@example.org', readerId: reader(12) };
    assert.deepEqual((await react(comment.id, '198.51.100.12', forged)).body, { reactions: 2, reacted: true });
    const handedOut = { commenterKey: mine.commenterKey, authorEmail: 'fan@example.org', readerId: reader(13) };
    assert.deepEqual((await react(comment.id, '198.51.100.13', handedOut)).body, { reactions: 3, reacted: true });
  });

  it("counts a reader once in the thread's readers when they react to several comments at once", async () => {
    for (const round of [1, 2, 3, 4]) {
      const comments = [];
      for (let n = 0; n < 5; n += 1) comments.push((await approvedComment(ctx, `react-at-once-${round}`)).comment);
      const answers = await Promise.all(comments.map(({ id }) => react(id, `198.51.100.${30 + round}`, { readerId: reader(30 + round) })));
      assert.deepEqual(answers.map((answer) => answer.status), comments.map(() => 200));
      assert.equal((await ctx.db.thread.findUniqueOrThrow({ where: { key: `react-at-once-${round}` } })).reactorCount, 1, `round ${round}`);
    }
  });

  it('DELETE takes the reaction back; a second DELETE changes nothing', async () => {
    const { comment } = await approvedComment(ctx, 'react-toggle');
    await react(comment.id, '198.51.100.20', { readerId: reader(20) });
    await react(comment.id, '198.51.100.21', { readerId: reader(21) });
    const undone = await unreact(comment.id, '198.51.100.20', { readerId: reader(20) });
    assert.equal(undone.status, 200);
    assert.deepEqual(undone.body, { reactions: 1, reacted: false });
    assert.deepEqual((await unreact(comment.id, '198.51.100.20', { readerId: reader(20) })).body, { reactions: 1, reacted: false });
    assert.deepEqual((await react(comment.id, '198.51.100.20', { readerId: reader(20) })).body, { reactions: 2, reacted: true });
    const row = await ctx.db.comment.findUniqueOrThrow({ where: { id: comment.id } });
    assert.equal(row.reactionCount, 2);
  });

  it('a form post from the no-JS page toggles, sets a browser-id cookie and returns 303 to the thread page', async () => {
    const { comment } = await approvedComment(ctx, 'react-form');
    const first = await ctx.request.post(`/api/v1/comments/${comment.id}/reactions`).set('X-Forwarded-For', '198.51.100.30').type('form').send({ toggle: '1', sort: 'best' });
    assert.equal(first.status, 303);
    assert.equal(first.headers.location, `/threads/react-form?sort=best#comment-${comment.id}`);
    const cookie = String(first.headers['set-cookie']?.[0] ?? '').split(';')[0] ?? '';
    assert.match(cookie, /^majlis_reader=[A-Za-z0-9_-]{16,64}$/);
    assert.equal((await ctx.db.comment.findUniqueOrThrow({ where: { id: comment.id } })).reactionCount, 1);
    const second = await ctx.request.post(`/api/v1/comments/${comment.id}/reactions`).set('X-Forwarded-For', '198.51.100.30').set('Cookie', cookie).type('form').send({ toggle: '1' });
    assert.equal(second.status, 303);
    assert.equal((await ctx.db.comment.findUniqueOrThrow({ where: { id: comment.id } })).reactionCount, 0);

    // From page 2 of the Arabic page: back to that page, in Arabic; what a page would not name is dropped.
    const page = await ctx.request.get('/threads/react-form?lang=ar');
    assert.match(page.text, /<input type="hidden" name="lang" value="ar">/, 'the button carries the page language');
    const cursor = Buffer.from('c1:5').toString('base64url');
    const third = await ctx.request.post(`/api/v1/comments/${comment.id}/reactions`).set('X-Forwarded-For', '198.51.100.30').set('Cookie', cookie).type('form').send({ toggle: '1', lang: 'ar', cursor });
    assert.equal(third.headers.location, `/threads/react-form?lang=ar&cursor=${cursor}#comment-${comment.id}`);
    const odd = await ctx.request.post(`/api/v1/comments/${comment.id}/reactions`).set('X-Forwarded-For', '198.51.100.30').set('Cookie', cookie).type('form').send({ toggle: '1', lang: 'fr', cursor: 'a/../b', sort: 'x' });
    assert.equal(odd.headers.location, `/threads/react-form#comment-${comment.id}`);
  });

  it('limits reactions per address with 429 and Retry-After, changing nothing', async () => {
    const { comment } = await approvedComment(ctx, 'react-limit');
    const statuses: number[] = [];
    for (let n = 0; n < 6; n += 1) statuses.push((await react(comment.id, '198.51.100.40', { readerId: reader(40 + n), lang: 'ar' })).status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429]);
    const refused = await react(comment.id, '198.51.100.40', { readerId: reader(99), lang: 'ar' });
    assert.equal(refused.body.code, 'rate_limited');
    assert.ok(Number(refused.headers['retry-after']) >= 1);
    assert.match(refused.body.detail, /طلبات كثيرة/);
    assert.equal((await ctx.db.comment.findUniqueOrThrow({ where: { id: comment.id } })).reactionCount, 5);
  });

  it('answers 404 for a comment readers cannot see and 422 for a bad browser id', async () => {
    const { comment } = await postComment(ctx, 'react-hidden');
    assert.equal((await react(comment.id, '198.51.100.50')).status, 404);
    assert.equal((await react(999999, '198.51.100.50')).status, 404);
    const { comment: shown } = await approvedComment(ctx, 'react-hidden');
    const bad = await react(shown.id, '198.51.100.51', { readerId: 'x<y' });
    assert.equal(bad.status, 422);
    assert.equal(bad.body.errors[0].field, 'readerId');
    assert.equal(await ctx.db.reaction.count({ where: { commentId: { in: [comment.id, shown.id] } } }), 0);
  });
});

describe('GET /api/v1/threads/{threadKey}/comments?sort=best', () => {
  it('ranks by the Wilson lower bound of reactions over readers active since, not by raw count, with stable pages', async () => {
    const key = 'react-best';
    // An old comment many readers saw and few liked; a newer one fewer saw and most liked; one nobody liked.
    const old = await approvedComment(ctx, key);
    for (let n = 0; n < 20; n += 1) await react(old.comment.id, `203.0.113.${n}`, { readerId: reader(100 + n) });
    // 20 active readers exist now; the old comment has 20 of 20. Take most back so it has 4 of 20.
    for (let n = 4; n < 20; n += 1) await unreact(old.comment.id, `203.0.113.${n}`, { readerId: reader(100 + n) });
    const loved = await approvedComment(ctx, key);
    const quiet = await approvedComment(ctx, key);
    for (let n = 0; n < 5; n += 1) await react(loved.comment.id, `203.0.113.${50 + n}`, { readerId: reader(200 + n) });
    // Ranked: loved (5 of 5) over old (4 of 25) over quiet (0): raw counts would tie-break old and loved differently.
    const all = await ctx.request.get(`/api/v1/threads/${key}/comments?sort=best`);
    assert.equal(all.status, 200);
    assert.deepEqual(all.body.comments.map((c: { id: number }) => c.id), [loved.comment.id, old.comment.id, quiet.comment.id]);
    const first = await ctx.request.get(`/api/v1/threads/${key}/comments?sort=best&limit=1`);
    const second = await ctx.request.get(`/api/v1/threads/${key}/comments?sort=best&limit=1&cursor=${first.body.nextCursor as string}`);
    const third = await ctx.request.get(`/api/v1/threads/${key}/comments?sort=best&limit=1&cursor=${second.body.nextCursor as string}`);
    assert.deepEqual([first, second, third].map((r) => r.body.comments[0].id), [loved.comment.id, old.comment.id, quiet.comment.id]);
    assert.equal(third.body.nextCursor, null);
    // A cursor of another order, or garbage, is a 400.
    const oldest = await ctx.request.get(`/api/v1/threads/${key}/comments?sort=oldest&limit=1`);
    assert.equal((await ctx.request.get(`/api/v1/threads/${key}/comments?sort=best&cursor=${oldest.body.nextCursor as string}`)).status, 400);
  });
});

describe('GET /threads/{threadKey} (no JavaScript)', () => {
  it('offers a reaction form button with the count, the three orders, and the picks first', async () => {
    const { comment } = await approvedComment(ctx, 'react-page', { body: 'A pick-worthy comment.', authorName: 'Huda' });
    await react(comment.id, '198.51.100.60', { readerId: reader(60) });
    await ctx.db.comment.update({ where: { id: comment.id }, data: { featuredAt: ctx.clock.now() } });
    await ctx.threadCache.invalidate('react-page');
    const page = await ctx.request.get('/threads/react-page?sort=best&lang=en');
    assert.equal(page.status, 200);
    assert.match(page.text, new RegExp(`<form class="rx" method="post" action="[^"]*/api/v1/comments/${comment.id}/reactions"><input type="hidden" name="toggle" value="1"><input type="hidden" name="sort" value="best"><input type="hidden" name="lang" value="en"><button type="submit" aria-label="Respect: 1, the comment by Huda">Respect: 1</button></form>`), 'the button names the comment it is for, as Reply and Report do');
    assert.match(page.text, /<a href="[^"]*sort=best[^"]*" aria-current="true">Best<\/a>/);
    assert.ok(page.text.indexOf('id="majlis-picks"') < page.text.indexOf(`id="comment-${comment.id}"`), 'the picks come first');
    assert.match(page.text, /<span class="pk">Editors&#39; pick<\/span>|<span class="pk">Editors' pick<\/span>/);
  });
});
