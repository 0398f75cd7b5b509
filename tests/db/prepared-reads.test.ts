// The hot reads run on statements prepared once, beside Prisma (src/db/prepared-reads.ts): the rows must be
// the ones Prisma's raw path decodes (dates, booleans, JSON, counts), a root client's reads see only what is
// committed, and a transaction's reads, which must see its own writes, stay on its own client.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { createDb } from '../../src/db/client.js';
import { READ_LANES } from '../../src/db/pg-read-lanes.js';
import { Prisma } from '../../src/db/models.js';
import { countOf, readRows } from '../../src/db/hot-sql.js';
import { findThreadByKey } from '../../src/threads/thread.repository.js';
import { findActiveWebhooks } from '../../src/webhooks/webhook.repository.js';
import { readSetting } from '../../src/settings/settings.repository.js';
import { describeThread, postComment } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());

describe('prepared hot reads', () => {
  it('decode rows as Prisma does: dates, booleans, JSON and nulls of comments, threads, settings and webhooks', async () => {
    const posted = await postComment(ctx, 'prepared-a', { body: 'A comment read both ways' });
    await describeThread(ctx, 'prepared-a', { title: 'مقال للتجربة', url: 'https://news.example/a' });
    const id = posted.comment.id;
    await ctx.db.webhook.create({ data: { url: 'https://hooks.example/a', events: ['comment.created'], secret: 's'.repeat(32), createdBy: null, createdAt: ctx.clock.now() } });
    await ctx.db.setting.upsert({ where: { key: 'prepared-test' }, create: { key: 'prepared-test', value: { words: ['كلمة', 'word'], on: true }, version: 3, updatedAt: ctx.clock.now() }, update: {} });

    const query = Prisma.sql`SELECT * FROM "Comment" WHERE "id" = ${id}`;
    const [prepared] = await readRows<Array<Record<string, unknown>>>(ctx.db, query);
    const [viaPrisma] = await ctx.db.$queryRaw<Array<Record<string, unknown>>>(query);
    assert.deepEqual(prepared, viaPrisma);
    assert.ok(prepared?.createdAt instanceof Date);
    assert.equal(typeof prepared?.knownAuthor, 'boolean');
    assert.ok(Array.isArray(prepared?.reasons));

    assert.deepEqual(await findThreadByKey(ctx.db, 'prepared-a'), await ctx.db.thread.findUnique({ where: { key: 'prepared-a' } }));
    assert.equal(await findThreadByKey(ctx.db, 'no-such-thread'), null);
    assert.deepEqual(await readSetting(ctx.db, 'prepared-test'), { value: { words: ['كلمة', 'word'], on: true }, version: 3 });
    assert.deepEqual(await findActiveWebhooks(ctx.db), await ctx.db.webhook.findMany({ where: { deletedAt: null }, orderBy: { id: 'asc' } }));

    // A date parameter compares with the stored dates as Prisma's do.
    const postedAt = prepared?.createdAt as Date;
    const same = Prisma.sql`SELECT COUNT(*) AS n FROM "Comment" WHERE "createdAt" = ${postedAt} AND "id" = ${id}`;
    assert.equal(countOf((await readRows<Array<{ n: unknown }>>(ctx.db, same))[0]?.n), 1);
    const later = Prisma.sql`SELECT COUNT(*) AS n FROM "Comment" WHERE "createdAt" > ${postedAt} AND "id" = ${id}`;
    assert.equal(countOf((await readRows<Array<{ n: unknown }>>(ctx.db, later))[0]?.n), 0);
  });

  it("see only committed rows from the root client, while a transaction's own reads see its writes", async () => {
    const key = 'prepared-uncommitted';
    let insideSaw: number | null = null;
    let outsideSaw: number | null = null;
    await ctx.db.$transaction(async (tx) => {
      await tx.thread.create({ data: { key, createdAt: ctx.clock.now() } });
      insideSaw = (await findThreadByKey(tx, key)) ? 1 : 0;
      outsideSaw = (await findThreadByKey(ctx.db, key)) ? 1 : 0;
    });
    assert.equal(insideSaw, 1, 'the transaction reads its own write');
    assert.equal(outsideSaw, 0, 'the root client sees nothing uncommitted');
    assert.ok(await findThreadByKey(ctx.db, key), 'and sees it once committed');
  });

  it('SQLite: read on Prisma\'s own connection between its transactions, they never write through it', { skip: !onSqlite() && 'SQLite only' }, async () => {
    const key = 'prepared-shared-connection';
    // Right after a write on the same connection, and as numbers where Prisma's connection reads bigints.
    const created = await ctx.db.thread.create({ data: { key, createdAt: ctx.clock.now() } });
    const [row] = await readRows<Array<{ id: unknown; n: unknown }>>(ctx.db, Prisma.sql`SELECT "id", COUNT(*) AS n FROM "Thread" WHERE "key" = ${key}`);
    assert.deepEqual(row, { id: created.id, n: 1 });
    await assert.rejects(
      readRows(ctx.db, Prisma.sql`INSERT INTO "Thread" ("key", "closed", "reactorCount", "createdAt") VALUES (${`${key}-written`}, false, 0, ${ctx.clock.now()}) RETURNING "id"`),
      /must only read/,
    );
    assert.equal(await findThreadByKey(ctx.db, `${key}-written`), null, 'nothing was written');
  });

  it("SQLite: read on Prisma's connection while no transaction is open on it (its page cache stays warm), on their own while one is", { skip: !onSqlite() && 'SQLite only' }, async () => {
    // A temporary table exists only on the connection that made it: Prisma's.
    await ctx.db.$executeRawUnsafe('CREATE TEMP TABLE "OnPrismasConnection" ("n" INTEGER)');
    try {
      await ctx.db.$executeRawUnsafe('INSERT INTO temp."OnPrismasConnection" VALUES (7)');
      const probe = Prisma.sql`SELECT "n" FROM temp."OnPrismasConnection"`;
      assert.deepEqual(await readRows(ctx.db, probe), [{ n: 7 }]);
      await ctx.db.$transaction(async (tx) => {
        await tx.thread.create({ data: { key: 'prepared-while-open', createdAt: ctx.clock.now() } });
        await assert.rejects(readRows(ctx.db, probe), /no such table/, 'the read went to the connection of its own');
      });
      assert.deepEqual(await readRows(ctx.db, probe), [{ n: 7 }], 'and back once the transaction ended');
    } finally {
      await ctx.db.$executeRawUnsafe('DROP TABLE temp."OnPrismasConnection"');
    }
  });

  it('SQLite commits with synchronous NORMAL unless the URL asks ?synchronous=full, erases what it deletes and journals in memory', { skip: !onSqlite() && 'SQLite only' }, async () => {
    const pragma = async (client: ReturnType<typeof createDb>['client'], name: string) =>
      Number(Object.values((await client.$queryRawUnsafe<Array<Record<string, unknown>>>(`PRAGMA ${name}`))[0] ?? {})[0]);
    for (const [suffix, expected] of [['', 1], ['?synchronous=full', 2], ['?synchronous=FULL', 2]] as const) {
      const { client } = createDb(`${ctx.config.DATABASE_URL}${suffix}`);
      assert.equal(await pragma(client, 'synchronous'), expected, `DATABASE_URL${suffix}`);
      assert.equal(await pragma(client, 'secure_delete'), 1);
      // 2 is MEMORY: statement and savepoint journals never touch a temporary file (docs/decisions/0022).
      assert.equal(await pragma(client, 'temp_store'), 2);
      await client.$disconnect();
    }
  });

  it('PostgreSQL: $disconnect leaves no connection open, even when only prepared reads ran', { skip: onSqlite() && 'PostgreSQL only' }, async () => {
    const name = 'majlis-prepared-only-reads';
    const { db } = createDb(`${ctx.config.DATABASE_URL}?application_name=${name}`);
    assert.equal(await findThreadByKey(db, 'prepared-only-reads'), null);
    assert.equal(await connectionsOf(ctx.config.DATABASE_URL, name), 1, 'the read connected');
    await db.$disconnect();
    assert.equal(await connectionsOf(ctx.config.DATABASE_URL, name), 0, 'and is gone');
  });

  it(`PostgreSQL: reads sent together go down at most ${READ_LANES} pipelined connections, each answered with its own rows; one that fails fails alone`, { skip: onSqlite() && 'PostgreSQL only' }, async () => {
    const name = 'majlis-read-lanes';
    const { db } = createDb(`${ctx.config.DATABASE_URL}?application_name=${name}`);
    try {
      const reads = Array.from({ length: 12 }, (_, i) => readRows<Array<{ pid: number; i: number }>>(db, Prisma.sql`SELECT pg_backend_pid() AS pid, ${i}::int AS i, pg_sleep(0.01)::text AS slept`));
      const rows = (await Promise.all(reads)).map((answer) => answer[0]);
      assert.deepEqual(rows.map((row) => row?.i), Array.from({ length: 12 }, (_, i) => i), 'each read gets its own answer');
      assert.equal(new Set(rows.map((row) => row?.pid)).size, READ_LANES, 'spread over the lanes');
      assert.equal(await connectionsOf(ctx.config.DATABASE_URL, name), READ_LANES, 'and no other connection');

      const mixed = await Promise.allSettled([0, 1, 2].map((divisor) => readRows<Array<{ q: number }>>(db, Prisma.sql`SELECT 6 / ${divisor}::int AS q`)));
      assert.deepEqual(mixed.map((outcome) => outcome.status), ['rejected', 'fulfilled', 'fulfilled']);
      assert.match(String((mixed[0] as PromiseRejectedResult).reason), /division by zero/);
      assert.deepEqual(mixed.slice(1).map((outcome) => (outcome as PromiseFulfilledResult<Array<{ q: number }>>).value[0]?.q), [6, 3]);
    } finally {
      await db.$disconnect();
    }
  });

  it('PostgreSQL: an idle connection the server ends is replaced, not fatal', { skip: onSqlite() && 'PostgreSQL only' }, async () => {
    const { db } = createDb(ctx.config.DATABASE_URL);
    try {
      assert.equal(await findThreadByKey(db, 'prepared-terminated'), null);
      const admin = new pg.Client({ connectionString: ctx.config.DATABASE_URL });
      await admin.connect();
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
      await admin.end();
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(await findThreadByKey(db, 'prepared-terminated'), null);
    } finally {
      await db.$disconnect();
    }
  });
});

/** The open connections to a PostgreSQL database that give an application name. */
async function connectionsOf(url: string, applicationName: string): Promise<number> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ n: string }>('SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1', [applicationName]);
    return Number(rows[0]?.n);
  } finally {
    await admin.end();
  }
}

function onSqlite(): boolean {
  return (process.env.TEST_DATABASE_URL ?? '') === '';
}
