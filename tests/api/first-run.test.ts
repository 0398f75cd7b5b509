import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import supertest from 'supertest';
import { DEMO_ARTICLES } from '../../src/pages/demo-article.js';
import { DEMO_COMMENTS } from '../../src/pages/demo-comments.js';
import { seedDemoThreads } from '../../src/pages/demo-seed.js';
import { createDb } from '../../src/db/client.js';
import { defaultMigrationsDir, migrationProviderOf, readMigrations } from '../../src/db/migrate.js';
import { ModelService } from '../../src/learning/model.service.js';
import { AppError } from '../../src/shared/errors.js';
import { prepareFirstRun } from '../../src/first-run.js';
import type { PublicComment } from '../../src/threads/thread.schemas.js';
import { createTestContext, type TestContext } from '../setup/app.js';

function collectingLogger() {
  const lines: Array<{ level: number; msg: string }> = [];
  const logger = pino({ level: 'info' }, new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as { level: number; msg: string });
      done();
    },
  }));
  return { logger, lines };
}

const flatten = (comments: PublicComment[]): PublicComment[] => comments.flatMap((c) => [c, ...flatten(c.replies)]);

describe('the demo threads outside production', () => {
  let ctx: TestContext;
  before(async () => {
    ctx = await createTestContext();
  });
  after(async () => ctx.close());

  it('start with an approved conversation in Arabic and in English, dated by the clock', async () => {
    const seeded = await seedDemoThreads({ db: ctx.db, config: ctx.config, clock: ctx.clock, threadCache: ctx.threadCache });
    assert.deepEqual(seeded, ['demo-library-en', 'demo-library-ar']);
    for (const lang of ['ar', 'en'] as const) {
      const res = await ctx.request.get(`/api/v1/threads/${DEMO_ARTICLES[lang].threadKey}/comments`);
      assert.equal(res.status, 200);
      assert.equal(res.body.thread.commentCount, DEMO_COMMENTS[lang].length);
      assert.equal(res.body.thread.title, DEMO_ARTICLES[lang].title);
      const [first] = res.body.comments as PublicComment[];
      assert.ok(first && first.replies.length === 1 && first.replies[0]?.replies.length === 1, 'a reply, and a reply to it');
      const shown = flatten(res.body.comments as PublicComment[]);
      assert.deepEqual(shown.map((c) => c.body).sort(), DEMO_COMMENTS[lang].map((c) => c.body).sort());
      for (const comment of DEMO_COMMENTS[lang]) {
        const match = shown.find((c) => c.body === comment.body);
        assert.equal(match?.createdAt, new Date(ctx.clock.now().getTime() - comment.minutesAgo * 60_000).toISOString());
      }
    }
    const rows = await ctx.db.comment.findMany({ include: { decisions: true } });
    assert.ok(rows.every((row) => row.status === 'approved' && row.importKey?.startsWith('demo:') && row.decisions[0]?.actor === 'demo'));
    // The demo is nobody's decision: the classifier has nothing to learn from it.
    const models = new ModelService({ db: ctx.db, clock: ctx.clock, logger: pino({ level: 'silent' }), config: ctx.config });
    assert.deepEqual((await models.status()).decided, { acceptable: 0, abusive: 0, spam: 0 });
    await assert.rejects(models.train(), (error: unknown) => error instanceof AppError && error.code === 'no_training_data');
    // A database seeded before the demo had its own actor is relabelled by its migration.
    await ctx.db.decision.updateMany({ where: { actor: 'demo' }, data: { actor: 'import' } });
    const migration = readMigrations(defaultMigrationsDir(migrationProviderOf(ctx.config.DATABASE_URL))).find((file) => file.name.endsWith('_demo_decisions'));
    await ctx.db.$executeRawUnsafe(migration?.script ?? '');
    assert.equal(await ctx.db.decision.count({ where: { actor: 'import' } }), 0);
    assert.deepEqual((await models.status()).decided, { acceptable: 0, abusive: 0, spam: 0 });
    const page = await ctx.request.get('/demo');
    assert.ok(page.text.includes(DEMO_COMMENTS.ar[0]?.body ?? '?'), 'the server-rendered demo shows them too');
  });

  it('are seeded once: a restart adds nothing, and comments a newsroom deleted stay deleted', async () => {
    const before = await ctx.db.comment.count();
    assert.deepEqual(await seedDemoThreads({ db: ctx.db, config: ctx.config, clock: ctx.clock, threadCache: ctx.threadCache }), []);
    assert.equal(await ctx.db.comment.count(), before);
    await ctx.db.comment.deleteMany({ where: { thread: { key: 'demo-library-en' } } });
    assert.deepEqual(await seedDemoThreads({ db: ctx.db, config: ctx.config, clock: ctx.clock, threadCache: ctx.threadCache }), []);
    assert.equal(await ctx.db.comment.count({ where: { thread: { key: 'demo-library-en' } } }), 0);
  });
});

