import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { postComment } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());

const cspOf = (res: { get(name: string): string | undefined }) => res.get('content-security-policy') ?? '';

describe('GET /admin', () => {
  it('serves a static HTML shell under a strict CSP, with no comment data in it', async () => {
    await postComment(ctx, 'admin-shell', { body: 'A comment that must not be in the shell', authorEmail: 'secret-reader@example.org' });
    const res = await ctx.request.get('/admin');
    assert.equal(res.status, 200);
    assert.match(res.get('content-type') ?? '', /^text\/html; charset=utf-8/);
    const csp = cspOf(res);
    for (const directive of ["default-src 'none'", "script-src 'self'", "connect-src 'self'", "style-src 'self'", "img-src 'self' data:", "frame-ancestors 'none'"]) {
      assert.ok(csp.includes(directive), `CSP has ${directive}: ${csp}`);
    }
    assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'));
    assert.match(res.text, /<script src="\/admin\/app\.js" defer><\/script>/);
    assert.match(res.text, /<link rel="stylesheet" href="\/admin\/admin\.css">/);
    assert.ok(!/<script>|<style|\sstyle=|\son\w+=/i.test(res.text), 'no inline script, style or handler');
    assert.ok(!res.text.includes('secret-reader') && !res.text.includes('must not be'), 'no data in the shell');
    assert.match(res.text, /role="status"/);
    assert.equal(res.get('x-frame-options'), 'DENY');
  });

  it('serves the bundled script and stylesheet with ETags that revalidate to 304', async () => {
    for (const [path, type] of [['/admin/app.js', /^application\/javascript; charset=utf-8/], ['/admin/admin.css', /^text\/css; charset=utf-8/]] as const) {
      const res = await ctx.request.get(path);
      assert.equal(res.status, 200, path);
      assert.match(res.get('content-type') ?? '', type);
      assert.match(cspOf(res), /script-src 'self'/);
      const etag = res.get('etag') ?? '';
      assert.match(etag, /^"[\w-]+"$/);
      assert.equal((await ctx.request.get(path).set('If-None-Match', etag)).status, 304, `${path} revalidates`);
    }
    const script = (await ctx.request.get('/admin/app.js')).text;
    assert.ok(script.includes('إشراف مجلس') && script.includes('Majlis moderation'), 'both catalogues are bundled');
    assert.ok(!/\.innerHTML\s*=|insertAdjacentHTML|outerHTML\s*=/.test(script), 'the dashboard never parses markup');
    assert.ok(!/https?:\/\/(?!www\.w3\.org)[a-z]/i.test(script.replace(/"https?:\/\/"/g, '')), 'no third-party URL in the script');
  });

  it('leaves other paths to the not-found handler', async () => {
    assert.equal((await ctx.request.get('/admin/nothing.js')).status, 404);
  });
});
