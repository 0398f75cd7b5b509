import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importFile } from '../../src/imports/import-file.js';
import type { ImportSummary } from '../../src/imports/import.service.js';
import { createTestContext, type TestContext } from '../setup/app.js';

const fixture = (name: string) => new URL(`../fixtures/imports/${name}`, import.meta.url).pathname;

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());

const byKey = async (importKey: string) => ctx.db.comment.findUniqueOrThrow({ where: { importKey }, include: { thread: true } });
const run = (format: 'wordpress' | 'disqus', file: string) => importFile({ db: ctx.db, secret: ctx.config.SECRET, clock: ctx.clock }, format, fixture(file));

describe('imports keep what the archive holds', () => {
  let wordpress: ImportSummary;

  it('WordPress: links keep their address, blocks become lines, every HTML5 entity decodes, names are decoded', async () => {
    const summary = (wordpress = await run('wordpress', 'wordpress-fidelity.xml'));
    assert.equal(summary.error, null);
    assert.equal(summary.imported, 2);
    const first = await byKey('wp:archive.example.org:1');
    assert.equal(
      first.body,
      [
        'Read the report (https://example.org/report?a=1&b=2) and https://example.org/raw.',
        'Sources:',
        '',
        'one',
        'two',
        '',
        'A quote',
        '',
        'Heading',
        '',
        'Term',
        'Meaning',
        '',
        // &#x9F; is Ÿ in HTML5 (the Windows-1252 table for 0x80–0x9F), not a C1 control.
        'Done © 2023 Ÿ ∉ &',
      ].join('\n'),
    );
    assert.equal(first.authorName, 'AT&T Fan ♥');
    assert.equal(first.authorUrl, 'https://fan.example.org/');
    assert.equal(first.thread.title, 'Q&A: AT&T and the «merger»');
    // The public thread shows the link's address as text, never markup.
    const page = await ctx.request.get('/api/v1/threads/wp-7/comments');
    assert.equal(page.body.comments[0].body, first.body);
  });

  it('WordPress: names and bodies pass the form\'s character rules; what was cleaned is in the summary', async () => {
    const cleaned = await byKey('wp:archive.example.org:2');
    // The name loses its bidi override (the form refuses it); the body its C1 controls, written or referenced.
    assert.equal(cleaned.authorName, 'evil name');
    assert.equal(cleaned.body, 'Control character and a raw one: gone.');
    assert.equal(cleaned.authorUrl, null);
    assert.deepEqual(wordpress.warnings, {
      'author name: bidi override characters removed': 1,
      'comment: control characters removed': 1,
      'author URL is not an http(s) address: left out': 1,
    });
  });

  it('Disqus: shortened link text and the redirect wrapper give way to the real address; deleted posts are skipped', async () => {
    const summary = await run('disqus', 'disqus-fidelity.xml');
    assert.equal(summary.error, null);
    assert.equal(summary.imported, 1);
    assert.deepEqual(summary.skipped, { 'deleted in Disqus': 1 });
    assert.deepEqual(summary.examples, [{ importKey: 'disqus:archive:611', reason: 'deleted in Disqus' }]);
    const post = await byKey('disqus:archive:610');
    assert.equal(post.body, 'Source: https://www.example.com/2022/02/a-very-long-article-address/\n\nAnd this page (https://example.net/page).');
    assert.equal(post.thread.title, 'Links & more');
  });
});

describe('imports obey the same limits as the form', () => {
  it('skips bodies and names over the limits, leaves out long addresses, and reads a 70 MB comment within a 40 MB heap', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'majlis-limits-'));
    const file = join(dir, 'limits.xml');
    const out = createWriteStream(file);
    const write = async (text: string) => {
      if (!out.write(text)) await once(out, 'drain');
    };
    const open = (id: number, name: string, url: string) =>
      `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author><![CDATA[${name}]]></wp:comment_author><wp:comment_author_email>r${id}@example.org</wp:comment_author_email><wp:comment_author_url>${url}</wp:comment_author_url><wp:comment_date_gmt>2024-01-01 00:00:0${id}</wp:comment_date_gmt><wp:comment_content><![CDATA[`;
    const close = ']]></wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>0</wp:comment_parent></wp:comment>\n';
    const comment = (id: number, body: string, name = 'Reader', url = '') => `${open(id, name, url)}${body}${close}`;
    const block = 'تعليق طويل جدًا. A very long comment. '.repeat(1000);
    await write('<?xml version="1.0" encoding="UTF-8"?>\n<rss xmlns:wp="http://wordpress.org/export/1.2/" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><wp:base_site_url>https://limits.example</wp:base_site_url>\n');
    // A post whose own content (about 15 MB) is never kept, then the comments.
    await write('<item><title>Limits</title><link>https://limits.example/1</link><wp:post_id>1</wp:post_id><content:encoded><![CDATA[');
    for (let i = 0; i < 300; i += 1) await write(block);
    await write(']]></content:encoded>');
    await write(comment(1, 'ت'.repeat(5000)));
    await write(comment(2, 'x'.repeat(5001)));
    // One comment of about 70 MB.
    await write(open(3, 'Huge', ''));
    for (let i = 0; i < 1400; i += 1) await write(block);
    await write(close);
    await write(comment(4, 'Name too long', 'ن'.repeat(101)));
    await write(comment(5, 'Long website', 'Reader', `https://limits.example/${'a'.repeat(200 - 'https://limits.example/'.length + 1)}`));
    await write('</item></channel></rss>\n');
    out.end();
    await once(out, 'finish');
    const size = statSync(file).size;
    assert.ok(size > 80_000_000, `file is ${size} bytes`);
    try {
      // The heap is capped at 40 MB (about 20 MB of it is Prisma and the driver); the process reports its peak resident memory on exit.
      const reportPeak = 'data:text/javascript,process.on("exit",()=>process.stderr.write("peak-rss-kb "+process.resourceUsage().maxRSS+"\\n"))';
      const child = spawnSync(process.execPath, ['--max-old-space-size=40', '--import', reportPeak, '--import', 'tsx', 'scripts/import.ts', 'wordpress', file], {
        env: { ...process.env, DATABASE_URL: ctx.config.DATABASE_URL, SECRET: ctx.config.SECRET, NODE_ENV: 'test' },
        encoding: 'utf8',
      });
      assert.equal(child.status, 0, child.stderr);
      const peakMb = Number(/peak-rss-kb (\d+)/.exec(child.stderr)?.[1]) / 1024;
      console.log(`import of a ${Math.round(size / 1e6)} MB file with a 70 MB comment: peak RSS ${peakMb.toFixed(0)} MB`);
      assert.ok(peakMb > 0 && peakMb < 300, `peak RSS ${peakMb} MB`);
      assert.match(child.stdout, /comments imported: 2\n/);
      assert.match(child.stdout, /2 × comment longer than 5000 characters/);
      assert.match(child.stdout, /1 × author name longer than 100 characters/);
      assert.match(child.stdout, /warning: 1 × author URL longer than 200 characters: left out/);
      assert.match(child.stdout, /wp:limits.example:3: comment longer than 5000 characters/);
      const stored = await ctx.db.comment.findMany({ where: { importKey: { startsWith: 'wp:limits.example:' } }, orderBy: { importKey: 'asc' } });
      assert.deepEqual(
        stored.map((c) => [c.importKey, [...c.body].length, c.authorUrl]),
        [
          ['wp:limits.example:1', 5000, null],
          ['wp:limits.example:5', 12, null],
        ],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
