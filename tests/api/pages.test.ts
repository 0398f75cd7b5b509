import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { createServer } from 'node:http';
import { once } from 'node:events';
import { after, before, beforeEach, describe, it } from 'node:test';
import supertest from 'supertest';
import { buildWidgetBundle, WIDGET_GZIP_BUDGET_BYTES } from '../../src/widget/bundle.js';
import { approvedComment, describeThread, postComment, setPolicy, setStatus } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());
beforeEach(() => ctx.clock.advance(3600));

const PAYLOAD = '<script>alert(1)</script><img src=x onerror=alert(1)>';
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;';

describe('GET /embed.js', () => {
  it('serves the widget as JavaScript under 15 KB gzipped, with an ETag and a long cache', async () => {
    const res = await ctx.request.get('/embed.js');
    assert.equal(res.status, 200);
    assert.match(res.get('content-type') ?? '', /^application\/javascript; charset=utf-8/);
    assert.match(res.get('cache-control') ?? '', /max-age=86400/);
    assert.equal(res.get('cross-origin-resource-policy'), 'cross-origin');
    const gzipped = gzipSync(res.text).length;
    assert.ok(gzipped <= WIDGET_GZIP_BUDGET_BYTES, `embed.js is ${gzipped} bytes gzipped`);
    assert.ok(res.text.includes('Please enter your comment!') && res.text.includes('من فضلك اكتب تعليقك!'), 'shares the API messages');
    assert.ok(!res.text.includes('Too many requests'), 'bundles only the messages the widget shows');
    const etag = res.get('etag') ?? '';
    assert.ok(etag);
    const again = await ctx.request.get('/embed.js').set('If-None-Match', etag);
    assert.equal(again.status, 304);
  });

  it('is compressed once, with brotli and gzip forms that decode to the script and stay under budget', async () => {
    const bundle = await buildWidgetBundle();
    const code = bundle.identity.body;
    assert.ok(bundle.gzip && bundle.br);
    assert.equal(bundle.gzip.body.length, gzipSync(code, { level: 9 }).length);
    assert.ok(gunzipSync(bundle.gzip.body).equals(code));
    assert.ok(brotliDecompressSync(bundle.br.body).equals(code));
    assert.ok(bundle.br.body.length < bundle.gzip.body.length && bundle.gzip.body.length <= WIDGET_GZIP_BUDGET_BYTES);
  });
});

describe('GET /embed-extras.js', () => {
  it('serves what embed.js loads on demand (live updates, the proof-of-work solver) like embed.js, with their messages only there', async () => {
    const res = await ctx.request.get('/embed-extras.js');
    assert.equal(res.status, 200);
    assert.match(res.get('content-type') ?? '', /^application\/javascript; charset=utf-8/);
    assert.match(res.get('cache-control') ?? '', /max-age=86400/);
    assert.equal(res.get('cross-origin-resource-policy'), 'cross-origin');
    assert.ok(res.text.includes('__majlisExtras') && res.text.includes('Checking that you are not a bot'));
    assert.ok(!res.text.includes('Please enter your comment!'), 'bundles only the messages the extras show');
    const main = await ctx.request.get('/embed.js');
    assert.ok(!main.text.includes('Checking that you are not a bot') && !main.text.includes('crypto.subtle'), 'the solver is not in embed.js');
    const again = await ctx.request.get('/embed-extras.js').set('If-None-Match', res.get('etag') ?? '');
    assert.equal(again.status, 304);
  });
});

