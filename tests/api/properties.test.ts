import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext({ RATE_LIMIT_POSTS: '100000' });
});
after(async () => ctx.close());

const anyValue = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  fc.constantFrom('', ' ', '\u0000', '\uD800', 'a@b.co', 'r2l@عربي.de', 'https://x.org', 'javascript:alert(1)', '1', '-1', '1e309', 'x'.repeat(6000)),
);

const FIELDS = ['body', 'authorName', 'authorEmail', 'authorUrl', 'parentId', 'threadTitle', 'threadUrl', 'lang', 'commenterKey'] as const;
const valid: Record<string, unknown> = { body: 'A fine comment', authorName: 'Reader', authorEmail: 'reader@example.org' };

describe('arbitrary input to POST /api/v1/threads/{threadKey}/comments', () => {
  it('never answers 5xx, and a refused request stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom(...FIELDS), anyValue),
        fc.boolean(),
        fc.constantFrom('json', 'form'),
        async (fields, startValid, encoding) => {
          ctx.clock.advance(3600);
          const body = { ...(startValid ? valid : {}), ...fields };
          const before = await ctx.db.comment.count();
          const req = ctx.request.post('/api/v1/threads/fuzz/comments');
          const res =
            encoding === 'json'
              ? await req.send(body)
              : await req.type('form').send(Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)])));
          assert.ok(res.status < 500, `${res.status} for ${JSON.stringify(body).slice(0, 300)}`);
          const after = await ctx.db.comment.count();
          if (res.status === 201 || res.status === 303) assert.equal(after, before + 1);
          else assert.equal(after, before, `status ${res.status} stored a comment`);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never answers 5xx to arbitrary shapes, thread keys and query strings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.string({ maxLength: 250 }), fc.string({ maxLength: 50 }), async (json, key, query) => {
        const path = `/api/v1/threads/${encodeURIComponent(key)}/comments`;
        const post = await ctx.request.post(path).set('Content-Type', 'application/json').send(JSON.stringify(json));
        assert.ok(post.status < 500, `POST ${post.status}`);
        const get = await ctx.request.get(`${path}?${query}`);
        assert.ok(get.status < 500, `GET ${get.status} for ${query}`);
        const counts = await ctx.request.get(`/api/v1/counts?threads=${encodeURIComponent(key)}&${query}`);
        assert.ok(counts.status < 500, `counts ${counts.status}`);
        const flag = await ctx.request.post(`/api/v1/comments/${encodeURIComponent(key)}/flags`).send(JSON.stringify(json));
        assert.ok(flag.status < 500, `flag ${flag.status}`);
      }),
      { numRuns: 100 },
    );
  });
});
