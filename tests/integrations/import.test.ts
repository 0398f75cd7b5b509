import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { formatSummary, importFile } from '../../src/imports/import-file.js';
import { followOutsideChanges, recordOutsideChanges } from '../../src/threads/outside-changes.service.js';
import { postComment } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

const fixture = (name: string) => new URL(`../fixtures/imports/${name}`, import.meta.url).pathname;

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());

const byKey = async (importKey: string) => ctx.db.comment.findUniqueOrThrow({ where: { importKey }, include: { thread: true } });

describe('npm run import -- wordpress', () => {
  it('imports threads, threaded replies (parents after children too), statuses, Arabic text and entities; reports skips', async () => {
    const summary = await importFile({ db: ctx.db, secret: ctx.config.SECRET, clock: ctx.clock }, 'wordpress', fixture('wordpress.xml'), { threadLang: 'ar' });
    assert.equal(summary.error, null);
    assert.equal(summary.threads, 2);
    assert.equal(summary.imported, 7);
    assert.deepEqual(summary.skipped, { 'invalid date': 1, 'pingback, not a reader comment': 1 });
    assert.deepEqual(summary.warnings, {
      'missing email: imported without an address': 1,
      'unknown parent: imported as a top-level comment': 1,
    });
    assert.match(formatSummary(summary), /skipped: 2\n {2}1 × invalid date/);

    const top = await byKey('wp:news.example.org:101');
    assert.equal(top.thread.key, 'wp-12');
    assert.equal(top.thread.title, 'ميزانية 2025: ما الذي تغيّر؟');
    assert.equal(top.thread.url, 'https://news.example.org/budget-2025/');
    assert.equal(top.thread.lang, 'ar');
    assert.equal(top.body, 'مقال رائع، شكرًا! خصوصًا الجزء عن الضرائب & الدعم.');
    assert.equal(top.authorName, 'سارة');
    assert.equal(top.status, 'approved');
    assert.equal(top.createdAt.toISOString(), '2024-03-01T10:00:00.000Z');
    // Auto-closing counts from the article's publication, as the export gives it; the row's last change is the import.
    assert.equal(top.thread.createdAt.toISOString(), '2024-03-01T07:00:00.000Z');
    assert.equal(top.updatedAt.toISOString(), ctx.clock.now().toISOString());
    assert.ok(top.ipHash && !top.ipHash.includes('203.0.113.5'));
    const reply = await byKey('wp:news.example.org:102');
    assert.deepEqual([reply.parentId, reply.rootId, reply.depth], [top.id, top.id, 1]);
    assert.equal(reply.body, 'Agreed, Sara.\nSecond line … with \u00a0entities.');
    const early = await byKey('wp:news.example.org:103');
    assert.deepEqual([early.parentId, early.rootId, early.depth], [reply.id, top.id, 2]);
    assert.equal(early.body, 'A reply to a reply that appears <before> its parent — "quoted".');
    const guest = await byKey('wp:news.example.org:104');
    assert.deepEqual([guest.status, guest.authorEmail], ['pending', '']);
    const lost = await byKey('wp:news.example.org:106');
    assert.equal(lost.parentId, null);
    assert.equal((await byKey('wp:news.example.org:201')).status, 'spam');
    const trashed = await byKey('wp:news.example.org:202');
    assert.equal(trashed.status, 'rejected');
    assert.equal(trashed.thread.closed, true);
    // That post's export carries no date: the thread counts as published when it was imported.
    assert.equal(trashed.thread.createdAt.toISOString(), ctx.clock.now().toISOString());
    const decisions = await ctx.db.decision.findMany({ where: { commentId: top.id } });
    assert.deepEqual(decisions.map((d) => [d.actor, d.toStatus]), [['import', 'approved']]);

    // The imported thread reads like any other, replies nested.
    const page = await ctx.request.get('/api/v1/threads/wp-12/comments');
    assert.equal(page.status, 200);
    assert.equal(page.body.comments[0].replies[0].replies[0].id, early.id);
    assert.equal(JSON.stringify(page.body).includes('@example.org'), false);
  });

  it('is idempotent: importing the same file again changes nothing', async () => {
    const before = await ctx.db.comment.count();
    const decisions = await ctx.db.decision.count();
    const summary = await importFile({ db: ctx.db, secret: ctx.config.SECRET, clock: ctx.clock }, 'wordpress', fixture('wordpress.xml'));
    assert.deepEqual([summary.imported, summary.alreadyImported], [0, 7]);
    assert.equal(await ctx.db.comment.count(), before);
    assert.equal(await ctx.db.decision.count(), decisions);
  });

  it('stores nothing of broken XML and says where the file broke (tests/integrations/import-malformed.test.ts)', async () => {
    const summary = await importFile({ db: ctx.db, secret: ctx.config.SECRET, clock: ctx.clock }, 'wordpress', fixture('wordpress-broken.xml'));
    assert.match(summary.error ?? '', /^The file is not well-formed XML near line \d+: [^.]+[^.]\. Nothing was imported; fix the file and run the import again\.$/);
    assert.equal(summary.alreadyImported, 0);
    assert.equal(await ctx.db.comment.count({ where: { importKey: 'wp:news.example.org:150' } }), 0);
  });
});