describe('GET /threads/{threadKey} (no JavaScript)', () => {
  it("offers no guest form, and no Reply links, where guests may not post: it says to sign in on the site", async () => {
    await approvedComment(ctx, 'members-only', { body: 'Only members may answer' });
    await setPolicy(ctx, { guestsMayPost: false });
    try {
      for (const [lang, message] of [['en', 'Please sign in to comment on this site.'], ['ar', 'من فضلك سجّل الدخول لتعلّق على هذا الموقع.']] as const) {
        for (const path of [`/threads/members-only?lang=${lang}`, `/threads/members-only/fragment?lang=${lang}`, lang === 'ar' ? '/demo' : '/demo/en']) {
          const page = await ctx.request.get(path);
          assert.equal(page.status, 200);
          assert.ok(page.text.includes(message), path);
          assert.ok(!page.text.includes('id="respond"') && !page.text.includes('replyto='), `${path}: no form, no Reply`);
        }
      }
    } finally {
      await setPolicy(ctx, { guestsMayPost: true });
    }
    const open = await ctx.request.get('/threads/members-only');
    assert.ok(open.text.includes('id="respond"') && open.text.includes('replyto='), 'the form is back with the policy');
  });

  it('lists approved comments only, threaded, and escapes what readers wrote', async () => {
    const top = await approvedComment(ctx, 'nojs', { body: PAYLOAD, authorName: '<b>Mallory</b>' });
    await describeThread(ctx, 'nojs', { title: 'Budget <i>2027</i>' });
    await approvedComment(ctx, 'nojs', { parentId: top.comment.id, body: 'An approved reply' });
    await postComment(ctx, 'nojs', { body: 'Still waiting for a moderator' });
    const rejected = await postComment(ctx, 'nojs', { body: 'Rejected words' });
    await setStatus(ctx, rejected.comment.id, 'rejected');

    const res = await ctx.request.get('/threads/nojs');
    assert.equal(res.status, 200);
    assert.match(res.get('content-type') ?? '', /text\/html/);
    assert.ok(res.text.includes(ESCAPED));
    assert.ok(!res.text.includes('<script>'), 'no script element at all');
    assert.ok(!/<img src=x/i.test(res.text));
    assert.ok(res.text.includes('&lt;b&gt;Mallory&lt;/b&gt;'));
    assert.ok(res.text.includes('Budget &lt;i&gt;2027&lt;/i&gt;'));
    assert.match(res.text, /<ol><li id="comment-\d+">[\s\S]*<ol><li id="comment-\d+">[\s\S]*An approved reply/);
    assert.ok(!res.text.includes('Still waiting for a moderator'));
    assert.ok(!res.text.includes('Rejected words'));
    assert.ok(!res.text.includes('@example.org'), 'never an email');
    assert.match(res.text, /<h2 id="majlis-title">2 comments<\/h2>/);
    assert.match(res.text, /<form id="respond" method="post" action="http:\/\/127\.0\.0\.1:\d+\/api\/v1\/threads\/nojs\/comments"/);
    // Mail about replies may be asked for here too, as in the widget (the form post's notify=on).
    assert.match(res.text, /<label class="ck"><input type="checkbox" name="notify" value="on"> <span>Email me when my comment is published and when someone replies to it\.<\/span><\/label>/);
    assert.match(res.text, new RegExp(`href="[^"]*/threads/nojs\\?lang=en&amp;replyto=${top.comment.id}#respond"`));
    const csp = res.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /form-action 'self'/);
    assert.ok(!csp.includes('script-src'), 'the no-JS page runs no script');
  });

  it('speaks Arabic right-to-left with ?lang=ar and answers the comment named by ?replyto', async () => {
    const top = await approvedComment(ctx, 'nojs-ar', { authorName: 'ليلى' });
    const res = await ctx.request.get(`/threads/nojs-ar?lang=ar&replyto=${top.comment.id}`);
    assert.equal(res.status, 200);
    assert.match(res.text, /<html lang="ar" dir="rtl">/);
    assert.ok(res.text.includes('أضف ردًا على <bdi>ليلى</bdi>'));
    assert.ok(res.text.includes(`<input type="hidden" name="parentId" value="${top.comment.id}">`));
    assert.ok(res.text.includes('<label for="majlis-authorName">الاسم'));
  });

  it('posts through the form and comes back to the page with the awaiting-moderation notice', async () => {
    // One server for the page and the post, as in production: the page's own origin is where the form returns.
    const server = createServer(ctx.app).listen(0, '127.0.0.1');
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));
    await once(server, 'listening');
    const request = supertest.agent(server);
    const page = await request.get('/threads/nojs-post?lang=ar');
    const threadUrl = /name="threadUrl" value="([^"]+)"/.exec(page.text)?.[1]?.replace(/&amp;/g, '&') ?? '';
    assert.match(threadUrl, /\/threads\/nojs-post\?lang=ar$/);
    const post = await request
      .post('/api/v1/threads/nojs-post/comments')
      .type('form')
      .send({ body: 'تعليق من دون جافاسكربت', authorName: 'سارة', authorEmail: 'sara@example.org', threadUrl, lang: 'ar' });
    assert.equal(post.status, 303);
    const location = new URL(post.get('location') ?? '');
    assert.equal(location.searchParams.get('lang'), 'ar');
    assert.equal(location.searchParams.get('majlis-status'), 'pending');
    const back = await request.get(location.pathname + location.search);
    assert.ok(back.text.includes('<div class="notice wt" role="status"><p>تعليقك بانتظار المراجعة.</p></div>'));
    assert.ok(!back.text.includes('تعليق من دون جافاسكربت'), 'a pending comment is not public');
  });

  it('serves the same thread as a fragment a CMS can include', async () => {
    await approvedComment(ctx, 'frag', { body: PAYLOAD });
    const res = await ctx.request.get('/threads/frag/fragment?lang=en');
    assert.equal(res.status, 200);
    assert.match(res.text, /^<section class="majlis" data-majlis-thread="frag" data-majlis-lang="en" lang="en" dir="ltr"/);
    assert.ok(!res.text.includes('<html'));
    assert.ok(res.text.includes(ESCAPED));
    assert.match(res.text, /<img class="av" src="http:\/\/127\.0\.0\.1:\d+\/avatars\/[A-Za-z0-9_-]{16}\.svg"/, 'absolute URLs work inside another site');
  });

  it('answers 400 for a malformed thread key', async () => {
    const res = await ctx.request.get('/threads/%20bad');
    assert.equal(res.status, 400);
  });
});

