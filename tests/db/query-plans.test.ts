// Flat cost: every statement the hot operations send (post, thread read, counts, queue pages, search) is
// explained on the real database, and none may scan the comments; the hot reads must use their own index.
// On SQLite this holds with no statistics, with real ones, and with statistics that lie about the data.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import supertest from 'supertest';
import { createDb, type Db } from '../../src/db/client.js';
import { SQLITE_VISIBLE_THREAD_INDEX } from '../../src/db/hot-sql.js';
import { applyMigrations } from '../../src/db/migrate.js';
import { asPortableClient } from '../../src/db/portable.js';
import { POSTGRES_SEARCH_INDEXES, SQLITE_SEARCH_TABLE } from '../../src/db/search-index.js';
import { sqliteFilePath } from '../../src/db/sqlite-path.js';
import { PrismaClient as SqliteClient } from '../../src/generated/sqlite/client.js';
import { PrismaClient as PostgresClient } from '../../src/generated/postgresql/client.js';
import { insertArchive } from '../../bench/bulk-comments.js';
import { approvedComment, commentInput, postComment, signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

interface Statement {
  sql: string;
  params: unknown[];
}

let ctx: TestContext;
let traced: Db;
let disconnect: () => Promise<void>;
let captured: Statement[] = [];
let explain: (statement: Statement) => Promise<string[]>;
let auth: string;
const isPostgres = () => !ctx.config.DATABASE_URL.startsWith('file:');

/** A second client on the same database that records every statement it sends. */
function tracingClient(url: string): { db: Db; disconnect: () => Promise<void> } {
  const log = [{ emit: 'event', level: 'query' }] as const;
  const record = (event: { query: string; params: string }) => captured.push({ sql: event.query, params: JSON.parse(event.params) as unknown[] });
  if (url.startsWith('file:')) {
    const client = new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: sqliteFilePath(url) }), log: [...log] });
    client.$on('query', record);
    return { db: client, disconnect: () => client.$disconnect() };
  }
  const client = new PostgresClient({ adapter: new PrismaPg({ connectionString: url }), log: [...log] });
  client.$on('query', record);
  return { db: asPortableClient(client), disconnect: () => client.$disconnect() };
}

/** The plan lines of one statement: SQLite's EXPLAIN QUERY PLAN details, or PostgreSQL's EXPLAIN with sequential scans priced out. */
async function explainer(url: string): Promise<{ explain: typeof explain; close: () => Promise<void> }> {
  if (url.startsWith('file:')) {
    // A connection of its own: SQLite reads the statistics when a connection loads the schema.
    const { db } = createDb(url);
    return {
      explain: async ({ sql, params }) => (await db.$queryRawUnsafe<Array<{ detail: string }>>(`EXPLAIN QUERY PLAN ${sql}`, ...params)).map((row) => row.detail),
      close: () => db.$disconnect(),
    };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // Test tables are tiny, so PostgreSQL would rightly scan them; priced out, a scan remains only where no index can serve.
  await client.query('SET enable_seqscan = off');
  return {
    explain: async ({ sql, params }) => (await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params)).rows.map((row) => row['QUERY PLAN']),
    close: () => client.end(),
  };
}

