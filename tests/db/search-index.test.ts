// The queue search's index (docs/decisions/0018-indexed-queue-search.md) exists only in hand-written SQL: an FTS5
// trigram table kept in step by triggers on SQLite, pg_trgm GIN indexes on PostgreSQL. This file proves that the
// migrations leave it in place (a later Prisma migration that rebuilds "Comment" on SQLite drops the triggers),
// that every kind of write keeps it in step, and that searches through it find what the scan found.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createDb } from '../../src/db/client.js';
import { applyMigrations } from '../../src/db/migrate.js';
import { refreshPlannerStatistics } from '../../src/db/statistics.js';
import { insertArchive } from '../../bench/bulk-comments.js';
import { DENSE_MATCHES } from '../../src/moderation/moderation.repository.js';
import { POSTGRES_SEARCH_INDEXES, SQLITE_SEARCH_TABLE, SQLITE_SEARCH_TRIGGERS } from '../../src/db/search-index.js';
import type { Db } from '../../src/db/client.js';
import { postComment, setPolicy, signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
let moderator: string;
let admin: string;
const isPostgres = () => !ctx.config.DATABASE_URL.startsWith('file:');

/** What of the search index is missing from a migrated database (empty when it is all there). */
async function missingSearchObjects(db: Db, postgres: boolean): Promise<string[]> {
  if (postgres) {
    const ext = await db.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'`);
    const indexes = await db.$queryRawUnsafe<Array<{ indexname: string; indexdef: string }>>(
      `SELECT indexname::text AS indexname, indexdef FROM pg_indexes WHERE tablename = 'Comment' AND schemaname = current_schema()`);
    return [
      ...(ext.length === 0 ? ['extension pg_trgm'] : []),
      ...POSTGRES_SEARCH_INDEXES.filter((name) => !indexes.some((i) => i.indexname === name && /USING gin .*gin_trgm_ops/.test(i.indexdef)))
        .map((name) => `index ${name}`),
    ];
  }
  const objects = await db.$queryRawUnsafe<Array<{ type: string; name: string; tbl_name: string; sql: string }>>(
    `SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name = ? OR type = 'trigger'`, SQLITE_SEARCH_TABLE);
  const table = objects.find((o) => o.type === 'table' && o.name === SQLITE_SEARCH_TABLE);
  return [
    ...(table && /fts5/.test(table.sql) && /trigram/.test(table.sql) && /content\s*=\s*'Comment'/.test(table.sql) ? [] : [`table ${SQLITE_SEARCH_TABLE}`]),
    ...SQLITE_SEARCH_TRIGGERS.filter((name) => !objects.some((o) => o.type === 'trigger' && o.name === name && o.tbl_name === 'Comment'))
      .map((name) => `trigger ${name}`),
  ];
}

/** SQLite: FTS5's own check of the index against "Comment" (rank 1 compares with the external content). */
async function assertIndexInStep(): Promise<void> {
  if (isPostgres()) return; // PostgreSQL maintains its indexes itself.
  await ctx.db.$executeRawUnsafe(`INSERT INTO "${SQLITE_SEARCH_TABLE}" ("${SQLITE_SEARCH_TABLE}", rank) VALUES ('integrity-check', 1)`);
}

const search = async (q: string, extra: Record<string, string> = {}): Promise<number[]> => {
  const res = await ctx.request.get('/api/v1/moderation/comments').query({ status: 'pending', q, ...extra }).set('Authorization', moderator);
  assert.equal(res.status, 200, res.text);
  return (res.body.items as Array<{ id: number }>).map((item) => item.id);
};

before(async () => {
  ctx = await createTestContext();
  await setPolicy(ctx, { challengeWhen: [] });
  moderator = (await signIn(ctx, 'moderator')).auth;
  admin = (await signIn(ctx, 'admin')).auth;
});
after(async () => ctx?.close());

describe('the search index after all migrations', () => {
  it('is in place: FTS5 trigram table and its triggers on SQLite, pg_trgm GIN indexes on PostgreSQL', async () => {
    assert.deepEqual(await missingSearchObjects(ctx.db, isPostgres()), [],
      'a migration removed the queue search index; on SQLite a rebuild of "Comment" drops its triggers: recreate them at the end of that migration');
  });

  it('SQLite: the check notices a table rebuild the way Prisma writes it (the triggers go with the old table)', { skip: !!process.env.TEST_DATABASE_URL }, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'majlis-search-index-'));
    const url = `file:${path.join(dir, 'rebuild.db')}`;
    const { db } = createDb(url);
    try {
      await applyMigrations(url);
      assert.deepEqual(await missingSearchObjects(db, false), []);
      await db.$executeRawUnsafe('PRAGMA foreign_keys = OFF');
      await db.$executeRawUnsafe('CREATE TABLE "new_Comment" AS SELECT * FROM "Comment"');
      await db.$executeRawUnsafe('DROP TABLE "Comment"');
      await db.$executeRawUnsafe('ALTER TABLE "new_Comment" RENAME TO "Comment"');
      assert.deepEqual(await missingSearchObjects(db, false), SQLITE_SEARCH_TRIGGERS.map((name) => `trigger ${name}`));
    } finally {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('SQLite: the statistics FTS5 plans its own statements with', { skip: !!process.env.TEST_DATABASE_URL }, () => {
  // FTS5 drops a merged segment with `DELETE FROM "<table>_data" WHERE id >= ? AND id <= ?` (the same plan as this
  // read, which may be explained: the shadow tables refuse writes from outside) and reads a row's size by its id.
  const segmentRange = `SELECT "block" FROM "${SQLITE_SEARCH_TABLE}_data" WHERE "id" >= ? AND "id" <= ?`;
  const docSize = `SELECT "sz" FROM "${SQLITE_SEARCH_TABLE}_docsize" WHERE "id" = ?`;
  let dir: string;
  let db: Db;
  const planOf = async (sql: string, ...params: number[]) =>
    (await db.$queryRawUnsafe<Array<{ detail: string }>>(`EXPLAIN QUERY PLAN ${sql}`, ...params)).map((row) => row.detail).join('; ');

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'majlis-search-statistics-'));
    const url = `file:${path.join(dir, 'new.db')}`;
    await applyMigrations(url);
    ({ db } = createDb(url));
  });
  after(async () => {
    await db?.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a new installation: the migrations analysed an empty index, yet FTS5 finds a segment by its rowid range, not by reading the whole index', async () => {
    assert.match(await planOf(segmentRange, 1, 2), /USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/);
    assert.match(await planOf(docSize, 1), /USING INTEGER PRIMARY KEY \(rowid=\?\)/);
  });

  it('a running instance: the periodic refresh corrects statistics that claim the index is nearly empty, on its own connection at once', async () => {
    // What ANALYZE wrote on the empty index of a new installation (before the refresh kept it from claiming so).
    await db.$executeRawUnsafe(`DELETE FROM sqlite_stat1 WHERE tbl = '${SQLITE_SEARCH_TABLE}_data'`);
    await db.$executeRawUnsafe(`INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('${SQLITE_SEARCH_TABLE}_data', NULL, '2')`);
    await db.$executeRawUnsafe('ANALYZE sqlite_schema');
    assert.match(await planOf(segmentRange, 1, 2), /^SCAN /, 'with these statistics the planner reads the whole index: the stall this guards against');
    await refreshPlannerStatistics({ provider: 'sqlite', db });
    assert.match(await planOf(segmentRange, 1, 2), /USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/);
  });
});

