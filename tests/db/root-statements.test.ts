// A statement of the root client never runs inside another's open transaction (src/db/sqlite-root-statements.ts): on
// SQLite, where Prisma's adapter shares one connection, it waits for the transaction to end; on PostgreSQL it has a
// connection of its own. So a transaction may let the event loop turn (a shared commit, a bulk decision).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { MemoryLiveBus } from '../../src/live/live-bus.js';
import { createLiveHub } from '../../src/live/live-hub.js';
import { createLogger } from '../../src/logging/logger.js';
import { decideInBulk } from '../../src/moderation/moderation.service.js';
import { WORK_MS_PER_TURN } from '../../src/shared/next-turn.js';
import { postComment, signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';
import { holdTheLoop } from '../setup/hold-loop.js';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());

const onSqlite = (process.env.TEST_DATABASE_URL ?? '') === '';

async function storedKeys(prefix: string): Promise<string[]> {
  const rows = await ctx.db.thread.findMany({ where: { key: { startsWith: prefix } }, select: { key: true }, orderBy: { key: 'asc' } });
  return rows.map((row) => row.key);
}

describe('root statements beside an open transaction', () => {
  it('a root read sees nothing the open transaction has not committed', async () => {
    const createdAt = ctx.clock.now();
    // The shape once first, so that Prisma has compiled it and the root call reaches the connection within the wait below.
    await ctx.db.thread.count({ where: { key: 'read-beside' } });
    let rootRead: Promise<number> | undefined;
    await assert.rejects(
      ctx.db.$transaction(async (tx) => {
        await tx.thread.create({ data: { key: 'read-beside', createdAt } });
        // Prisma sends a query only once it is awaited: `then` sends it now, as a request's handler would.
        rootRead = ctx.db.thread.count({ where: { key: 'read-beside' } }).then((count) => count);
        // The turns a yielding transaction gives: other requests' statements come now.
        await sleep(30);
        throw new Error('the transaction fails');
      }),
      /the transaction fails/,
    );
    assert.equal(await rootRead, 0);
  });

  it('a root write is not rolled back with the open transaction', async () => {
    const createdAt = ctx.clock.now();
    await ctx.db.thread.create({ data: { key: 'write-beside-warm', createdAt } });
    let rootWrite: Promise<unknown> | undefined;
    await assert.rejects(
      ctx.db.$transaction(async (tx) => {
        await tx.thread.create({ data: { key: 'write-beside-transaction', createdAt } });
        rootWrite = ctx.db.thread.create({ data: { key: 'write-beside-root', createdAt } }).then((row) => row);
        await sleep(30);
        throw new Error('the transaction fails');
      }),
      /the transaction fails/,
    );
    await rootWrite;
    assert.deepEqual(await storedKeys('write-beside-'), ['write-beside-root', 'write-beside-warm']);
  });

  it('SQLite: a waiting write runs once the transaction ends, and a transaction that waited beside it sees it', { skip: !onSqlite && 'SQLite only: on PostgreSQL nothing waits' }, async () => {
    const createdAt = ctx.clock.now();
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await ctx.db.$transaction(async (tx) => tx.thread.count({ where: { key: 'order-root' } }));
    const first = ctx.db.$transaction(async (tx) => {
      await tx.thread.create({ data: { key: 'order-first', createdAt } });
      await held;
    });
    await sleep(30);
    const rootWrite = ctx.db.thread.create({ data: { key: 'order-root', createdAt } }).then((row) => row);
    const second = ctx.db.$transaction(async (tx) => tx.thread.count({ where: { key: 'order-root' } })).then((count) => count);
    await sleep(30);
    release();
    await Promise.all([first, rootWrite]);
    assert.equal(await second, 1);
    assert.deepEqual(await storedKeys('order-'), ['order-first', 'order-root']);
  });

  it('a thread page not yet cached is answered while a transaction is open: it reads only on prepared statements, which never wait', async () => {
    await postComment(ctx, 'page-beside', { body: 'A comment on a page read beside a transaction' });
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const holding = ctx.db.$transaction(async (tx) => {
      await tx.thread.create({ data: { key: 'page-beside-held', createdAt: ctx.clock.now() } });
      await held;
    }, { timeout: 10_000 });
    await sleep(30);
    const answered = await Promise.race([ctx.request.get('/api/v1/threads/page-beside/comments').then((res) => res.status), sleep(2_000).then(() => 'still waiting')]);
    release();
    await holding;
    assert.equal(answered, 200);
  });

  it(`a bulk decision, one transaction, lets the event loop turn once its changes have held it ${WORK_MS_PER_TURN} ms`, async () => {
    const ids: number[] = [];
    for (let i = 0; i < 4; i += 1) ids.push((await postComment(ctx, 'bulk-turns', { body: `Comment ${i} waiting for a decision` })).comment.id);
    await ctx.db.comment.updateMany({ where: { id: { in: ids } }, data: { status: 'pending' } });
    const { moderator } = await signIn(ctx);
    // Each approved comment's live event renders it, avatar included: here that holds the loop as a slow change would.
    let rendered = 0;
    const slowAvatar = () => {
      rendered += 1;
      holdTheLoop(WORK_MS_PER_TURN / 2 + 1);
      return 'https://avatars.example/reader.svg';
    };
    const deps = { db: ctx.db, config: ctx.config, clock: ctx.clock, threadCache: ctx.threadCache, avatarUrlOf: slowAvatar, live: createLiveHub(new MemoryLiveBus(), ctx.config, createLogger('error')) };
    let renderedWhenAnswered = -1;
    const bulk = decideInBulk(deps, { ids, action: 'approve' }, moderator);
    // Stands for a cached read that arrives while the bulk runs.
    setImmediate(() => (renderedWhenAnswered = rendered));
    assert.equal((await bulk).updated, 4, 'still one transaction, all of it applied');
    assert.ok(renderedWhenAnswered >= 0 && renderedWhenAnswered < 4, `the waiting callback ran after ${renderedWhenAnswered} of 4 changes, not after the batch`);
  });
});