/** The statements one operation sends, with their plans, keeping those that read comments. */
async function plansOf(operation: () => Promise<unknown>): Promise<Array<{ sql: string; plan: string[] }>> {
  captured = [];
  await operation();
  const reads = captured.filter((s) => /["`]Comment["`]/.test(s.sql) && !/^\s*INSERT/i.test(s.sql));
  return Promise.all(reads.map(async (s) => ({ sql: s.sql, plan: await explain(s) })));
}

/** A plan line that reads every comment (or every entry of one of their indexes), under any alias. */
function scansComments(line: string): boolean {
  return /^SCAN (Comment|c)\b/.test(line) || /^SCAN \w+ USING (COVERING )?INDEX Comment_/.test(line) || /Seq Scan on "Comment"/.test(line);
}

/**
 * A plan line that walks a status index: every comment of a status, which only the queue (ordered and limited by it)
 * may do. A search that also fixes the id (a campaign's members, by id) reads one entry per id.
 */
function walksAStatus(line: string): boolean {
  return /Comment_status_/.test(line) && !/\(status=\? AND id=\?\)/.test(line);
}

function assertNoCommentScan(plans: Array<{ sql: string; plan: string[] }>, options: { statusWalkAllowed?: boolean } = {}): void {
  assert.ok(plans.length > 0, 'the operation read comments');
  for (const { sql, plan } of plans) {
    assert.ok(!plan.some(scansComments), `a statement scans the comments:\n${sql}\n${plan.join('\n')}`);
    if (!options.statusWalkAllowed) assert.ok(!plan.some(walksAStatus), `a statement walks every comment of a status:\n${sql}\n${plan.join('\n')}`);
  }
}

function assertUsesIndex(plans: Array<{ sql: string; plan: string[] }>, index: string): void {
  assert.ok(
    plans.some(({ plan }) => plan.some((line) => line.includes(index))),
    `no statement used ${index}:\n${plans.map((p) => `${p.sql}\n  ${p.plan.join('\n  ')}`).join('\n')}`,
  );
}

let closeExplainer: () => Promise<void>;
let request: supertest.Agent;
let rootId = 0;

before(async () => {
  ctx = await createTestContext();
  ({ db: traced, disconnect } = tracingClient(ctx.config.DATABASE_URL));
  ({ explain, close: closeExplainer } = await explainer(ctx.config.DATABASE_URL));
  request = supertest.agent(ctx.appWith({ db: traced }));
  auth = (await signIn(ctx, 'admin')).auth;
  const top = await approvedComment(ctx, 'planned');
  rootId = top.comment.id;
  for (let i = 0; i < 3; i += 1) await approvedComment(ctx, 'planned', { parentId: rootId });
  for (let i = 0; i < 3; i += 1) await postComment(ctx, 'planned');
  await approvedComment(ctx, 'other');
  await seedLongConversation();
});

/** A conversation longer than a thread page carries (55 replies, each third answering the reply before it). */
async function seedLongConversation(): Promise<void> {
  const now = ctx.clock.now();
  const thread = await ctx.db.thread.create({ data: { key: 'long-planned', createdAt: now } });
  const author = await ctx.db.author.upsert({ where: { emailKey: 'long@example.org' }, create: { emailKey: 'long@example.org', createdAt: now }, update: {} });
  const root = await ctx.db.comment.create({ data: { ...longRow(thread.id, author.emailKey, now), parentId: null } });
  await ctx.db.comment.update({ where: { id: root.id }, data: { rootId: root.id } });
  longRootId = root.id;
  let previous = root.id;
  for (let i = 1; i <= 55; i += 1) {
    const reply = await ctx.db.comment.create({ data: { ...longRow(thread.id, author.emailKey, now), parentId: i % 3 === 0 ? previous : root.id, rootId: root.id, depth: 1 } });
    previous = reply.id;
  }
}

function longRow(threadId: number, authorKey: string, now: Date) {
  return {
    threadId,
    body: 'A long conversation',
    authorName: 'Reader',
    authorEmail: authorKey,
    authorKey,
    status: 'approved' as const,
    reasons: [],
    bodyHash: `long-${Math.random()}`,
    editTokenHash: 'x',
    createdAt: now,
    updatedAt: now,
  };
}
let longRootId = 0;
after(async () => {
  await closeExplainer();
  await disconnect();
  await ctx.close();
});

/** Every hot operation, checked under the statistics the planner has at the time. */
function checkHotOperations(): void {
  it('a post (reply): flood, duplicate and author-history checks each read their own index', async () => {
    const plans = await plansOf(async () => {
      const res = await request.post('/api/v1/threads/planned/comments').send(commentInput({ parentId: rootId }));
      assert.equal(res.status, 201, res.text);
      ctx.clock.advance(60);
    });
    assertNoCommentScan(plans);
    assertUsesIndex(plans, 'Comment_authorKey_createdAt_idx');
    assertUsesIndex(plans, 'Comment_ipHash_createdAt_idx');
    assertUsesIndex(plans, 'Comment_threadId_bodyHash_idx');
  });

  it('a post long enough to fingerprint: each band of its near-duplicate candidates read from its (band, moment) index, bounded by the window', async () => {
    const body = 'The council vote on the new bridge was delayed again, and residents near the river are still waiting for answers.';
    const plans = await plansOf(async () => {
      const res = await request.post('/api/v1/threads/planned/comments').send(commentInput({ body }));
      assert.equal(res.status, 201, res.text);
      ctx.clock.advance(60);
    });
    assertNoCommentScan(plans);
    const near = plans.find(({ sql }) => sql.includes('"nearBand0"'));
    assert.ok(near, 'the post looked for near-duplicates');
    for (let band = 0; band < 8; band += 1) {
      // The moment is part of each lookup, not a filter on the rows it found: older comments sharing a band are never read.
      const bounded = isPostgres()
        ? new RegExp(`Index Cond: \\(\\("nearBand${band}" = [^)]+\\) AND \\("createdAt" >= [^)]+\\)\\)`)
        : new RegExp(`Comment_nearBand${band}_createdAt_idx \\(nearBand${band}=\\? AND createdAt>\\?\\)`);
      assert.ok(near.plan.some((line) => bounded.test(line)), `band ${band} is not bounded by the window:\n${near.plan.join('\n')}`);
    }
    // The candidates, signatures and all, are read as found: sorting them was a third of the query on every post.
    const sorts = near.plan.filter((line) => (isPostgres() ? /\bSort\b/.test(line) : line.includes('TEMP B-TREE')));
    assert.deepEqual(sorts, [], `the near-duplicate candidates are sorted:\n${near.plan.join('\n')}`);
  });

  it('an uncached thread read: top-level comments and their replies each from their own index', async () => {
    await ctx.threadCache.invalidate('planned');
    const plans = await plansOf(async () => assert.equal((await request.get('/api/v1/threads/planned/comments?limit=5')).status, 200));
    assertNoCommentScan(plans);
    assertUsesIndex(plans, 'Comment_threadId_status_parentId_id_idx');
    assertUsesIndex(plans, 'Comment_rootId_status_hiddenByAncestor_id_idx');
  });

  it('an uncached long conversation: its first replies (a LIMIT per conversation), its reply count, and the rest page by page, from the replies index', async () => {
    await ctx.threadCache.invalidate('long-planned');
    const plans = await plansOf(async () => {
      const page = await request.get('/api/v1/threads/long-planned/comments');
      assert.equal(page.status, 200);
      const cursor = (page.body.comments as Array<{ repliesCursor?: string }>)[0]?.repliesCursor;
      assert.ok(cursor, 'the page carries the cursor of the rest');
      const rest = await request.get(`/api/v1/threads/long-planned/comments/${longRootId}/replies?limit=2&cursor=${cursor}`);
      assert.equal(rest.status, 200);
      assert.equal((rest.body.replies as unknown[]).length, 2);
    });
    assertNoCommentScan(plans);
    assertUsesIndex(plans, 'Comment_rootId_status_hiddenByAncestor_id_idx');
    assert.ok(plans.some((p) => /COUNT/i.test(p.sql) && /rootId/.test(p.sql)), 'the reply count was read');
  });

  it('a counts call', async () => {
    const plans = await plansOf(async () => assert.equal((await request.get('/api/v1/counts?threads=planned,other,none')).status, 200));
    assertNoCommentScan(plans);
    // SQLite counts from its partial index alone: on a grown archive a thread's comments lie all over the table, and a
    // row lookup each for "deletedAt" made counts grow with the archive instead of with the threads asked.
    if (sqliteOnly) assertUsesIndex(plans, 'Comment_threadId_status_parentId_id_idx');
    else assertUsesIndex(plans, `COVERING INDEX ${SQLITE_VISIBLE_THREAD_INDEX}`);
  });

  it('a policy preview reads the comments of its days page by page from the index on their time (the archive: 20,000 of them, 40 pages)', async () => {
    const plans = await plansOf(async () => {
      const res = await request.post('/api/v1/moderation/settings/preview').set('Authorization', auth).send({ policy: { premoderation: 'all' }, days: 365 });
      assert.equal(res.status, 200, res.text);
      assert.ok(res.body.compared > 0, 'the preview replayed the seeded comments');
    });
    assertNoCommentScan(plans);
    assertUsesIndex(plans, 'Comment_createdAt_idx');
  });

  it('the first and a deeper queue page, newest and riskiest first, and one thread', async () => {
    for (const query of ['', '&sort=riskiest', '&threadKey=planned']) {
      const first = await plansOf(async () => {
        const res = await request.get(`/api/v1/moderation/comments?status=pending&limit=1${query}`).set('Authorization', auth);
        assert.equal(res.status, 200, res.text);
        const deeper = await request.get(`/api/v1/moderation/comments?status=pending&limit=1&cursor=${encodeURIComponent(res.body.nextCursor as string)}${query}`).set('Authorization', auth);
        assert.equal(deeper.status, 200, deeper.text);
      });
      assertNoCommentScan(first, { statusWalkAllowed: true });
    }
  });

  it('a queue search for a selective term reads the search index (FTS5 trigram table on SQLite, pg_trgm GIN indexes on PostgreSQL), also paged and by thread', async () => {
    // The approved tab: PostgreSQL's planner rightly reads a small tab (2,000 pending of 20,000) through its status
    // index and filters it; for a big one it must take the trigram indexes, never scan.
    for (const query of ['', '&sort=riskiest', '&threadKey=planned']) {
      const plans = await plansOf(async () => {
        const res = await request.get(`/api/v1/moderation/comments?status=approved&limit=1&q=reader%201234${query}`).set('Authorization', auth);
        assert.equal(res.status, 200, res.text);
        if (res.body.nextCursor) {
          const deeper = await request.get(`/api/v1/moderation/comments?status=approved&limit=1&q=reader%201234&cursor=${encodeURIComponent(res.body.nextCursor as string)}${query}`).set('Authorization', auth);
          assert.equal(deeper.status, 200, deeper.text);
        }
      });
      assertNoCommentScan(plans);
      if (!isPostgres()) assertUsesIndex(plans, `${SQLITE_SEARCH_TABLE} VIRTUAL TABLE`);
      // PostgreSQL may read one thread's comments through the thread's index instead: bounded by the thread.
      else if (query !== '&threadKey=planned') for (const index of POSTGRES_SEARCH_INDEXES) assertUsesIndex(plans, index);
    }
  });
}

const sqliteOnly = process.env.TEST_DATABASE_URL ? 'SQLite only: PostgreSQL keeps its own statistics (autovacuum)' : false;

describe('query plans with no statistics (a database never analysed)', { skip: sqliteOnly }, () => {
  checkHotOperations();
});

describe('query plans on a 20,000-comment archive after ANALYZE (what autovacuum or PRAGMA optimize leave)', () => {
  before(async () => {
    await insertArchive(ctx.db, isPostgres(), { tag: 'archive', threads: 200, authors: 300, comments: 20_000 });
  });

  it('SQLite: running the migrations (every start does) gathers the statistics the archive lacks', { skip: sqliteOnly }, async () => {
    const statsOf = () => ctx.db.$queryRawUnsafe<Array<{ idx: string }>>(`SELECT idx FROM sqlite_stat1 WHERE tbl = 'Comment'`);
    assert.deepEqual(await statsOf(), []);
    await applyMigrations(ctx.config.DATABASE_URL);
    assert.ok((await statsOf()).some((row) => row.idx === 'Comment_rootId_status_hiddenByAncestor_id_idx'));
  });

  it('PostgreSQL: statistics as autovacuum gathers them', { skip: !sqliteOnly }, async () => {
    await ctx.db.$executeRawUnsafe('ANALYZE');
  });
  checkHotOperations();
});

describe('query plans with statistics that lie (the status indexes claim to single out one row)', { skip: sqliteOnly }, () => {
  before(async () => {
    await ctx.db.$executeRawUnsafe('ANALYZE');
    await ctx.db.$executeRawUnsafe(`DELETE FROM sqlite_stat1 WHERE tbl = 'Comment'`);
    // A million comments, one per status value in the status indexes, a thousand per thread, author, IP or root.
    const stats: Array<[string, string]> = [
      ['Comment_status_id_idx', '1000000 1 1'],
      ['Comment_status_riskScore_id_idx', '1000000 1 1 1'],
      ['Comment_threadId_status_parentId_id_idx', '1000000 1000 1000 1000 1'],
      ['Comment_rootId_status_hiddenByAncestor_id_idx', '1000000 1000 1000 1000 1'],
      ['Comment_threadId_bodyHash_idx', '1000000 1000 1000'],
      ['Comment_authorKey_createdAt_idx', '1000000 1000 1000'],
      ['Comment_ipHash_createdAt_idx', '1000000 1000 1000'],
    ];
    for (const [idx, stat] of stats) {
      await ctx.db.$executeRawUnsafe(`INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('Comment', '${idx}', '${stat}')`);
    }
    // The planner reads statistics when a connection loads the schema: a new connection plans with these.
    await closeExplainer();
    ({ explain, close: closeExplainer } = await explainer(ctx.config.DATABASE_URL));
  });
  checkHotOperations();
});
