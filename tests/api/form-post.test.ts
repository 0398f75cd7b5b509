import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext({ ALLOWED_ORIGINS: 'https://news.example' });
});
after(async () => ctx.close());
beforeEach(() => ctx.clock.advance(3600));

const url = '/api/v1/threads/form-thread/comments';

describe('form-encoded posts (the no-JavaScript form)', () => {
  it('stores the comment and redirects 303 to threadUrl with the outcome in the query and the fragment', async () => {
    const res = await ctx.request
      .post(url)
      .type('form')
      .send({ body: 'From a browser without JavaScript', authorName: 'سارة', authorEmail: 'sara@example.org', authorUrl: '', threadUrl: 'https://news.example/2026/11/budget' });
    assert.equal(res.status, 303);
    const location = new URL(res.get('location') ?? '');
    assert.equal(location.origin + location.pathname, 'https://news.example/2026/11/budget');
    assert.match(location.search, /^\?majlis-status=pending&majlis-comment=\d+$/);
    assert.match(location.hash, /^#majlis-status=pending&majlis-comment=\d+$/);
    assert.equal(location.searchParams.get('majlis-comment'), location.hash.split('majlis-comment=')[1]);
    assert.equal(await ctx.db.comment.count({ where: { body: 'From a browser without JavaScript', authorUrl: null } }), 1);
  });

  it('falls back to the Referer, and never redirects to an origin it does not know', async () => {
    const viaReferer = await ctx.request
      .post(url)
      .type('form')
      .set('Referer', 'https://news.example/other-article')
      .send({ body: 'Referer fallback', authorName: 'A', authorEmail: 'a@example.org' });
    assert.equal(viaReferer.status, 303);
    assert.match(viaReferer.get('location') ?? '', /^https:\/\/news\.example\/other-article\?majlis-status=pending&majlis-comment=\d+#majlis-status=pending&majlis-comment=\d+$/);

    ctx.clock.advance(60);
    const evil = await ctx.request
      .post(url)
      .type('form')
      .set('Referer', 'https://evil.example/phish')
      .send({ body: 'No open redirect', authorName: 'B', authorEmail: 'b@example.org', threadUrl: 'https://evil.example/x' });
    assert.equal(evil.status, 201);
    assert.equal(evil.get('location'), undefined);
    assert.match(evil.get('content-type') ?? '', /text\/html/);
    assert.match(evil.text, /Your comment is awaiting moderation\./);
  });

  it("stores the reader's comment whatever the page put in its hidden threadUrl and threadTitle: a bad one is ignored", async () => {
    for (const [n, planted] of ['//evil.example/x', 'https://news.example/a\r\nSet-Cookie: x=1', 'not a url', `https://news.example/${'x'.repeat(2100)}`].entries()) {
      ctx.clock.advance(60);
      const body = `Kept although the page was broken, number ${n}`;
      const res = await ctx.request
        .post(url)
        .type('form')
        .set('Referer', 'https://news.example/article')
        .send({ body, authorName: 'Reader', authorEmail: 'reader@example.org', threadUrl: planted, threadTitle: `Title\u0007 ${'y'.repeat(400)}` });
      assert.equal(res.status, 303, `threadUrl ${JSON.stringify(planted.slice(0, 40))}: ${(/<ul>.*?<\/ul>/s.exec(res.text) ?? [res.text])[0]}`);
      assert.match(res.get('location') ?? '', /^https:\/\/news\.example\/article\?/, 'back to the Referer');
      assert.equal(await ctx.db.comment.count({ where: { body } }), 1);
    }
    assert.equal(await ctx.db.thread.count({ where: { key: 'form-thread', url: { contains: 'evil' } } }), 0);
    // The title is the page's own: its control character is dropped and the rest cut to 300 characters.
    const { title } = await ctx.db.thread.findUniqueOrThrow({ where: { key: 'form-thread' } });
    assert.equal(title, `Title ${'y'.repeat(294)}`);
  });

  it('shows a localised HTML page listing the problems and keeping what the reader typed', async () => {
    const typed = 'My long, careful comment <script>alert(1)</script> that must not be lost';
    const res = await ctx.request
      .post(url)
      .type('form')
      .send({ body: typed, authorName: '', authorEmail: 'broken@', lang: 'ar', threadUrl: 'https://news.example/a' });
    assert.equal(res.status, 422);
    assert.match(res.get('content-type') ?? '', /text\/html/);
    assert.match(res.text, /<html lang="ar" dir="rtl">/);
    assert.ok(res.text.includes('من فضلك أدخل اسمك هنا'));
    assert.ok(res.text.includes('لقد أدخلت عنوان بريد إلكتروني غير صحيح!'));
    assert.ok(res.text.includes('My long, careful comment &lt;script&gt;alert(1)&lt;/script&gt; that must not be lost'));
    assert.ok(!res.text.includes('<script>alert(1)</script>'), 'what the reader typed is escaped');
    assert.ok(res.text.includes('value="broken@"'));
    assert.match(res.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.ok(res.text.includes('<a href="https://news.example/a">العودة إلى المقال</a>'), 'the way back to the article');
    assert.equal(await ctx.db.comment.count({ where: { body: { contains: 'careful comment' } } }), 0);
  });

  it('links back only where a post would return to: never to a site a form or a Referer names', async () => {
    const planted = { body: '', authorName: 'F', authorEmail: 'f@example.org', threadUrl: 'https://evil.example/' };
    const viaForm = await ctx.request.post(url).type('form').send(planted);
    const viaReferer = await ctx.request.post(url).type('form').set('Referer', 'https://evil.example/page').send({ ...planted, threadUrl: '' });
    await ctx.db.thread.upsert({ where: { key: 'form-closed' }, create: { key: 'form-closed', closed: true, createdAt: ctx.clock.now() }, update: { closed: true } });
    const closed = await ctx.request.post('/api/v1/threads/form-closed/comments').type('form').send({ ...planted, body: 'Kept' });
    const button = await ctx.request.post('/api/v1/comments/999999/flags').type('form').set('Referer', 'https://evil.example/page').send({ reason: 'abuse' });
    for (const [name, res, status] of [['form', viaForm, 422], ['referer', viaReferer, 422], ['closed', closed, 403], ['button', button, 404]] as const) {
      assert.equal(res.status, status, name);
      // The form keeps the threadUrl it was sent, as a hidden field the post route checks again; it is no link.
      assert.doesNotMatch(res.text, /href="[^"]*evil\.example/, name);
    }
  });

  it('keeps the form ticket, the notify choice and a field sent twice on that page, so sending it again loses nothing', async () => {
    const res = await ctx.request
      .post(url)
      .type('form')
      .send('body=First+version&body=second&authorName=&authorEmail=sara%40example.org&notify=on&formTicket=ticket-of-the-page&homepage=');
    assert.equal(res.status, 422);
    assert.ok(res.text.includes('<input type="hidden" name="formTicket" value="ticket-of-the-page">'), 'the ticket the page was rendered with');
    assert.match(res.text, /<input type="checkbox" name="notify" value="on" checked>/);
    assert.match(res.text, /<textarea[^>]*>First version<\/textarea>/);
    assert.ok(!res.text.includes('name="homepage"'), 'the trap is not carried');
    const withoutNotify = await ctx.request.post(url).type('form').send({ body: 'x', authorName: '', authorEmail: 'sara@example.org' });
    assert.doesNotMatch(withoutNotify.text, /name="notify"/, 'no choice is made for the reader');
  });

  it('answers a closed thread with an HTML page that keeps the text', async () => {
    await ctx.db.thread.upsert({ where: { key: 'form-closed' }, create: { key: 'form-closed', closed: true, createdAt: ctx.clock.now() }, update: { closed: true } });
    const res = await ctx.request
      .post('/api/v1/threads/form-closed/comments')
      .type('form')
      .send({ body: 'Words worth keeping', authorName: 'C', authorEmail: 'c@example.org' });
    assert.equal(res.status, 403);
    assert.ok(res.text.includes('Comments are closed.'));
    assert.ok(res.text.includes('Words worth keeping'));
    assert.doesNotMatch(res.text, /<form|Please correct/, 'no form to send again: it could never succeed');
  });

  it('shows the comment form only for the comment route; the flag and reaction buttons get a small page; other form posts get problem documents', async () => {
    const login = await ctx.request.post('/api/v1/auth/login').type('form').send({ email: 'nobody@example.org', password: 'wrong' });
    assert.equal(login.status, 401);
    assert.match(login.get('content-type') ?? '', /^application\/problem\+json/);
    // A comment removed while the no-JS page was open: the reader's browser shows a page, not JSON.
    for (const button of ['flags', 'reactions']) {
      const res = await ctx.request.post(`/api/v1/comments/999999/${button}`).type('form').set('Accept-Language', 'ar').set('Referer', 'https://news.example/a').send({ reason: 'abuse' });
      assert.equal(res.status, 404, button);
      assert.match(res.get('content-type') ?? '', /^text\/html/);
      assert.match(res.text, /<html lang="ar" dir="rtl">/);
      assert.ok(res.text.includes('<a href="https://news.example/a">العودة إلى المقال</a>'), button);
      assert.match(res.get('content-security-policy') ?? '', /default-src 'none'/);
    }
    const scripted = await ctx.request.post('/api/v1/comments/999999/flags').type('form').set('Referer', 'javascript:alert(1)').send({ reason: 'abuse' });
    assert.ok(!scripted.text.includes('javascript:'), 'no way back that is not a web address');
  });
});
