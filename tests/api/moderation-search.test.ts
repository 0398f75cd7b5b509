// Queue search behaves the same on SQLite and PostgreSQL (CI runs this file on both): case, Arabic
// letter variants, diacritics and tatweel do not matter, and addresses are found by their normal form.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { backfillSearchText } from '../../src/comments/search-backfill.js';
import { defaultMigrationsDir, migrationProviderOf, readMigrations } from '../../src/db/migrate.js';
import { postComment, signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
let auth: string;
const ids: Record<string, number> = {};
before(async () => {
  ctx = await createTestContext();
  auth = (await signIn(ctx, 'moderator')).auth;
  const post = async (name: string, overrides: Record<string, unknown>) => {
    ids[name] = (await postComment(ctx, 'search-thread', overrides)).comment.id;
  };
  await post('ahmad', { authorName: 'أحمد', body: 'رأيٌ في المدرسة الجديدة' });
  await post('english', { authorName: 'Zoë Fischer', body: 'The BUDGET debate was Overdue.' });
  await post('mail', { authorName: 'Kim', body: 'A plain note.', authorEmail: 'Kim.Reader@Example.ORG' });
  await post('percent', { authorName: 'Rana', body: 'Up 5% on the year, 10_000 readers.', authorEmail: 'rana_b@example.org' });
  await post('digits', { authorName: 'Nour', body: 'الحافلة ٧٢٤ تأخرت مرة أخرى منذ 2019' });
});
after(async () => ctx?.close());

const search = async (q: string): Promise<number[]> => {
  const res = await ctx.request.get('/api/v1/moderation/comments').query({ status: 'pending', q }).set('Authorization', auth);
  assert.equal(res.status, 200, res.text);
  return (res.body.items as Array<{ id: number }>).map((item) => item.id).sort((a, b) => a - b);
};

describe('queue search', () => {
  const cases: Array<[query: string, expected: string[]]> = [
    ['احمد', ['ahmad']], // hamza carrier: احمد finds أحمد
    ['أحمد', ['ahmad']],
    ['رأي', ['ahmad']], // the tanween on رأيٌ does not hide it
    ['راي', ['ahmad']],
    ['المدرسه', ['ahmad']], // ة and ه
    ['المـــدرسة', ['ahmad']], // tatweel in the query
    ['budget', ['english']],
    ['Budget DEBATE', ['english']],
    ['overdue', ['english']],
    ['zoe', ['english']], // diaeresis
    ['kim.reader@example.org', ['mail']], // the address, any case
    ['KIM.READER', ['mail']],
    ['nothing like this', []],
    // LIKE's own characters are taken literally, however short the term: '%' is not "anything" (punctuation is not
    // kept in the folded text; '_' is in an address), '_' not "any one character".
    ['%', []],
    ['_', ['percent']],
    ['5%', ['percent']],
    ['a_b', ['percent']],
    // Arabic-Indic and Persian digits search as ASCII ones, in the stored text and in the query, short or indexed.
    ['724', ['digits']],
    ['٧٢٤', ['digits']],
    ['۷۲۴', ['digits']],
    ['٢٠١٩', ['digits']],
    ['٧٢', ['digits']],
    ['19', ['digits']],
  ];
  for (const [query, expected] of cases) {
    it(`"${query}" finds ${expected.join(', ') || 'nothing'}`, async () => {
      assert.deepEqual(await search(query), expected.map((name) => ids[name]).sort((a, b) => (a ?? 0) - (b ?? 0)));
    });
  }

  it('finds comments stored before search text existed, once the start-up backfill has run', async () => {
    const id = ids.english as number;
    await ctx.db.comment.update({ where: { id }, data: { searchText: null } });
    assert.deepEqual(await search('overdue'), []);
    await backfillSearchText(ctx.db, pino({ level: 'silent' }));
    assert.deepEqual(await search('overdue'), [id]);
  });

  it("finds Arabic-Indic digits stored before they were folded, once the migration and the backfill have run", async () => {
    const id = ids.digits as number;
    const row = await ctx.db.comment.findUniqueOrThrow({ where: { id }, select: { searchText: true } });
    // The search text as the fold before this one stored it: the digits as written.
    await ctx.db.comment.update({ where: { id }, data: { searchText: (row.searchText ?? '').replace('724', '٧٢٤') } });
    assert.deepEqual(await search('724'), []);
    const provider = migrationProviderOf(ctx.config.DATABASE_URL);
    const migration = readMigrations(defaultMigrationsDir(provider)).find((file) => file.name.endsWith('_search_text_digits'));
    assert.ok(migration);
    await ctx.db.$executeRawUnsafe(migration.script);
    await backfillSearchText(ctx.db, pino({ level: 'silent' }));
    assert.deepEqual(await search('724'), [id]);
    assert.deepEqual(await search('الحافله'), [id]);
  });

  it('follows an edit: the old words are gone, the new ones are found', async () => {
    const posted = await postComment(ctx, 'search-edit', { body: 'Original wording here.' });
    const edited = await ctx.request.patch(`/api/v1/comments/${posted.comment.id}`).set('X-Edit-Token', posted.editToken).send({ body: 'Rewritten phrasing instead.' });
    assert.equal(edited.status, 200);
    assert.deepEqual(await search('original wording'), []);
    assert.deepEqual(await search('REWRITTEN'), [posted.comment.id]);
  });
});