describe('GET /demo and /demo/en', () => {
  it('shows an Arabic article with the widget, the escaped thread, and a strict CSP', async () => {
    await approvedComment(ctx, 'demo-library-ar', { body: PAYLOAD });
    const res = await ctx.request.get('/demo');
    assert.equal(res.status, 200);
    assert.match(res.text, /<html lang="ar" dir="rtl">/);
    assert.ok(res.text.includes('<script src="/embed.js" async></script>'));
    assert.equal((res.text.match(/<script/g) ?? []).length, 1, 'no inline script');
    assert.ok(res.text.includes(ESCAPED));
    assert.ok(res.text.includes('href="/demo/en"'));
    assert.ok(res.text.includes('data-majlis-count="demo-library-en"'));
    const csp = res.get('content-security-policy') ?? '';
    for (const directive of ["default-src 'none'", "script-src 'self'", "connect-src 'self'", "style-src 'self'", "img-src 'self' data:", "frame-ancestors 'none'"]) {
      assert.ok(csp.includes(directive), `CSP has ${directive}: ${csp}`);
    }
    assert.ok(!csp.includes('unsafe'), 'nothing unsafe is allowed');
  });

  it('shows the English article linking back to the Arabic one', async () => {
    const res = await ctx.request.get('/demo/en');
    assert.equal(res.status, 200);
    assert.match(res.text, /<html lang="en" dir="ltr">/);
    assert.ok(res.text.includes('href="/demo"'));
    assert.ok(res.text.includes('data-majlis-thread="demo-library-en"'));
  });

  it('serves the page stylesheet from its own origin', async () => {
    const res = await ctx.request.get('/assets/majlis-page.css');
    assert.equal(res.status, 200);
    assert.match(res.get('content-type') ?? '', /text\/css/);
    // One exception: a comment's text has dir=auto, so its indent follows the thread's direction by hand, both ways.
    const bodyIndent = /\.majlis \.bd\{[^}]*padding-left:calc\(36px \+ \.6rem\)[^}]*\}\n\.majlis\[dir=rtl\] \.bd\{padding:0 calc\(36px \+ \.6rem\) 0 0\}/;
    assert.match(res.text, bodyIndent);
    assert.ok(!/margin-left|margin-right|padding-left|padding-right|text-align:\s*(left|right)/.test(res.text.replace(bodyIndent, '')), 'logical properties only');
  });
});
