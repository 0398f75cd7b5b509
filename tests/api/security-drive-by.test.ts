import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { approvedComment, commentInput, signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext({ ALLOWED_ORIGINS: 'https://news.example', PUBLIC_URL: 'https://comments.news.example' });
});
after(async () => ctx.close());
beforeEach(() => ctx.clock.advance(3600));

const HOSTILE = 'https://hostile.example';
const commentsOn = (key: string) => ctx.db.comment.count({ where: { thread: { key } } });

describe('no drive-by actions: cross-site requests are not reader actions', () => {
  it('refuses a comment a hostile page posts from a visitor’s browser, JSON or form, and stores nothing', async () => {
    const json = await ctx.request.post('/api/v1/threads/drive-by/comments').set('Origin', HOSTILE).send(commentInput());
    assert.equal(json.status, 403);
    assert.equal(json.body.code, 'forbidden');
    assert.equal(json.body.detail, 'This request came from a site that may not act here, so nothing was done.');
    const form = await ctx.request.post('/api/v1/threads/drive-by/comments').set('Origin', 'null').set('Sec-Fetch-Site', 'cross-site').type('form').send(commentInput());
    assert.equal(form.status, 403);
    const noOrigin = await ctx.request.post('/api/v1/threads/drive-by/comments').set('Sec-Fetch-Site', 'cross-site').send(commentInput());
    assert.equal(noOrigin.status, 403);
    assert.equal(await commentsOn('drive-by'), 0);
  });

  it('accepts the article’s site, this service’s own pages, and clients that are not browsers (SPEC section 3 unchanged)', async () => {
    const fromArticle = await ctx.request.post('/api/v1/threads/drive-by-ok/comments').set('Origin', 'https://news.example').set('Sec-Fetch-Site', 'same-site').send(commentInput());
    assert.equal(fromArticle.status, 201);
    ctx.clock.advance(60);
    const ownPage = await ctx.request.post('/api/v1/threads/drive-by-ok/comments').set('Origin', 'https://comments.news.example').type('form').send(commentInput({ threadUrl: 'https://news.example/a' }));
    assert.equal(ownPage.status, 303);
    ctx.clock.advance(60);
    const sameOrigin = await ctx.request.post('/api/v1/threads/drive-by-ok/comments').set('Sec-Fetch-Site', 'same-origin').send(commentInput());
    assert.equal(sameOrigin.status, 201);
    ctx.clock.advance(60);
    const server = await ctx.request.post('/api/v1/threads/drive-by-ok/comments').send(commentInput());
    assert.equal(server.status, 201);
    assert.equal(await commentsOn('drive-by-ok'), 4);
  });

  it('refuses cross-site flags, so a hostile page three visitors open cannot pull a comment', async () => {
    const { comment } = await approvedComment(ctx, 'drive-by-flags');
    for (let visitor = 0; visitor < 3; visitor += 1) {
      const res = await ctx.request.post(`/api/v1/comments/${comment.id}/flags`).set('Origin', HOSTILE).set('Sec-Fetch-Site', 'cross-site').send({ reason: 'abuse' });
      assert.equal(res.status, 403);
      ctx.clock.advance(600);
    }
    const row = await ctx.db.comment.findUniqueOrThrow({ where: { id: comment.id } });
    assert.deepEqual([row.status, row.flagCount], ['approved', 0]);
  });

  it('refuses cross-site sign-in attempts before they count, so a hostile page cannot lock anyone out', async () => {
    const admin = await signIn(ctx, 'admin');
    for (let i = 0; i < 10; i += 1) {
      const res = await ctx.request.post('/api/v1/auth/login').set('Origin', HOSTILE).send({ email: admin.email, password: `drive-by ${i}` });
      assert.equal(res.status, 403);
    }
    assert.equal((await ctx.request.post('/api/v1/auth/login').send({ email: admin.email, password: admin.password })).status, 200);
  });
});
