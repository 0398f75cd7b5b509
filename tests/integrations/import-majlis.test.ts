import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importFile } from '../../src/imports/import-file.js';
import { approvedComment, describeThread, postComment, setStatus, signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

// Moving Majlis to another server: what `npm run export` writes, `npm run import -- majlis` reads into a fresh database.
// Three installations, each with its own SECRET, as real ones have: an export names the comments written there by it.
let from: TestContext;
let to: TestContext;
let other: TestContext;
const dir = mkdtempSync(join(tmpdir(), 'majlis-move-'));
before(async () => {
  from = await createTestContext({ SECRET: 'the-first-installations-secret-long-enough' });
  to = await createTestContext({ SECRET: 'the-second-installations-secret-long-enough' });
  other = await createTestContext({ SECRET: 'a-third-installations-secret-long-enough' });
});
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await from.close();
  await to.close();
  await other.close();
});

const cli = (ctx: TestContext, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', ...args], {
    env: { ...process.env, DATABASE_URL: ctx.config.DATABASE_URL, SECRET: ctx.config.SECRET, NODE_ENV: 'test' },
    encoding: 'utf8',
  });

type Line = Record<string, unknown> & { type: string };
const exported = (ctx: TestContext, name: string): Line[] => {
  const file = join(dir, name);
  const run = cli(ctx, 'scripts/export.ts', '--out', file);
  assert.equal(run.status, 0, run.stderr);
  return readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Line);
};

/** Each comment as another installation can compare it: named by where it came from, its parent too. */
const comparable = (lines: Line[], keyOf: (line: Line) => string) => {
  const comments = lines.filter((line) => line.type === 'comment');
  const keys = new Map(comments.map((line) => [line.id, keyOf(line)]));
  return comments
    .map(({ id, importKey: _importKey, parentId, parentImportKey: _parentImportKey, ...rest }) => ({ ...rest, key: keys.get(id), parent: parentId === null ? null : keys.get(parentId) }))
    .sort((a, b) => String(a.key).localeCompare(String(b.key)));
};

/** A thread page as readers see it, without the ids that differ between installations. */
const page = async (ctx: TestContext, key: string) => {
  const shape = (comments: Array<Record<string, unknown>>): unknown =>
    comments.map((c) => ({ authorName: c.authorName, authorUrl: c.authorUrl, body: c.body, edited: c.edited, deleted: c.deleted, createdAt: c.createdAt, replies: shape((c.replies as Array<Record<string, unknown>> | undefined) ?? []) }));
  const res = await ctx.request.get(`/api/v1/threads/${key}/comments`);
  assert.equal(res.status, 200);
  return { thread: res.body.thread, comments: shape(res.body.comments) };
};