describe('a start in production', () => {
  it('never seeds demo comments', async () => {
    const ctx = await createTestContext({ NODE_ENV: 'production' });
    try {
      assert.deepEqual(await seedDemoThreads({ db: ctx.db, config: ctx.config, clock: ctx.clock, threadCache: ctx.threadCache }), []);
      const { logger } = collectingLogger();
      await prepareFirstRun({ db: ctx.db, config: ctx.config, clock: ctx.clock, threadCache: ctx.threadCache, logger });
      assert.equal(await ctx.db.thread.count(), 0);
      assert.equal(await ctx.db.comment.count(), 0);
    } finally {
      await ctx.close();
    }
  });
});

describe('prepareFirstRun', () => {
  it('prints a working one-time setup link while nobody can sign in', async () => {
    const ctx = await createTestContext();
    try {
      const { logger, lines } = collectingLogger();
      const firstRun = await prepareFirstRun({ db: ctx.db, config: ctx.config, clock: ctx.clock, threadCache: ctx.threadCache, logger });
      firstRun.announce('http://localhost:3999');
      const line = lines.find((l) => l.msg.includes('/admin#setup='));
      assert.equal(line?.level, 40, 'a warning, so a quieter LOG_LEVEL still shows it');
      const token = /\/admin#setup=([\w-]+)/.exec(line?.msg ?? '')?.[1] ?? '';
      assert.match(line?.msg ?? '', /^No moderator account exists yet\..* http:\/\/localhost:3999\/admin#setup=[\w-]{43}$/);
      const res = await supertest(ctx.appWith({ setupToken: firstRun.setupToken })).post('/api/v1/setup/admin').send({ token, email: 'first@newsroom.example', password: 'the first admin passphrase' });
      assert.equal(res.status, 201);
      assert.ok(lines.some((l) => l.msg === 'added demo comments to /demo and /demo/en'));
    } finally {
      await ctx.close();
    }
  });

  it('prints no link when ADMIN_EMAIL made the first admin, nor once any moderator exists', async () => {
    const ctx = await createTestContext({ ADMIN_EMAIL: 'ops@newsroom.example', ADMIN_PASSWORD: 'from the environment' });
    try {
      const { logger, lines } = collectingLogger();
      const firstRun = await prepareFirstRun({ db: ctx.db, config: ctx.config, clock: ctx.clock, threadCache: ctx.threadCache, logger });
      firstRun.announce('http://localhost:3999');
      assert.ok(lines.some((l) => l.msg === 'created the first admin from ADMIN_EMAIL'));
      assert.ok(!lines.some((l) => l.msg.includes('#setup=')));
      const login = await ctx.request.post('/api/v1/auth/login').send({ email: 'ops@newsroom.example', password: 'from the environment' });
      assert.equal(login.status, 200);
      const again = collectingLogger();
      (await prepareFirstRun({ db: ctx.db, config: ctx.config, clock: ctx.clock, threadCache: ctx.threadCache, logger: again.logger })).announce('http://localhost:3999');
      assert.ok(!again.lines.some((l) => l.msg.includes('#setup=') || l.msg.startsWith('added demo')));
    } finally {
      await ctx.close();
    }
  });

  it('two instances starting together on an empty database with ADMIN_EMAIL both come up, with one admin', async () => {
    const ctx = await createTestContext({ ADMIN_EMAIL: 'race@newsroom.example', ADMIN_PASSWORD: 'from the environment' });
    // A second instance: its own connection to the same database.
    const second = createDb(ctx.config.DATABASE_URL);
    try {
      const start = (db: typeof ctx.db) => prepareFirstRun({ db, config: ctx.config, clock: ctx.clock, threadCache: ctx.threadCache, logger: collectingLogger().logger });
      // Both see no moderator, both hash the password (which takes long enough for the other to look too), both insert.
      const results = await Promise.allSettled([start(ctx.db), start(second.db)]);
      assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'fulfilled'], JSON.stringify(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))));
      assert.equal(await ctx.db.moderator.count(), 1);
      const login = await ctx.request.post('/api/v1/auth/login').send({ email: 'race@newsroom.example', password: 'from the environment' });
      assert.equal(login.status, 200);
    } finally {
      await second.db.$disconnect();
      await ctx.close();
    }
  });
});
