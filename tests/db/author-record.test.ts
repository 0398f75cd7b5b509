// A post keeps its author's record (src/authors/author.repository.ts): created on a first comment, given
// its identity key once, and not written again by every later comment of the same author; and the history
// the rules read of it, in one statement.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ensureAuthor, historyOf, identityOf } from '../../src/authors/author.service.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
before(async () => {
  ctx = await createTestContext();
});
after(async () => ctx.close());

const onPostgres = (process.env.TEST_DATABASE_URL ?? '') !== '';

/** PostgreSQL's version of the row (a new one for every write, even of the same values). */
async function rowVersion(emailKey: string): Promise<string | undefined> {
  const [row] = await ctx.db.$queryRaw<Array<{ version: string }>>`SELECT xmin::text AS version FROM "Author" WHERE "emailKey" = ${emailKey}`;
  return row?.version;
}

describe('the author record a post keeps', () => {
  it('is created with its identity key, an older record without one gets it, and a changed key is kept', async () => {
    const now = ctx.clock.now();
    await ensureAuthor(ctx.db, 'first@example.org', 'identity-first', now);
    assert.equal((await ctx.db.author.findUnique({ where: { emailKey: 'first@example.org' } }))?.identityKey, 'identity-first');

    await ctx.db.author.create({ data: { emailKey: 'older@example.org', createdAt: now } });
    await ensureAuthor(ctx.db, 'older@example.org', 'identity-older', now);
    assert.equal((await ctx.db.author.findUnique({ where: { emailKey: 'older@example.org' } }))?.identityKey, 'identity-older');

    await ensureAuthor(ctx.db, 'older@example.org', 'identity-changed', now);
    assert.equal((await ctx.db.author.findUnique({ where: { emailKey: 'older@example.org' } }))?.identityKey, 'identity-changed');
    assert.equal(await ctx.db.author.count({ where: { emailKey: { in: ['first@example.org', 'older@example.org'] } } }), 2);
  });

  it('PostgreSQL: a returning author with the same identity key leaves the row as it was (no new row version)', { skip: !onPostgres && 'PostgreSQL only: SQLite has no row versions to compare' }, async () => {
    const now = ctx.clock.now();
    await ensureAuthor(ctx.db, 'returning@example.org', 'identity-returning', now);
    const before = await rowVersion('returning@example.org');
    await ensureAuthor(ctx.db, 'returning@example.org', 'identity-returning', now);
    assert.equal(await rowVersion('returning@example.org'), before);
    await ensureAuthor(ctx.db, 'returning@example.org', 'identity-new', now);
    assert.notEqual(await rowVersion('returning@example.org'), before, 'a real change is written');
  });

  it('reads its history: banned over trusted over normal across spellings of one identity, and only its approved, visible comments', async () => {
    const now = ctx.clock.now();
    const identity = identityOf('history@example.org', 'history@example.org');
    await ensureAuthor(ctx.db, 'history@example.org', identity, now);
    assert.deepEqual(await historyOf(ctx.db, 'history@example.org', 'history@example.org'), { status: 'normal', approvedCount: 0 });

    await ctx.db.author.create({ data: { emailKey: 'history+a@example.org', identityKey: identity, status: 'trusted', createdAt: now } });
    assert.equal((await historyOf(ctx.db, 'history@example.org', 'history@example.org')).status, 'trusted');
    await ctx.db.author.create({ data: { emailKey: 'history+b@example.org', identityKey: identity, status: 'banned', createdAt: now } });
    assert.equal((await historyOf(ctx.db, 'history@example.org', 'history@example.org')).status, 'banned');
    assert.equal((await historyOf(ctx.db, 'someone-else@example.org', 'someone-else@example.org')).status, 'normal');

    const thread = await ctx.db.thread.create({ data: { key: 'history', createdAt: now } });
    const comment = (status: 'approved' | 'pending', deletedAt: Date | null = null) =>
      ctx.db.comment.create({
        data: { threadId: thread.id, body: 'A comment', authorName: 'History', authorEmail: 'history@example.org', authorKey: 'history@example.org', status, deletedAt, reasons: [], bodyHash: String(Math.random()), editTokenHash: 'x', createdAt: now, updatedAt: now },
      });
    await comment('approved');
    await comment('approved');
    await comment('pending');
    await comment('approved', now);
    assert.equal((await historyOf(ctx.db, 'history@example.org', 'history@example.org')).approvedCount, 2);
  });
});
