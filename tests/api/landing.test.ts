import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createModerator } from '../../src/moderators/auth.service.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());

const LINKS = ['/demo', '/demo/en', '/admin', '/api/docs', '/api/v1/openapi.json'];

describe('GET /', () => {
  it('links every part of the product, in English by default, under a CSP that allows no script', async () => {
    const res = await ctx.request.get('/');
    assert.equal(res.status, 200);
    assert.match(res.get('content-type') ?? '', /^text\/html; charset=utf-8/);
    assert.match(res.text, /<html lang="en" dir="ltr">/);
    for (const href of LINKS) assert.ok(res.text.includes(`href="${href}"`), `links ${href}`);
    assert.ok(res.text.includes('href="/?lang=ar"'), 'offers Arabic');
    const csp = res.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.ok(!csp.includes('script-src') && !/<script/i.test(res.text), 'no script at all');
    assert.match(res.get('vary') ?? '', /Accept-Language/);
    assert.equal(res.get('cache-control'), 'no-cache');
  });

  it('answers /favicon.ico, which every browser asks for, with an image instead of a 404', async () => {
    const res = await ctx.request.get('/favicon.ico');
    assert.equal(res.status, 200);
    assert.match(res.get('content-type') ?? '', /^image\/svg\+xml/);
    assert.match(res.get('cache-control') ?? '', /max-age=86400/);
    assert.match(String(res.body), /^<svg /);
  });

  it('shows the embedding snippet with this installation’s origin', async () => {
    const res = await ctx.request.get('/').set('Host', 'comments.example.org');
    assert.ok(res.text.includes('&lt;div data-majlis-thread=&quot;post-123&quot; data-majlis-lang=&quot;en&quot;&gt;&lt;/div&gt;'));
    assert.ok(res.text.includes('&lt;script src=&quot;http://comments.example.org/embed.js&quot; async&gt;&lt;/script&gt;'));
    const withPublicUrl = await createTestContext({ PUBLIC_URL: 'https://comments.news.example/' });
    try {
      const page = await withPublicUrl.request.get('/').set('Host', 'internal:8080');
      assert.ok(page.text.includes('https://comments.news.example/embed.js'));
      assert.ok(!page.text.includes('internal:8080'));
    } finally {
      await withPublicUrl.close();
    }
  });

  it('answers in Arabic, right to left, by Accept-Language or ?lang=', async () => {
    for (const req of [ctx.request.get('/').set('Accept-Language', 'ar-EG,ar;q=0.9,en;q=0.5'), ctx.request.get('/?lang=ar').set('Accept-Language', 'en')]) {
      const res = await req;
      assert.match(res.text, /<html lang="ar" dir="rtl">/);
      assert.ok(res.text.includes('مجلس يعمل'));
      assert.ok(res.text.includes('data-majlis-lang=&quot;ar&quot;'));
      assert.match(res.text, /<pre dir="ltr">/, 'code stays left to right');
      for (const href of LINKS) assert.ok(res.text.includes(`href="${href}"`));
    }
    assert.match((await ctx.request.get('/?lang=zz')).text, /<html lang="en"/);
    assert.equal((await ctx.request.get('/?lang[]=ar')).status, 200);
  });

  it('never reflects a hostile Host header as markup', async () => {
    const res = await ctx.request.get('/').set('Host', 'x"><img src=x onerror=alert(1)>');
    assert.equal(res.status, 200);
    assert.ok(!res.text.includes('<img'), 'escaped');
  });

  it('says how to create the first admin until a moderator exists', async () => {
    const fresh = await ctx.request.get('/');
    assert.match(fresh.text, /No moderator account exists yet/);
    assert.ok(fresh.text.includes('<code dir="ltr">npm run admin -- create</code>'));
    await createModerator(ctx, { email: 'chief@newsroom.example', password: 'a long passphrase', role: 'admin' });
    assert.ok(!(await ctx.request.get('/')).text.includes('No moderator account'));
  });
});