/** A one-comment WordPress export, its XML declaration naming `encoding`. */
const oneCommentExport = (encoding: string, author: string) => `<?xml version="1.0" encoding="${encoding}" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><link>https://news.example.org</link><wp:base_site_url>https://news.example.org</wp:base_site_url>
<item><title>Encodings</title><link>https://news.example.org/encodings/</link><wp:post_id>77</wp:post_id>
<wp:post_name>encodings</wp:post_name><wp:post_type>post</wp:post_type>
<wp:comment><wp:comment_id>${encoding.length}${author.length}</wp:comment_id><wp:comment_author>${author}</wp:comment_author>
<wp:comment_author_email>reader@example.org</wp:comment_author_email><wp:comment_date>2024-03-01 12:00:00</wp:comment_date>
<wp:comment_date_gmt>2024-03-01 10:00:00</wp:comment_date_gmt><wp:comment_content>Written by ${author}</wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>0</wp:comment_parent></wp:comment>
</item></channel></rss>`;

describe('npm run import -- wordpress, in the encoding the file declares', () => {
  const dir = mkdtempSync(join(tmpdir(), 'majlis-encodings-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const importBytes = async (name: string, bytes: Buffer) => {
    const path = join(dir, name);
    const stream = createWriteStream(path);
    stream.end(bytes);
    await once(stream, 'finish');
    return importFile({ db: ctx.db, secret: ctx.config.SECRET, clock: ctx.clock }, 'wordpress', path);
  };

  it('reads ISO-8859-1 and UTF-16 exports as written, and refuses an encoding it cannot read, saying which', async () => {
    const latin1 = await importBytes('latin1.xml', Buffer.from(oneCommentExport('ISO-8859-1', 'Renée'), 'latin1'));
    assert.equal(latin1.error, null);
    assert.equal(await ctx.db.comment.count({ where: { authorName: 'Renée' } }), 1);
    const utf16 = await importBytes('utf16.xml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(oneCommentExport('UTF-16', 'هالة'), 'utf16le')]));
    assert.equal(utf16.error, null);
    assert.equal(await ctx.db.comment.count({ where: { authorName: 'هالة' } }), 1);
    const unknown = await importBytes('unknown.xml', Buffer.from(oneCommentExport('x-made-up', 'Nobody')));
    assert.match(unknown.error ?? '', /the file declares the encoding "x-made-up", which cannot be read/);
    assert.equal(await ctx.db.comment.count({ where: { authorName: 'Nobody' } }), 0);
  });

  it('leaves out a post whose id makes a thread key no route takes, with its comments, and says so', async () => {
    const summary = await importBytes('odd-id.xml', Buffer.from(oneCommentExport('UTF-8', 'Odd Id').replaceAll('<wp:post_id>77</wp:post_id>', '<wp:post_id>a b/../c</wp:post_id>')));
    assert.equal(summary.error, null);
    assert.equal(summary.threads, 0);
    assert.deepEqual(summary.warnings, { 'thread key the API does not take: the thread and its comments left out': 1 });
    assert.deepEqual(summary.skipped, { 'unknown thread': 1 });
    assert.equal(await ctx.db.thread.count({ where: { key: { startsWith: 'wp-a b' } } }), 0);
    assert.equal(await ctx.db.comment.count({ where: { authorName: 'Odd Id' } }), 0);
  });

  it("warns when another site's post has the same id as one imported before: its comments join that thread", async () => {
    const otherSite = oneCommentExport('UTF-8', 'Elsewhere').replaceAll('news.example.org', 'other.example.org');
    const summary = await importBytes('other-site.xml', Buffer.from(otherSite));
    assert.equal(summary.error, null);
    assert.deepEqual(summary.warnings, { "thread wp-77 is already another site's article (news.example.org): this file's comments for it were added to that thread": 1 });
    assert.equal((await byKey('wp:other.example.org:59')).thread.key, 'wp-77');
    assert.deepEqual((await importBytes('same-site.xml', Buffer.from(oneCommentExport('UTF-8', 'Same site')))).warnings, {});
  });
});

describe('npm run import -- wordpress --lang ar, of an archive with odd dates and deep answers', () => {
  it('gives the comments the language of their threads, a date ahead of the import the time of the import, and says what it flattened', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'majlis-odd-archive-'));
    try {
      const comment = (id: number, parent: number, gmt: string) =>
        `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author>Reader ${id}</wp:comment_author><wp:comment_author_email>r${id}@example.org</wp:comment_author_email>` +
        `<wp:comment_date>${gmt}</wp:comment_date><wp:comment_date_gmt>${gmt}</wp:comment_date_gmt><wp:comment_content>تعليق رقم ${id}</wp:comment_content>` +
        `<wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>${parent}</wp:comment_parent></wp:comment>`;
      // A chain of seven answers (the thread shows five levels), and one comment dated 2099.
      const chain = [1, 2, 3, 4, 5, 6, 7].map((id) => comment(900 + id, id === 1 ? 0 : 899 + id, `2024-05-0${id} 10:00:00`)).join('');
      const file = join(dir, 'odd.xml');
      const stream = createWriteStream(file);
      stream.end(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><link>https://odd.example.org</link><wp:base_site_url>https://odd.example.org</wp:base_site_url>
<item><title>مقال</title><link>https://odd.example.org/odd/</link><wp:post_id>4242</wp:post_id><wp:post_name>odd</wp:post_name><wp:post_type>post</wp:post_type>
${chain}${comment(999, 0, '2099-01-01 00:00:00')}</item></channel></rss>`);
      await once(stream, 'finish');
      const summary = await importFile({ db: ctx.db, secret: ctx.config.SECRET, clock: ctx.clock }, 'wordpress', file, { threadLang: 'ar' });
      assert.equal(summary.error, null);
      assert.equal(summary.imported, 8);
      const rows = await ctx.db.comment.findMany({ where: { importKey: { startsWith: 'wp:odd.example.org:' } }, orderBy: { id: 'asc' } });
      assert.deepEqual([...new Set(rows.map((row) => row.lang))], ['ar'], "the comments speak their thread's language");
      const future = rows.find((row) => row.importKey === 'wp:odd.example.org:999');
      assert.equal(future?.createdAt.toISOString(), ctx.clock.now().toISOString());
      assert.equal(summary.warnings['date in the future: imported with the time of the import'], 1);
      assert.equal(summary.warnings['nested deeper than the thread shows: imported as an answer to the comment above its parent'], 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run import beside a running instance', () => {
  it("drops the cached pages of the threads it touched on every instance within seconds, and of every thread after a large import", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'majlis-import-live-'));
    // It looks when the test says (an hour is never), so the cached page is not dropped by a look the test did not ask for.
    const follower = await followOutsideChanges({ db: ctx.db, threadCache: ctx.threadCache, logger: pino({ level: 'silent' }) }, 3_600_000);
    try {
      const file = join(dir, 'later.xml');
      const stream = createWriteStream(file);
      stream.end(oneCommentExport('UTF-8', 'Imported Later').replaceAll('<wp:post_id>77</wp:post_id>', '<wp:post_id>88</wp:post_id>'));
      await once(stream, 'finish');
      const read = async () => (await ctx.request.get('/api/v1/threads/wp-88/comments')).body as { thread: { commentCount: number }; comments: Array<{ authorName: string }> };
      assert.equal((await read()).thread.commentCount, 0);
      const cli = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import.ts', 'wordpress', file], {
        env: { ...process.env, DATABASE_URL: ctx.config.DATABASE_URL, SECRET: ctx.config.SECRET, NODE_ENV: 'test' },
        encoding: 'utf8',
      });
      assert.equal(cli.status, 0, cli.stderr);
      assert.equal((await read()).thread.commentCount, 0, 'the page was cached before the import');
      await follower.look();
      const after = await read();
      assert.equal(after.thread.commentCount, 1);
      assert.deepEqual(after.comments.map((comment) => comment.authorName), ['Imported Later']);

      // More threads than are worth naming: one change for all, and every cached page goes.
      await postComment(ctx, 'cached-elsewhere', { body: 'Already here' });
      await ctx.db.comment.updateMany({ where: { thread: { key: 'cached-elsewhere' } }, data: { status: 'approved' } });
      const cached = async () => ((await ctx.request.get('/api/v1/threads/cached-elsewhere/comments')).body as { thread: { commentCount: number } }).thread.commentCount;
      const before = await cached();
      await ctx.db.comment.updateMany({ where: { thread: { key: 'cached-elsewhere' } }, data: { status: 'rejected' } });
      assert.equal(await cached(), before, 'a change written straight to the database is not seen yet');
      await recordOutsideChanges(ctx.db, Array.from({ length: 1001 }, (_, i) => `imported-${i}`), ctx.clock.now());
      assert.deepEqual(await ctx.db.threadChange.findMany({ where: { threadKey: { startsWith: 'imported-' } } }), []);
      await follower.look();
      assert.equal(await cached(), 0);
    } finally {
      follower.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run import of a file that is not the export named', () => {
  it('refuses the other format and an empty file, saying so, and imports nothing; the CLI exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'majlis-wrong-file-'));
    try {
      const before = await ctx.db.comment.count();
      const importAs = (format: 'wordpress' | 'disqus', path: string) => importFile({ db: ctx.db, secret: ctx.config.SECRET, clock: ctx.clock }, format, path);
      const disqusAsWordPress = await importAs('wordpress', fixture('disqus.xml'));
      assert.equal(disqusAsWordPress.error, 'This is not a WordPress (WXR) export: its root element is <disqus>, not <rss>. Nothing was imported; check the file and the format named.');
      assert.match((await importAs('disqus', fixture('wordpress.xml'))).error ?? '', /^This is not a Disqus export: its root element is <rss>, not <disqus>\./);
      const empty = join(dir, 'empty.xml');
      const stream = createWriteStream(empty);
      stream.end('\n');
      await once(stream, 'finish');
      assert.match((await importAs('wordpress', empty)).error ?? '', /^This is not a WordPress \(WXR\) export: the file holds no XML element \(is it empty\?\)\./);
      // Majlis's own export (JSON lines) is no XML at all: nothing before the break, so nothing imported.
      const json = join(dir, 'export.ndjson');
      const jsonStream = createWriteStream(json);
      jsonStream.end('{"type":"thread","key":"a"}\n');
      await once(jsonStream, 'finish');
      assert.match((await importAs('wordpress', json)).error ?? '', /^The file is not well-formed XML near line 1: [^\n]*[^.]\. Nothing was imported; check the file and the format named\.$/);
      assert.equal(await ctx.db.comment.count(), before);
      const cli = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import.ts', 'wordpress', empty], {
        env: { ...process.env, DATABASE_URL: ctx.config.DATABASE_URL, SECRET: ctx.config.SECRET, NODE_ENV: 'test' },
        encoding: 'utf8',
      });
      assert.equal(cli.status, 1, cli.stderr);
      assert.match(cli.stdout + cli.stderr, /the file holds no XML element/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run import -- disqus', () => {
  it('maps threads, posts, parents and isSpam; skips deleted posts, bad dates and unknown threads', async () => {
    const summary = await importFile({ db: ctx.db, secret: ctx.config.SECRET, clock: ctx.clock }, 'disqus', fixture('disqus.xml'));
    assert.equal(summary.error, null);
    assert.equal(summary.threads, 1);
    assert.equal(summary.imported, 4);
    assert.deepEqual(summary.skipped, { 'deleted in Disqus': 1, 'invalid date': 1, 'unknown thread': 1 });
    const first = await byKey('disqus:akhbar:9001');
    assert.equal(first.thread.key, 'disqus-5001');
    assert.equal(first.thread.title, 'الانتخابات البلدية');
    assert.equal(first.thread.createdAt.toISOString(), '2024-01-01T08:00:00.000Z');
    assert.equal(first.body, 'First!\n\nTom & Jerry say "hi"');
    const guest = await byKey('disqus:akhbar:9002');
    assert.deepEqual([guest.parentId, guest.authorEmail, guest.authorName], [first.id, '', 'Anonymous guest']);
    const early = await byKey('disqus:akhbar:9003');
    assert.deepEqual([early.parentId, early.rootId, early.depth, early.body, early.authorName], [guest.id, first.id, 2, 'ردّ على ردّ، يظهر قبل أصله.', 'ليلى']);
    assert.equal((await byKey('disqus:akhbar:9004')).status, 'spam');
    // A post its author or a moderator deleted is not history to restore.
    assert.equal(await ctx.db.comment.count({ where: { importKey: 'disqus:akhbar:9005' } }), 0);
    assert.ok(summary.examples.some((e) => e.importKey === 'disqus:akhbar:9005' && e.reason === 'deleted in Disqus'));
    const again = await importFile({ db: ctx.db, secret: ctx.config.SECRET, clock: ctx.clock }, 'disqus', fixture('disqus.xml'));
    assert.deepEqual([again.imported, again.alreadyImported], [0, 4]);
  });
});

describe('import memory', () => {
  it('npm run import streams a 50 MB export within a 40 MB heap', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'majlis-import-'));
    const file = join(dir, 'large.xml');
    const out = createWriteStream(file);
    const write = async (text: string) => {
      if (!out.write(text)) await once(out, 'drain');
    };
    // Few, long posts: the size is what tests the memory bound; each comment costs a database round trip.
    const filler = `<p>${'نص المقال الطويل. Long article text. '.repeat(5500)}</p>`;
    await write('<?xml version="1.0" encoding="UTF-8"?>\n<rss xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><wp:base_site_url>https://big.example</wp:base_site_url>\n');
    for (let post = 1; post <= 200; post += 1) {
      await write(`<item><title>Post ${post}</title><link>https://big.example/${post}</link><wp:post_id>${post}</wp:post_id><content:encoded><![CDATA[${filler}]]></content:encoded>`);
      await write(`<wp:comment><wp:comment_id>${post}</wp:comment_id><wp:comment_author>Reader</wp:comment_author><wp:comment_author_email>r${post % 50}@example.org</wp:comment_author_email><wp:comment_date_gmt>2024-01-01 00:00:00</wp:comment_date_gmt><wp:comment_content>Comment ${post}</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment></item>\n`);
    }
    await write('</channel></rss>\n');
    out.end();
    await once(out, 'finish');
    const size = statSync(file).size;
    assert.ok(size > 50_000_000, `file is ${size} bytes`);

    // The CLI runs with its V8 heap capped at 40 MB (about 20 MB of it is Prisma and the driver), well
    // below the file size: holding the file, or any large slice of it, would crash with "heap out of memory".
    try {
      const run = spawnSync(process.execPath, ['--max-old-space-size=40', '--import', 'tsx', 'scripts/import.ts', 'wordpress', file], {
        env: { ...process.env, DATABASE_URL: ctx.config.DATABASE_URL, SECRET: ctx.config.SECRET, NODE_ENV: 'test' },
        encoding: 'utf8',
      });
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /comments imported: 200\n/);
      assert.equal(await ctx.db.comment.count({ where: { importKey: { startsWith: 'wp:big.example:' } } }), 200);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