describe('npm run export, then npm run import -- majlis into a fresh database', () => {
  it('brings back every thread (title, url, language, closed, date) and comment (parent, status, dates, author, language), once', async () => {
    const admin = await signIn(from, 'admin');
    // An archive imported from WordPress before: its comments keep the keys a later WordPress import recognises.
    const wp = await importFile({ db: from.db, secret: from.config.SECRET, clock: from.clock }, 'wordpress', new URL('../fixtures/imports/wordpress.xml', import.meta.url).pathname, { threadLang: 'ar' });
    assert.equal(wp.error, null);
    await describeThread(from, 'moving-a', { title: 'مقال عن الانتقال', url: 'https://news.example.org/moving-a' });
    const top = await approvedComment(from, 'moving-a', { body: 'تعليق أول', authorUrl: 'https://reader.example.org' });
    const reply = await approvedComment(from, 'moving-a', { parentId: top.comment.id, body: 'A reply' });
    await approvedComment(from, 'moving-a', { parentId: reply.comment.id, body: 'A reply to the reply' });
    const held = await postComment(from, 'moving-a', { parentId: top.comment.id, body: 'Waiting for a moderator' });
    assert.equal(held.status, 'pending');
    const rejected = await postComment(from, 'moving-a', { body: 'Rejected by a moderator' });
    await setStatus(from, rejected.comment.id, 'rejected');
    const spam = await postComment(from, 'moving-a', { body: 'Marked as spam' });
    await setStatus(from, spam.comment.id, 'spam');
    const flagged = await approvedComment(from, 'moving-a', { body: 'Flagged by readers' });
    await setStatus(from, flagged.comment.id, 'flagged');
    // An author's edit, and a deleted comment that stays as a placeholder above its approved reply.
    const edited = await approvedComment(from, 'moving-a', { body: 'Before the edit' });
    assert.equal((await from.request.patch(`/api/v1/comments/${edited.comment.id}`).set('x-edit-token', edited.editToken).send({ body: 'After the edit' })).status, 200);
    await setStatus(from, edited.comment.id, 'approved');
    const gone = await approvedComment(from, 'moving-a', { body: 'Deleted later by its author' });
    await approvedComment(from, 'moving-a', { parentId: gone.comment.id, body: 'An answer that stays' });
    assert.equal((await from.request.delete(`/api/v1/comments/${gone.comment.id}`).set('x-edit-token', gone.editToken)).status, 204);
    // Plain text as typed: what looks like an HTML entity in a name or title is not one here (WordPress's would be).
    await describeThread(from, 'moving-b', { title: 'Q&amp;A <live>' });
    await approvedComment(from, 'moving-b', { body: 'English thread', lang: 'en', authorName: 'R&amp;D desk' });
    assert.equal((await from.request.patch('/api/v1/moderation/threads/moving-b').set('Authorization', admin.auth).send({ closed: true })).status, 200);

    const original = exported(from, 'site.ndjson');
    const run = cli(to, 'scripts/import.ts', 'majlis', join(dir, 'site.ndjson'));
    assert.equal(run.status, 0, run.stdout + run.stderr);
    // The decision log is the other installation's (its moderators, its ids): it stays in the file, and the summary says so.
    const decisions = original.filter((line) => line.type === 'decision').length;
    assert.match(run.stdout, new RegExp(`warning: ${decisions} × decision-log entry left in the file`));
    const count = original.filter((line) => line.type === 'comment').length;
    assert.match(run.stdout, new RegExp(`comments imported: ${count}\\n`));

    const moved = exported(to, 'moved.ndjson');
    const threads = (lines: Line[]) => lines.filter((line) => line.type === 'thread').sort((a, b) => String(a.key).localeCompare(String(b.key)));
    assert.deepEqual(threads(moved), threads(original));
    // A comment written in the first installation is named by it and its id there; one imported there keeps the key it came with.
    assert.ok(original.some((line) => line.type === 'comment' && /^majlis:[\w-]{12}:\d+$/.test(String(line.importKey))));
    assert.deepEqual(comparable(moved, (line) => String(line.importKey)), comparable(original, (line) => String(line.importKey)));
    for (const key of ['moving-a', 'moving-b', 'wp-12', 'wp-13']) assert.deepEqual(await page(to, key), await page(from, key), key);
    // An import's status is a person's word on the text as it came, an edit made on the old server included: a label here.
    const editedHere = await to.db.comment.findFirstOrThrow({ where: { body: 'After the edit' } });
    assert.ok(editedHere.editedAt !== null);
    const toModerator = await signIn(to, 'moderator');
    const item = await to.request.get(`/api/v1/moderation/comments/${editedHere.id}`).set('Authorization', toModerator.auth);
    assert.deepEqual([item.body.status, item.body.decidedByModerator], ['approved', true]);

    // Safe to run twice; the WordPress file the first installation imported is recognised here too.
    const again = cli(to, 'scripts/import.ts', 'majlis', join(dir, 'site.ndjson'));
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, new RegExp(`comments imported: 0\\nalready imported \\(left unchanged\\): ${count}\\n`));
    const wpAgain = await importFile({ db: to.db, secret: to.config.SECRET, clock: to.clock }, 'wordpress', new URL('../fixtures/imports/wordpress.xml', import.meta.url).pathname);
    assert.deepEqual([wpAgain.imported, wpAgain.alreadyImported], [0, wp.imported]);
    assert.equal(await to.db.comment.count(), count);
  });

  it("keeps two installations' comments apart, and recognises its own when a site comes back", async () => {
    // The third installation has comments of its own, with the same ids as the first's.
    const own = await approvedComment(other, 'other-site', { body: 'Written on the third installation' });
    await approvedComment(other, 'other-site', { parentId: own.comment.id, body: 'Its reply, written there too' });
    exported(from, 'first.ndjson');
    const first = cli(other, 'scripts/import.ts', 'majlis', join(dir, 'first.ndjson'));
    assert.equal(first.status, 0, first.stdout + first.stderr);
    const merged = exported(other, 'merged.ndjson');
    const written = merged.filter((line) => line.type === 'comment').length;
    // Into the second installation, which holds the first's comments already: only the third's own are new.
    const before = await to.db.comment.count();
    const into = cli(to, 'scripts/import.ts', 'majlis', join(dir, 'merged.ndjson'));
    assert.equal(into.status, 0, into.stdout + into.stderr);
    assert.match(into.stdout, new RegExp(`comments imported: 2\\nalready imported \\(left unchanged\\): ${written - 2}\\n`));
    assert.equal(await to.db.comment.count(), before + 2);
    assert.deepEqual(await page(to, 'other-site'), await page(other, 'other-site'));
    // Back into the installation that wrote it: every comment is here already, its own ones included.
    const back = cli(other, 'scripts/import.ts', 'majlis', join(dir, 'merged.ndjson'));
    assert.equal(back.status, 0, back.stdout + back.stderr);
    assert.match(back.stdout, new RegExp(`comments imported: 0\\nalready imported \\(left unchanged\\): ${written}\\n`));
    assert.equal(await other.db.comment.count(), written);
  });

  it('refuses a line whose key no route takes, which no database stores, or whose language Majlis does not speak', async () => {
    const before = await to.db.comment.count();
    const threads = await to.db.thread.count();
    const thread = { type: 'thread', key: 'good-thread', title: 't', url: null, lang: null, closed: false, createdAt: '2024-01-01T00:00:00.000Z' };
    const comment = { type: 'comment', id: 1, threadKey: 'good-thread', parentId: null, parentImportKey: null, authorName: 'N', authorEmail: 'n@example.org', authorUrl: null, body: 'stored before the break', status: 'approved', lang: null, createdAt: '2024-01-01T00:00:00.000Z', editedAt: null, deletedAt: null, importKey: 'majlis:elsewhere:1' };
    for (const [name, bad] of [
      ['nul-key', { ...thread, key: 'bad\u0000key' }],
      ['path-key', { ...thread, key: '../../etc x' }],
      ['markup-lang', { ...thread, key: 'another', lang: '"><script>alert(1)</script>' }],
      ['surrogate-import-key', { ...comment, id: 2, importKey: 'majlis:x:\ud800' }],
      ['nul-parent-key', { ...comment, id: 3, parentId: 1, parentImportKey: 'wp:\u0000', importKey: 'majlis:elsewhere:3' }],
      ['comment-lang', { ...comment, id: 4, lang: 'zz"><b>', importKey: 'majlis:elsewhere:4' }],
    ] as const) {
      const file = join(dir, `${name}.ndjson`);
      writeFileSync(file, [thread, comment, bad].map((line) => JSON.stringify(line)).join('\n'));
      const run = cli(to, 'scripts/import.ts', 'majlis', file);
      assert.equal(run.status, 1, `${name}: ${run.stdout}${run.stderr}`);
      assert.match(run.stdout, /^error: Line 3 is not a line of a Majlis export: .+ Nothing was imported;/m, name);
    }
    assert.equal(await to.db.comment.count(), before);
    assert.equal(await to.db.thread.count(), threads);
  });

  it('refuses a file that is not a Majlis export, or breaks partway, before storing anything, saying which line', async () => {
    const before = await to.db.comment.count();
    const threads = await to.db.thread.count();
    const write = (name: string, text: string) => {
      writeFileSync(join(dir, name), text);
      return join(dir, name);
    };
    const broken = write(
      'broken.ndjson',
      [
        JSON.stringify({ type: 'thread', key: 'never-stored', title: null, url: null, lang: null, closed: false, createdAt: '2024-01-01T00:00:00.000Z' }),
        '{"type":"comment","id":1,"threadKey":"never-stored"',
      ].join('\n'),
    );
    const run = cli(to, 'scripts/import.ts', 'majlis', broken);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /^error: Line 2 is not a line of a Majlis export: .+ Nothing was imported; check the file and the format named\.$/m);
    const xml = cli(to, 'scripts/import.ts', 'majlis', new URL('../fixtures/imports/wordpress.xml', import.meta.url).pathname);
    assert.equal(xml.status, 1);
    assert.match(xml.stdout, /^error: Line 1 is not a line of a Majlis export: it is not JSON\. Nothing was imported;/m);
    const badDate = cli(to, 'scripts/import.ts', 'majlis', write('bad-date.ndjson', JSON.stringify({ type: 'thread', key: 'never-stored', title: null, url: null, lang: null, closed: false, createdAt: 'yesterday' })));
    assert.equal(badDate.status, 1);
    assert.match(badDate.stdout, /^error: Line 1 is not a line of a Majlis export: createdAt: .+\. Nothing was imported;/m);
    const empty = cli(to, 'scripts/import.ts', 'majlis', write('empty.ndjson', '\n'));
    assert.equal(empty.status, 1);
    assert.match(empty.stdout, /^error: This is not a Majlis export: the file holds no line \(is it empty\?\)\. Nothing was imported;/m);
    assert.equal(await to.db.comment.count(), before);
    assert.equal(await to.db.thread.count(), threads);
  });
});