describe('queue search through the index', () => {
  const ids: Record<string, number> = {};
  before(async () => {
    const post = async (name: string, overrides: Record<string, unknown>) => {
      ids[name] = (await postComment(ctx, 'indexed-search', overrides)).comment.id;
    };
    await post('alef', { authorName: 'إبراهيم', body: 'مقالٌ عن آمالِ الشباب في القاهرة' });
    await post('english', { authorName: 'Margaret Oyelaran', body: 'Infrastructure SPENDING keeps slipping.' });
    await post('mail', { authorName: 'Sam', body: 'A short remark.', authorEmail: 'sam_under.score@Example.net' });
    await assertIndexInStep();
  });

  const cases: Array<[query: string, expected: string[]]> = [
    ['ابراهيم', ['alef']], // إ and ا
    ['إبراهيم', ['alef']],
    ['امال', ['alef']], // آ and the kasra on آمالِ
    ['آمَال', ['alef']], // a fatha in the query
    ['مقال', ['alef']], // tanween on مقالٌ
    ['القاهره', ['alef']], // ة and ه
    ['STRUCTURE', ['english']], // the middle of a word, any case
    ['spending keeps', ['english']],
    ['oyelaran infra', ['english']], // across the name and the body, as the folded column joins them
    ['sam_under', ['mail']], // the address, with _ taken literally
    ['SAM_UNDER.SCORE@EXAMPLE', ['mail']],
    ['samxunder', []],
  ];
  for (const [query, expected] of cases) {
    it(`"${query}" finds ${expected.join(', ') || 'nothing'}`, async () => {
      assert.deepEqual((await search(query)).sort(), expected.map((name) => ids[name]).sort());
    });
  }

  it('queries too short for trigrams still find substrings (by a scan)', async () => {
    assert.deepEqual(await search('ox'), []);
    assert.ok((await search('اب')).includes(ids.alef as number)); // إبراهيم folds to ابراهيم
    assert.ok((await search('yE')).includes(ids.english as number));
  });

  it('pages through many matches in every order, with the thread filter', async () => {
    const posted: number[] = [];
    for (let i = 0; i < 5; i += 1) posted.push((await postComment(ctx, i % 2 ? 'paged-a' : 'paged-b', { body: `Pagination probe item ${i}.` })).comment.id);
    for (const sort of ['newest', 'riskiest', 'safest']) {
      const seen: number[] = [];
      let cursor: string | undefined;
      do {
        const res = await ctx.request.get('/api/v1/moderation/comments')
          .query({ status: 'pending', q: 'pagination probe', limit: 2, sort, ...(cursor ? { cursor } : {}) }).set('Authorization', moderator);
        assert.equal(res.status, 200, res.text);
        seen.push(...(res.body.items as Array<{ id: number }>).map((item) => item.id));
        cursor = res.body.nextCursor ?? undefined;
      } while (cursor);
      assert.deepEqual([...seen].sort((a, b) => a - b), posted, sort);
      if (sort === 'newest') assert.deepEqual(seen, [...posted].reverse());
    }
    assert.deepEqual((await search('pagination probe', { threadKey: 'paged-a' })).sort((a, b) => a - b), [posted[1], posted[3]]);
    assert.deepEqual(await search('pagination probe', { threadKey: 'no-such-thread' }), []);
  });

  it('follows every write: edit, moderation, erasure and deletion', async () => {
    const edited = await postComment(ctx, 'in-step', { body: 'Lighthouse keepers unite.', authorEmail: 'keeper.one@example.com' });
    const res = await ctx.request.patch(`/api/v1/comments/${edited.comment.id}`).set('X-Edit-Token', edited.editToken).send({ body: 'Harbour pilots unite.' });
    assert.equal(res.status, 200, res.text);
    await assertIndexInStep();
    assert.deepEqual(await search('lighthouse'), []);
    assert.deepEqual(await search('harbour pilot'), [edited.comment.id]);

    // A decision moves it to another tab, where the index still finds it.
    const decided = await ctx.request.post(`/api/v1/moderation/comments/${edited.comment.id}/decision`).set('Authorization', moderator).send({ action: 'approve' });
    assert.equal(decided.status, 200, decided.text);
    await assertIndexInStep();
    assert.deepEqual(await search('harbour pilot'), []);
    assert.deepEqual(await search('harbour pilot', { status: 'approved' }), [edited.comment.id]);

    // Anonymised: the text stays (and is found), the name and the address are not found any more.
    const anonymised = await postComment(ctx, 'in-step', { authorName: 'Quillon Vester', body: 'Marmoset sanctuary funding.', authorEmail: 'quillon.vester@example.com' });
    const erase = (email: string, mode: string) => ctx.request.post(`/api/v1/moderation/privacy/${encodeURIComponent(email)}/erase`).set('Authorization', admin).send({ mode });
    assert.deepEqual(await search('marmoset'), [anonymised.comment.id]);
    assert.equal((await erase('quillon.vester@example.com', 'anonymise')).status, 200);
    await assertIndexInStep();
    assert.deepEqual(await search('marmoset'), [anonymised.comment.id]);
    for (const q of ['quillon', 'vester', 'quillon.vester@example.com']) assert.deepEqual(await search(q), [], q);

    // Deleted by the privacy erasure and by its author.
    const deleted = await postComment(ctx, 'in-step', { body: 'Pangolin conservation notes.', authorEmail: 'pangolin.fan@example.com' });
    assert.deepEqual(await search('pangolin'), [deleted.comment.id]);
    assert.equal((await erase('pangolin.fan@example.com', 'delete')).status, 200);
    await assertIndexInStep();
    assert.deepEqual(await search('pangolin'), []);
    const own = await postComment(ctx, 'in-step', { body: 'Narwhal migration routes.' });
    assert.deepEqual(await search('narwhal'), [own.comment.id]);
    assert.equal((await ctx.request.delete(`/api/v1/comments/${own.comment.id}`).set('X-Edit-Token', own.editToken)).status, 204);
    await assertIndexInStep();
    assert.deepEqual(await search('narwhal'), []);
  });

  it(`a risk-ordered search for a term in ${DENSE_MATCHES} comments or more (the scan path) gives the same pages`, async () => {
    await insertArchive(ctx.db, isPostgres(), { tag: 'dense', threads: 10, authors: 50, comments: DENSE_MATCHES + 100 });
    await assertIndexInStep();
    const pages = async (sort: string) => {
      const res = await ctx.request.get('/api/v1/moderation/comments').query({ status: 'approved', q: 'readers view', limit: 5, sort }).set('Authorization', moderator);
      assert.equal(res.status, 200, res.text);
      return (res.body.items as Array<{ id: number }>).map((item) => item.id);
    };
    const newest = await pages('newest'); // unscored, so every order is newest first
    assert.equal(newest.length, 5);
    assert.deepEqual(await pages('riskiest'), newest);
    assert.deepEqual(await pages('safest'), newest);
  });
});
