import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { approvedComment, commentInput, postComment, restorePolicyAfterEach, setPolicy } from '../factories.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { emailKey } from '../../src/authors/email.js';
import { inTransaction } from '../../src/db/unit-of-work.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());
restorePolicyAfterEach(() => ctx);
// Every test starts well past the flood interval of the last one (all requests come from one IP).
beforeEach(() => ctx.clock.advance(3600));

const url = (key: string) => `/api/v1/threads/${key}/comments`;

describe('POST /api/v1/threads/{threadKey}/comments', () => {
  it('stores a valid JSON comment as pending under the default policy and answers 201', async () => {
    const input = commentInput({ body: '  Exactly what I wrote, with  spaces inside.  ', authorUrl: 'https://reader.example/about' });
    const res = await ctx.request.post(url('post-201')).set('X-Forwarded-For', '203.0.113.9').send(input);
    assert.equal(res.status, 201);
    assert.equal(res.body.status, 'pending');
    assert.equal(res.body.message, 'Your comment is awaiting moderation.');
    assert.match(res.body.editToken, /^[A-Za-z0-9_-]{20,}$/);
    assert.match(res.body.commenterKey, /^ck2\./);
    assert.equal(res.get('location'), `/api/v1/comments/${res.body.comment.id}`);
    const { comment } = res.body;
    assert.deepEqual(Object.keys(comment).sort(), ['authorName', 'authorUrl', 'avatar', 'badges', 'body', 'createdAt', 'deleted', 'edited', 'featured', 'id', 'parentId', 'reactions', 'replies']);
    assert.equal(comment.body, 'Exactly what I wrote, with  spaces inside.');
    assert.ok(!JSON.stringify(res.body).includes(String(input.authorEmail)), 'no email in the response');
    assert.match(comment.avatar, /^\/avatars\/[A-Za-z0-9_-]{16}\.svg$/);
    const avatar = await ctx.request.get(comment.avatar);
    assert.equal(avatar.status, 200);
    assert.match(avatar.get('content-type') ?? '', /^image\/svg\+xml/);

    const row = await ctx.db.comment.findUniqueOrThrow({ where: { id: comment.id }, include: { thread: true, decisions: true } });
    assert.equal(row.body, 'Exactly what I wrote, with  spaces inside.');
    assert.equal(row.authorEmail, input.authorEmail);
    assert.equal(row.status, 'pending');
    assert.equal(row.thread.key, 'post-201');
    assert.ok(row.ipHash && !row.ipHash.includes('203.0.113.9'), 'the IP is stored only as a keyed hash');
    assert.deepEqual(row.decisions.map((d) => [d.actor, d.fromStatus, d.toStatus]), [['pipeline', null, 'pending']]);
    assert.ok(Array.isArray(row.reasons) && row.reasons.some((r) => (r as { rule: string }).rule === 'premoderation'));
  });

  it('reads null in an optional field as not given, as a client mirroring a top-level comment\'s "parentId": null sends it', async () => {
    const nulls = { authorUrl: null, parentId: null, threadTitle: null, threadUrl: null, lang: null, commenterKey: null, notify: null, homepage: null, formTicket: null, challengeSolution: null };
    const res = await ctx.request.post(url('post-nulls')).send({ ...commentInput({ body: 'Optional fields sent as null.' }), ...nulls });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.status, 'pending');
    assert.equal(res.body.message, 'Your comment is awaiting moderation.');
    const row = await ctx.db.comment.findUniqueOrThrow({ where: { id: res.body.comment.id } });
    assert.deepEqual([row.parentId, row.authorUrl, row.notify], [null, null, false]);
    assert.equal((row.signals as { honeypot: boolean }).honeypot, false, 'an empty honeypot, not a bot');
    assert.ok(!(row.reasons as Array<{ rule: string }>).some((reason) => reason.rule === 'honeypot'));
  });

  it('lists every failing field with the exact English messages (422)', async () => {
    const res = await ctx.request.post(url('post-422')).send({ authorEmail: 'not an address', authorUrl: 'javascript:alert(1)', parentId: 'x' });
    assert.equal(res.status, 422);
    assert.match(res.get('content-type') ?? '', /^application\/problem\+json/);
    assert.equal(res.body.status, 422);
    const byField = Object.fromEntries(res.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]));
    assert.deepEqual(byField, {
      body: 'Please enter your comment!',
      authorName: 'Please enter your name here',
      authorEmail: 'You have entered an incorrect email address!',
      authorUrl: 'Please enter a valid website address',
      parentId: 'The comment you are replying to does not exist',
    });
    assert.equal(await ctx.db.comment.count({ where: { thread: { key: 'post-422' } } }), 0);
    assert.equal(await ctx.db.thread.count({ where: { key: 'post-422' } }), 0);
    // Only a number or its digits name the comment replied to: a list or a number in another spelling names none.
    const parent = await approvedComment(ctx, 'odd-parent');
    const id = parent.comment.id;
    for (const parentId of [[id], `${id}e0`, `0x${id.toString(16)}`, ` ${id}.0 `, true]) {
      const odd = await ctx.request.post(url('odd-parent')).send({ body: `Which reply? ${JSON.stringify(parentId)}`, authorName: 'A', authorEmail: 'a@example.org', parentId });
      assert.equal(odd.status, 422, JSON.stringify(parentId));
      assert.deepEqual(odd.body.errors.map((e: { field: string }) => e.field), ['parentId']);
    }
  });

  it('lists a well-formed parentId that names no comment to reply to beside the other failing fields, JSON and form', async () => {
    const pending = await ctx.request.post(url('post-422-parent')).send(commentInput());
    assert.equal(pending.status, 201);
    for (const parentId of [987654321, pending.body.comment.id]) {
      const json = await ctx.request.post(url('post-422-parent')).send({ body: ' ', authorName: 'Sara', authorEmail: 'sara@example.org', parentId });
      assert.equal(json.status, 422);
      assert.deepEqual(
        json.body.errors.map((e: { field: string; code: string }) => [e.field, e.code]),
        [['body', 'required'], ['parentId', 'not_found']],
      );
    }
    const form = await ctx.request.post(url('post-422-parent')).type('form').set('Accept', 'application/json').send(`body=&authorName=Sara&authorEmail=sara%40example.org&parentId=987654321`);
    assert.equal(form.status, 422);
    assert.ok(form.text.includes('The comment you are replying to does not exist'), 'the form page lists it too');
    // A malformed one is the schema's, listed once.
    const malformed = await ctx.request.post(url('post-422-parent')).send({ body: '', authorName: 'Sara', authorEmail: 'sara@example.org', parentId: 'x' });
    assert.deepEqual(malformed.body.errors.map((e: { field: string; code: string }) => [e.field, e.code]), [['body', 'required'], ['parentId', 'invalid']]);
    assert.equal(await ctx.db.comment.count({ where: { thread: { key: 'post-422-parent' } } }), 1);
  });

  it('says the same in Arabic when lang=ar is in the body, and via Accept-Language', async () => {
    const expected = {
      body: 'من فضلك اكتب تعليقك!',
      authorName: 'من فضلك أدخل اسمك هنا',
      authorEmail: 'من فضلك أدخل عنوان بريدك الإلكتروني هنا',
    };
    for (const req of [
      ctx.request.post(url('post-ar')).send({ lang: 'ar' }),
      ctx.request.post(url('post-ar')).set('Accept-Language', 'ar-EG,ar;q=0.9,en;q=0.5').send({}),
      ctx.request.post(`${url('post-ar')}?lang=ar`).send({}),
    ]) {
      const res = await req;
      assert.equal(res.status, 422);
      const byField = Object.fromEntries(res.body.errors.map((e: { field: string; message: string }) => [e.field, e.message]));
      assert.deepEqual(byField, expected);
      assert.equal(res.body.title, 'تعذّر نشر تعليقك');
    }
    const wrongEmail = await ctx.request.post(url('post-ar')).send(commentInput({ lang: 'ar', authorEmail: 'a@b' }));
    assert.equal(wrongEmail.body.errors[0].message, 'لقد أدخلت عنوان بريد إلكتروني غير صحيح!');
    const wrongUrl = await ctx.request.post(url('post-ar')).send(commentInput({ lang: 'ar', authorUrl: 'ftp://x.org' }));
    assert.equal(wrongUrl.body.errors[0].message, 'من فضلك أدخل عنوان موقع إلكتروني صحيحًا');
    const wrongParent = await ctx.request.post(url('post-ar')).send(commentInput({ lang: 'ar', parentId: 999999 }));
    assert.equal(wrongParent.body.errors[0].message, 'التعليق الذي تردّ عليه غير موجود');
    const posted = await ctx.request.post(url('post-ar')).set('Accept-Language', 'ar').send(commentInput());
    assert.equal(posted.body.message, 'تعليقك بانتظار المراجعة.');
  });

  it('enforces lengths in characters after trimming: body 5000, name 100, email 254, website 200', async () => {
    const arabicBody = 'ب'.repeat(5000);
    assert.equal((await ctx.request.post(url('lengths')).send(commentInput({ body: `  ${arabicBody}\n` }))).status, 201);
    ctx.clock.advance(60);
    const emoji = '😀'.repeat(5000);
    assert.equal((await ctx.request.post(url('lengths')).send(commentInput({ body: emoji }))).status, 201, 'code points, not UTF-16 units');
    ctx.clock.advance(60);
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['body', { body: 'x'.repeat(5001) }, 'too_long'],
      ['body', { body: ' \n\t\u200B ' }, 'required'],
      // Harakat and a variation selector with no letter to sit on show nothing (or dotted circles).
      ['body', { body: '\u064E\u064B \u0651\u0652\uFE0F' }, 'required'],
      ['authorName', { authorName: '\u0301\u064F' }, 'required'],
      ['authorName', { authorName: 'n'.repeat(101) }, 'too_long'],
      ['authorName', { authorName: 'Evil\u202Egnp.exe' }, 'invalid'],
      ['authorName', { authorName: 'two\nlines' }, 'invalid'],
      ['authorEmail', { authorEmail: `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(60)}.org` }, 'too_long'],
      ['authorEmail', { authorEmail: 'victim@example.org\r\nBcc: all@example.org' }, 'invalid'],
      ['authorEmail', { authorEmail: '' }, 'required'],
      ['authorUrl', { authorUrl: `https://example.org/${'p'.repeat(190)}` }, 'too_long'],
      ['authorUrl', { authorUrl: '/relative/path' }, 'invalid'],
      ['body', { body: 'nul \u0000 byte' }, 'invalid'],
      ['body', { body: 'lone \uD800 surrogate' }, 'invalid'],
      ['body', { body: ['an', 'array'] }, 'invalid'],
    ];
    for (const [field, override, code] of cases) {
      const res = await ctx.request.post(url('lengths')).send(commentInput(override));
      assert.equal(res.status, 422, `${JSON.stringify(override).slice(0, 60)} → ${res.status}`);
      assert.deepEqual(res.body.errors.map((e: { field: string; code: string }) => [e.field, e.code]), [[field, code]]);
    }
    assert.equal(await ctx.db.comment.count({ where: { thread: { key: 'lengths' } } }), 2);
  });

  it('accepts internationalised addresses and keeps them exactly as typed', async () => {
    for (const email of ['r2l@عربي.de', 'مستخدم@مثال.مصر', 'чебурашка@ящик-с-апельсинами.рф', 'user+tag@EXAMPLE.org']) {
      const res = await ctx.request.post(url('idn')).send(commentInput({ authorEmail: email }));
      assert.equal(res.status, 201, email);
      const row = await ctx.db.comment.findUniqueOrThrow({ where: { id: res.body.comment.id } });
      assert.equal(row.authorEmail, email);
      ctx.clock.advance(60);
    }
  });

  it('accepts ideographic and fullwidth full stops in the domain as IDNA does, in JSON and in the no-JS form, and stores plain dots', async () => {
    const json = await ctx.request.post(url('idn-dots')).send(commentInput({ authorEmail: 'ok@日本｡co｡jp' }));
    assert.equal(json.status, 201, JSON.stringify(json.body));
    ctx.clock.advance(60);
    const form = await ctx.request
      .post(url('idn-dots'))
      .type('form')
      .send({ body: 'From the no-JS form', authorName: 'Ken', authorEmail: 'ok@日本。co．jp', threadUrl: 'https://news.example/idn' });
    // Accepted; without ALLOWED_ORIGINS there is no trusted article to return to, so the outcome page.
    assert.equal(form.status, 201, form.text);
    const rows = await ctx.db.comment.findMany({ where: { thread: { key: 'idn-dots' } }, orderBy: { id: 'asc' } });
    assert.deepEqual(rows.map((row) => [row.authorEmail, row.authorKey]), [
      ['ok@日本.co.jp', 'ok@日本.co.jp'],
      ['ok@日本.co.jp', 'ok@日本.co.jp'],
    ]);
    // The no-JS page asks for the address in a text field: a browser's type="email" would refuse Arabic local parts before the server sees them.
    const page = await ctx.request.get('/threads/idn-dots');
    assert.match(page.text, /<input class="in" id="majlis-authorEmail" name="authorEmail" type="text" inputmode="email"/);
  });

  it('answers 403 "Comments are closed." on a closed thread and stores nothing', async () => {
    await postComment(ctx, 'closed-thread');
    await ctx.db.thread.update({ where: { key: 'closed-thread' }, data: { closed: true } });
    const before = await ctx.db.comment.count();
    for (const [lang, message] of [['en', 'Comments are closed.'], ['ar', 'التعليقات مغلقة.']]) {
      const res = await ctx.request.post(url('closed-thread')).send(commentInput({ lang }));
      assert.equal(res.status, 403);
      assert.equal(res.body.detail, message);
    }
    assert.equal(await ctx.db.comment.count(), before);
  });

  it('answers 409 for the same text from the same author in the same thread', async () => {
    const input = commentInput({ body: 'I said this once.' });
    assert.equal((await ctx.request.post(url('dup')).send(input)).status, 201);
    ctx.clock.advance(120);
    const again = await ctx.request.post(url('dup')).send({ ...input, body: '  i SAID this   once. ' });
    assert.equal(again.status, 409);
    assert.equal(again.body.detail, "Duplicate comment detected; it looks as though you've already said that!");
    const elsewhere = await ctx.request.post(url('dup-other')).send(input);
    assert.equal(elsewhere.status, 201, 'duplicates are per thread');
    ctx.clock.advance(60);
  });

  it('answers 429 with Retry-After to an author posting again within the flood interval', async () => {
    const author = { authorEmail: 'fast@example.org', authorName: 'Fast' };
    assert.equal((await ctx.request.post(url('flood')).set('X-Forwarded-For', '198.51.100.1').send(commentInput(author))).status, 201);
    ctx.clock.advance(5);
    const res = await ctx.request.post(url('flood')).send(commentInput(author));
    assert.equal(res.status, 429);
    assert.equal(res.get('retry-after'), '10');
    assert.match(res.body.detail, /too quickly/);
    ctx.clock.advance(10);
    assert.equal((await ctx.request.post(url('flood')).send(commentInput(author))).status, 201);
    ctx.clock.advance(60);
  });

  // Each post is checked before its transaction, so two at once both pass their checks; the second is checked again
  // where it is stored. Here both wait behind a transaction that holds the author's row (on SQLite, the writer):
  // on SQLite they then share a commit (docs/decisions/0022); on PostgreSQL the author's row lets one in at a time.
  // (The flood rule comes first: the duplicate case turns it off.)
  for (const [refusal, status, second, floodIntervalSeconds] of [
    ['a duplicate', 409, 'Sent twice by a double click.', 0],
    ['a flood', 429, 'And a second thought at once.', 10],
  ] as const) {
    it(`two posts at once while the author's row is busy: one is stored, the other is refused as ${refusal}, as if it had come second`, async () => {
      await setPolicy(ctx, { floodIntervalSeconds });
      const thread = `at-once-${status}`;
      const author = { authorEmail: `at-once-${status}@example.org`, authorName: 'Twice' };
      let release = () => {};
      const busy = inTransaction(
        ctx.db,
        async ({ tx }) => {
          await tx.author.create({ data: { emailKey: emailKey(author.authorEmail), createdAt: ctx.clock.now() } });
          await new Promise<void>((resolve) => (release = resolve));
        },
        { timeoutMs: 5_000 },
      );
      const posts = Promise.all(
        ['Sent twice by a double click.', second].map((body) => ctx.request.post(url(thread)).send(commentInput({ ...author, body })).then((res) => res.status)),
      );
      // Both have passed their checks and wait for the author's row.
      await sleep(300);
      release();
      await busy;
      assert.deepEqual((await posts).sort(), [201, status]);
      assert.equal(await ctx.db.comment.count({ where: { thread: { key: thread } } }), 1);
    });
  }

  // The flood rule also counts an address's posts, whoever signs them. Two authors from one address at once: both wait
  // behind a transaction holding their two rows, then are stored one after the other (on PostgreSQL the address is held
  // for the second until the first commits), and the second meets the first.
  it('two authors from one address at once: one is stored, the other is refused as a flood, as if it had come second', async () => {
    await setPolicy(ctx, { floodIntervalSeconds: 10 });
    const thread = 'at-once-address';
    const authors = ['first', 'second'].map((name) => ({ authorEmail: `at-once-${name}@example.org`, authorName: `At once ${name}` }));
    // The thread exists: two posts creating it would meet there instead (the second retries once the first is stored).
    assert.equal((await ctx.request.post(url(thread)).send(commentInput({ body: 'The thread begins.' }))).status, 201);
    ctx.clock.advance(60);
    let release = () => {};
    const busy = inTransaction(
      ctx.db,
      async ({ tx }) => {
        for (const author of authors) await tx.author.create({ data: { emailKey: emailKey(author.authorEmail), createdAt: ctx.clock.now() } });
        await new Promise<void>((resolve) => (release = resolve));
      },
      { timeoutMs: 5_000 },
    );
    const posts = Promise.all(
      authors.map((author, i) => ctx.request.post(url(thread)).send(commentInput({ ...author, body: `From one address, post ${i}.` })).then((res) => res.status)),
    );
    await sleep(300);
    release();
    await busy;
    assert.deepEqual((await posts).sort(), [201, 429]);
    assert.equal(await ctx.db.comment.count({ where: { thread: { key: thread } } }), 2);
  });

  it('holds a comment with more links than maxLinks and approves plain ones when premoderation is off', async () => {
    // New authors with links are asked for proof of work by default (tests/api/bots.test.ts); this test is about link_limit.
    await setPolicy(ctx, { premoderation: 'none', challengeWhen: [] });
    const plain = await ctx.request.post(url('links')).send(commentInput({ body: 'See https://a.example and www.b.example' }));
    assert.equal(plain.body.status, 'approved');
    assert.equal(plain.body.message, 'Your comment has been published.');
    ctx.clock.advance(60);
    const spammy = await ctx.request.post(url('links')).send(commentInput({ body: 'http://a.example http://b.example https://c.example' }));
    assert.equal(spammy.body.status, 'pending');
    const row = await ctx.db.comment.findUniqueOrThrow({ where: { id: spammy.body.comment.id } });
    const reasons = row.reasons as Array<{ rule: string; vote: string; detail: string }>;
    assert.deepEqual(reasons.find((r) => r.rule === 'link_limit'), {
      rule: 'link_limit',
      vote: 'hold',
      detail: '3 links (at most 2 without review).',
      explain: { key: 'links.tooMany', params: { links: 3, max: 2 } },
    });
    ctx.clock.advance(60);
  });

  it('rejects a comment with a banned word, says why in plain words, and still stores it', async () => {
    await setPolicy(ctx, { premoderation: 'none', bannedWords: ['scoundrel', 'حقير'] });
    const res = await ctx.request.post(url('banned')).send(commentInput({ body: 'What a S C O U N D R E L.' }));
    assert.equal(res.status, 201);
    assert.equal(res.body.status, 'rejected');
    assert.equal(res.body.message, 'Your comment was not published: it contains words that are not allowed here (S C O U N D R E L).');
    const row = await ctx.db.comment.findUniqueOrThrow({ where: { id: res.body.comment.id } });
    assert.equal(row.status, 'rejected');
    ctx.clock.advance(60);
    const ar = await ctx.request.post(url('banned')).send(commentInput({ body: 'يا حقــير', lang: 'ar' }));
    assert.equal(ar.body.status, 'rejected');
    assert.match(ar.body.message, /^لم يُنشر تعليقك لأنه يحتوي على كلمات غير مسموح بها هنا \(حقــير\)\.$/);
    ctx.clock.advance(60);
  });

  it('rejects an unknown or non-approved parent, and one from another thread', async () => {
    const pending = await postComment(ctx, 'parents');
    const other = await postComment(ctx, 'parents-other');
    await ctx.db.comment.update({ where: { id: other.comment.id }, data: { status: 'approved' } });
    for (const parentId of [pending.comment.id, other.comment.id, 987654321, -1, 1.5]) {
      const res = await ctx.request.post(url('parents')).send(commentInput({ parentId }));
      assert.equal(res.status, 422, String(parentId));
      assert.equal(res.body.errors[0].message, 'The comment you are replying to does not exist');
    }
  });

  it('nests replies at most five levels deep; deeper replies join the deepest level', async () => {
    await setPolicy(ctx, { premoderation: 'none' });
    let parentId: number | undefined;
    const depths: number[] = [];
    for (let level = 0; level < 7; level += 1) {
      const res = await ctx.request.post(url('deep')).send(commentInput(parentId ? { parentId } : {}));
      assert.equal(res.status, 201);
      const row = await ctx.db.comment.findUniqueOrThrow({ where: { id: res.body.comment.id } });
      depths.push(row.depth);
      parentId = row.id;
      ctx.clock.advance(60);
    }
    assert.deepEqual(depths, [0, 1, 2, 3, 4, 4, 4]);
  });

  it('answers 400 to an invalid thread key', async () => {
    const res = await ctx.request.post(url('-bad')).send(commentInput());
    assert.equal(res.status, 400);
    assert.equal(res.body.code, 'invalid_thread_key');
  });
});
