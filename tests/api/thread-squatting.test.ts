import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { commentInput, restorePolicyAfterEach, setPolicy, signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

const SITE = 'https://news.example';
let ctx: TestContext;
let open: TestContext;
let moderator: Awaited<ReturnType<typeof signIn>>;
before(async () => {
  ctx = await createTestContext({ ALLOWED_ORIGINS: SITE });
  // The embedded default: no ALLOWED_ORIGINS, no PUBLIC_URL.
  open = await createTestContext();
  moderator = await signIn(ctx);
});
after(async () => {
  await ctx.close();
  await open.close();
});
beforeEach(() => {
  ctx.clock.advance(3600);
  open.clock.advance(3600);
});
restorePolicyAfterEach(() => ctx);

// Each post comes after the flood interval.
const post = (on: TestContext, key: string, fields: Record<string, unknown>, origin?: string) => {
  on.clock.advance(20);
  const req = on.request.post(`/api/v1/threads/${key}/comments`);
  if (origin) req.set('Origin', origin);
  return req.send(commentInput(fields));
};
const formPost = (on: TestContext, key: string, fields: Record<string, unknown>, headers: Record<string, string> = {}) =>
  on.clock.advance(20) ?? on.request.post(`/api/v1/threads/${key}/comments`).type('form').set(headers).send(commentInput(fields) as Record<string, string>);
const threadOf = async (on: TestContext, key: string) => (await on.request.get(`/api/v1/threads/${key}/comments`)).body.thread as { title: string | null; url: string | null };

describe('a thread is described only by a trusted source', () => {
  it('a stranger who posts first names nothing; the article\'s own page then describes it, once', async () => {
    assert.equal((await post(ctx, 'squat', { threadTitle: 'FREE PRIZES', threadUrl: 'https://evil.example/phish' })).status, 201);
    // From a browser on another site it is not even a reader action (docs/security.md, "No drive-by actions").
    assert.equal((await post(ctx, 'squat', { threadTitle: 'FREE PRIZES', threadUrl: 'https://evil.example/phish' }, 'https://evil.example')).status, 403);
    assert.deepEqual(await threadOf(ctx, 'squat'), { key: 'squat', title: null, url: null, closed: false, commentCount: 0 });
    assert.equal(await ctx.db.comment.count({ where: { thread: { key: 'squat' } } }), 1, 'the cross-site post stored nothing');

    assert.equal((await post(ctx, 'squat', { threadTitle: 'عنوان المقال', threadUrl: `${SITE}/a/1`, lang: 'ar' }, SITE)).status, 201);
    const stored = await ctx.db.thread.findUniqueOrThrow({ where: { key: 'squat' } });
    assert.deepEqual([stored.title, stored.url, stored.lang, stored.describedBy], ['عنوان المقال', `${SITE}/a/1`, 'ar', 'site']);
    // Described once: later posts, even from the site, fill in only what is missing.
    await post(ctx, 'squat', { threadTitle: 'Another title', threadUrl: `${SITE}/elsewhere` }, SITE);
    assert.deepEqual((await threadOf(ctx, 'squat')).url, `${SITE}/a/1`);
  });

  it("the widget sends the page's whole title: a long one is cut to 300 characters, never inside an emoji", async () => {
    // 299 letters, then an emoji across the 300th UTF-16 unit: a cut by units left half of it, and the post was refused.
    const title = `${'ع'.repeat(299)}📰📰 and more words`;
    const res = await post(ctx, 'cut-title', { threadTitle: title, threadUrl: `${SITE}/a/cut`, lang: 'ar' }, SITE);
    assert.equal(res.status, 201, res.text);
    assert.equal((await threadOf(ctx, 'cut-title')).title, `${'ع'.repeat(299)}📰`);
    // Nor inside a family emoji (five code points joined): it stays whole or goes.
    const family = '👩\u200D👩\u200D👧';
    await post(ctx, 'cut-family', { threadTitle: `${'a'.repeat(297)}${family} news` }, SITE);
    assert.equal((await threadOf(ctx, 'cut-family')).title, 'a'.repeat(297));
  });

  it("a page title with characters no title shows (NUL, a lone surrogate, a line break) stores the comment and the title mended", async () => {
    // JSON can spell each of them; refused, they refused the reader's comment over a field the reader never typed.
    const res = await post(ctx, 'odd-title', { threadTitle: 'Budget\u0000 vote\ud800\nlive', threadUrl: `${SITE}/a/odd`, unknownField: 'x\u0000' }, SITE);
    assert.equal(res.status, 201, res.text);
    assert.equal((await threadOf(ctx, 'odd-title')).title, 'Budget vote\ufffd live');
    // In a field a reader typed, the same characters are still refused, naming the field.
    const typed = await post(ctx, 'odd-title', { authorName: 'Name\u0000' }, SITE);
    assert.equal(typed.status, 422);
    assert.deepEqual(typed.body.errors.map((error: { field: string }) => error.field), ['authorName']);
  });

  it("a page address with characters no address holds (a lone surrogate, a control) is ignored as invalid; the author's website with them is refused", async () => {
    // The page describes itself with it, as with its title: refused, it refused the reader's comment (422 on threadUrl).
    for (const [key, odd] of [['odd-url-surrogate', '\ud800'], ['odd-url-control', '\u0085']] as const) {
      const res = await post(ctx, key, { threadTitle: 'Odd address', threadUrl: `${SITE}/a/odd${odd}` }, SITE);
      assert.equal(res.status, 201, res.text);
      const thread = await threadOf(ctx, key);
      assert.deepEqual([thread.title, thread.url], ['Odd address', null]);
      // The reader typed their website: the same characters there are refused, naming the field.
      const typed = await post(ctx, key, { authorUrl: `https://author.example/${odd}` }, SITE);
      assert.equal(typed.status, 422, typed.text);
      assert.deepEqual(typed.body.errors.map((error: { field: string }) => error.field), ['authorUrl']);
    }
  });

  it('the site\'s page cannot point its thread at another origin, and a refused comment describes nothing', async () => {
    await post(ctx, 'off-site', { threadTitle: 'Real title', threadUrl: 'https://evil.example/x' }, SITE);
    const offSite = await ctx.db.thread.findUniqueOrThrow({ where: { key: 'off-site' } });
    assert.deepEqual([offSite.title, offSite.url], ['Real title', null]);

    await setPolicy(ctx, { bannedWords: ['scoundrel'] });
    const rejected = await post(ctx, 'refused', { body: 'You scoundrel', threadTitle: 'Chosen by a troll', threadUrl: `${SITE}/troll` }, SITE);
    assert.equal(rejected.body.status, 'rejected');
    const refused = await ctx.db.thread.findUniqueOrThrow({ where: { key: 'refused' } });
    assert.deepEqual([refused.title, refused.url], [null, null]);
  });

  it('without ALLOWED_ORIGINS no post stores a URL, and the no-JS form never sends a reader to the squatter\'s page', async () => {
    // A browser on another site is refused outright; a script that sends no Origin gets the outcome page.
    const crossSite = await formPost(open, 'nojs-squat', { threadUrl: 'https://evil.example/phish', threadTitle: 'Phish' }, { Origin: 'https://evil.example' });
    assert.equal(crossSite.status, 403);
    const squat = await formPost(open, 'nojs-squat', { threadUrl: 'https://evil.example/phish', threadTitle: 'Phish' }, { Referer: 'https://evil.example/phish' });
    assert.equal(squat.status, 201, 'nowhere safe to return to: the outcome page');
    // A reader whose browser sends only the Referer of the article that includes the fragment.
    const reader = await formPost(open, 'nojs-squat', { threadUrl: 'https://news.example/article' }, { Referer: `${SITE}/article` });
    assert.equal(reader.status, 201);
    assert.equal(reader.get('location'), undefined);
    assert.doesNotMatch(reader.text, /evil\.example/);
    const thread = await open.db.thread.findUniqueOrThrow({ where: { key: 'nojs-squat' } });
    assert.deepEqual([thread.title, thread.url], [null, null]);
  });

  it('with ALLOWED_ORIGINS the form returns to the article on that origin, never elsewhere', async () => {
    const home = await formPost(ctx, 'nojs-home', { threadUrl: `${SITE}/story` }, { Origin: SITE });
    assert.equal(home.status, 303);
    assert.match(home.get('location') ?? '', /^https:\/\/news\.example\/story\?majlis-status=/);
    const away = await formPost(ctx, 'nojs-home', { threadUrl: 'https://evil.example/story' }, { Referer: 'https://evil.example/story' });
    // The thread's stored URL is the one trusted place left to go back to: the reader lands on the article.
    assert.match(away.get('location') ?? '', /^https:\/\/news\.example\/story\?/);
  });
});

describe('PATCH /api/v1/moderation/threads/{threadKey}: a moderator corrects a thread', () => {
  it('sets title and URL (readers see it at once), posts never change them again, null clears', async () => {
    await post(ctx, 'corrected', { threadTitle: 'Wrong title', threadUrl: `${SITE}/wrong` }, SITE);
    assert.equal((await threadOf(ctx, 'corrected')).title, 'Wrong title', 'the cached page');
    const res = await ctx.request
      .patch('/api/v1/moderation/threads/corrected')
      .set('Authorization', moderator.auth)
      .send({ title: 'The right title', url: `${SITE}/right` });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.thread, { key: 'corrected', title: 'The right title', url: `${SITE}/right`, closed: false });
    assert.deepEqual(await threadOf(ctx, 'corrected'), { key: 'corrected', title: 'The right title', url: `${SITE}/right`, closed: false, commentCount: 0 });
    const page = await ctx.request.get('/threads/corrected');
    assert.match(page.text, /<h1 dir="auto">The right title<\/h1>/);

    const cleared = await ctx.request.patch('/api/v1/moderation/threads/corrected').set('Authorization', moderator.auth).send({ url: null });
    assert.deepEqual([cleared.body.thread.title, cleared.body.thread.url], ['The right title', null]);
    await post(ctx, 'corrected', { threadTitle: 'Site again', threadUrl: `${SITE}/again` }, SITE);
    const thread = await ctx.db.thread.findUniqueOrThrow({ where: { key: 'corrected' } });
    assert.deepEqual([thread.title, thread.url, thread.describedBy], ['The right title', null, 'moderator']);
  });

  it('keeps no bidi controls in a title (an override showed it reversed); a post whose page title has one is still stored', async () => {
    const res = await ctx.request.patch('/api/v1/moderation/threads/bidi-title').set('Authorization', moderator.auth).send({ title: '\u202Eabc\u202C news' });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.thread.title, 'abc news');
    const posted = await post(ctx, 'bidi-post', { threadTitle: '\u202Bعنوان\u202C', threadUrl: `${SITE}/bidi` }, SITE);
    assert.equal(posted.status, 201, posted.text);
    assert.equal((await ctx.db.thread.findUniqueOrThrow({ where: { key: 'bidi-post' } })).title, 'عنوان');
  });

  it('refuses a URL outside ALLOWED_ORIGINS with a localised 422 and changes nothing', async () => {
    const res = await ctx.request
      .patch('/api/v1/moderation/threads/guarded?lang=ar')
      .set('Authorization', moderator.auth)
      .send({ title: 'Any', url: 'https://evil.example/' });
    assert.equal(res.status, 422);
    assert.deepEqual(res.body.errors, [{ field: 'url', code: 'invalid', message: 'هذا العنوان ليس على أحد المواقع المذكورة في ALLOWED_ORIGINS.' }]);
    assert.equal(await ctx.db.thread.count({ where: { key: 'guarded' } }), 0);
    const empty = await ctx.request.patch('/api/v1/moderation/threads/guarded').set('Authorization', moderator.auth).send({});
    assert.equal(empty.status, 422);
    // A title too long says its bound.
    const long = await ctx.request.patch('/api/v1/moderation/threads/guarded?lang=ar').set('Authorization', moderator.auth).send({ title: 'ع'.repeat(301) });
    assert.deepEqual(long.body.errors, [{ field: 'title', code: 'too_long', message: 'أطول من اللازم: الحد الأقصى لعدد المحارف 300.' }]);
  });

  it('without ALLOWED_ORIGINS the moderator is the trusted source: the form then returns readers to that article', async () => {
    const admin = await signIn(open);
    const set = await open.request.patch('/api/v1/moderation/threads/open-article').set('Authorization', admin.auth).send({ url: 'https://news.example/open' });
    assert.equal(set.status, 200);
    const back = await formPost(open, 'open-article', { threadUrl: 'https://news.example/open' }, { Referer: 'https://news.example/open' });
    assert.equal(back.status, 303);
    assert.match(back.get('location') ?? '', /^https:\/\/news\.example\/open\?/);
  });
});
