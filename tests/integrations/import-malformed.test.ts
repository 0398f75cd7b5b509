import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importFile, type ImportFormat } from '../../src/imports/import-file.js';
import { createTestContext, type TestContext } from '../setup/app.js';

// A WordPress or Disqus export that breaks partway (cut off, or a bad tag) is refused whole: nothing of it is stored,
// so no thread is left behind empty and no reply is stored flat because its parent was past the break.
let ctx: TestContext;
const dir = mkdtempSync(join(tmpdir(), 'majlis-malformed-'));
before(async () => {
  ctx = await createTestContext();
});
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await ctx.close();
});

const fixtureLines = (name: string) => readFileSync(new URL(`../fixtures/imports/${name}`, import.meta.url), 'utf8').split('\n');
const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const importAs = (format: ImportFormat, path: string) => importFile({ db: ctx.db, secret: ctx.config.SECRET, clock: ctx.clock }, format, path);
const stored = async () => ({ threads: await ctx.db.thread.count(), comments: await ctx.db.comment.count(), decisions: await ctx.db.decision.count() });

describe('npm run import of a file that breaks partway', () => {
  it('a Disqus export cut off after its threads and first posts stores no thread and no post, and says where it broke', async () => {
    const lines = fixtureLines('disqus.xml');
    // Both threads, then one whole post of the first, then a post of the second cut off in its message.
    const secondThread = lines.slice(7, 19).join('\n').replaceAll('5001', '5002').replace('/elections/', '/second/');
    const cut = [...lines.slice(0, 19), secondThread, ...lines.slice(29, 38), '  <post dsq:id="9010">', '    <message><![CDATA[<p>Cut off in the mid'].join('\n');
    const summary = await importAs('disqus', write('cut.xml', cut));
    assert.match(summary.error ?? '', /^The file is not well-formed XML near line \d+: [^\n]+[^.]\. Nothing was imported; fix the file and run the import again\.$/);
    assert.deepEqual([summary.threads, summary.imported, summary.threadKeys], [0, 0, []]);
    assert.deepEqual(await stored(), { threads: 0, comments: 0, decisions: 0 });
  });

  it('a WordPress export with a bad closing tag stores nothing, neither the comments before it nor the reply whose parent it broke in; the CLI exits 1', async () => {
    const lines = fixtureLines('wordpress.xml');
    // Comment 101, then 103 (a reply to 102, listed before it), then 102 breaks on a closing tag that is not its element's.
    const bad = [...lines.slice(0, 53), '\t\t\t<wp:comment_author_IP>198.51.100.7</wp:comment_IP>', ...lines.slice(54)].join('\n');
    const path = write('bad-tag.xml', bad);
    const summary = await importAs('wordpress', path);
    assert.match(summary.error ?? '', /^The file is not well-formed XML near line 54: [^\n]+[^.]\. Nothing was imported; fix the file and run the import again\.$/);
    assert.deepEqual(summary.warnings, {});
    assert.deepEqual(await stored(), { threads: 0, comments: 0, decisions: 0 });
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import.ts', 'wordpress', path], {
      env: { ...process.env, DATABASE_URL: ctx.config.DATABASE_URL, SECRET: ctx.config.SECRET, NODE_ENV: 'test' },
      encoding: 'utf8',
    });
    assert.equal(cli.status, 1, cli.stderr);
    assert.match(cli.stdout, /^error: The file is not well-formed XML near line 54: .+ Nothing was imported; fix the file and run the import again\.$/m);
    assert.deepEqual(await stored(), { threads: 0, comments: 0, decisions: 0 });

    // Fixed, the same file imports whole, its reply under its parent.
    const fixed = await importAs('wordpress', write('fixed.xml', lines.join('\n')));
    assert.equal(fixed.error, null);
    const early = await ctx.db.comment.findUniqueOrThrow({ where: { importKey: 'wp:news.example.org:103' }, include: { parent: true } });
    assert.equal(early.parent?.importKey, 'wp:news.example.org:102');
  });
});
