// The classifier learns from this newsroom's own decisions (never from shipped data), votes only
// once it has seen enough of them, explains itself, and is the same model on every instance.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import supertest from 'supertest';
import type { Label } from '../../src/classifier/index.js';
import { importFile } from '../../src/imports/import-file.js';
import { postComment, restorePolicyAfterEach, setPolicy, signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';
import { syntheticExamples } from '../unit/classifier/examples.js';

const PER_LABEL = 24;
const ACTION: Record<Label, string> = { acceptable: 'approve', abusive: 'reject', spam: 'spam' };

let ctx: TestContext;
let admin: Awaited<ReturnType<typeof signIn>>;
let moderator: Awaited<ReturnType<typeof signIn>>;
const as = (who: { auth: string }) => ({
  get: (path: string) => ctx.request.get(path).set('Authorization', who.auth),
  post: (path: string, body: object = {}) => ctx.request.post(path).set('Authorization', who.auth).send(body),
});

before(async () => {
  ctx = await createTestContext({ CLASSIFIER_MIN_DECISIONS: '20', CLASSIFIER_RETRAIN_AFTER_DECISIONS: '5' });
  admin = await signIn(ctx, 'admin');
  moderator = await signIn(ctx, 'moderator');
});
after(() => ctx?.close());
restorePolicyAfterEach(() => ctx);

/** Posts examples as readers would and has moderators decide them in bulk; returns the ids by label. */
async function decide(examples: ReturnType<typeof syntheticExamples>, thread: string): Promise<Record<Label, number[]>> {
  await setPolicy(ctx, { premoderation: 'all', floodIntervalSeconds: 0, bannedWords: [], suspectWords: [] });
  const ids: Record<Label, number[]> = { acceptable: [], abusive: [], spam: [] };
  for (const [i, example] of examples.entries()) {
    ids[example.label].push((await postComment(ctx, `${thread}-${i % 7}`, { body: `${example.text} (${i})` })).comment.id);
  }
  for (const label of Object.keys(ids) as Label[]) {
    if (ids[label].length > 0) assert.equal((await as(moderator).post('/api/v1/moderation/decisions', { ids: ids[label], action: ACTION[label] })).status, 200);
  }
  return ids;
}

const classifierReason = (item: { reasons: Array<{ rule: string }> }) => item.reasons.find((reason) => reason.rule === 'classifier') as
  | { vote: string; score: number; label: string; modelVersion: number; features: Array<{ feature: string; weight: number; start?: number; end?: number }> }
  | undefined;

describe('the classifier before it is trained', () => {
  it('is silent, says there is no model (404), and training with nothing to learn from is refused', async () => {
    assert.equal((await as(moderator).get('/api/v1/moderation/model')).status, 404);
    const status = await as(moderator).get('/api/v1/moderation/model/status');
    assert.deepEqual([status.body.model, status.body.readiness.ready, status.body.minPerLabel], [null, false, 20]);
    // What a model trained now would lack: every kind, from the decisions there are (none yet).
    assert.deepEqual(status.body.readiness.missing, ['acceptable', 'abusive', 'spam'].map((label) => ({ label, examples: 0, needed: 20 })));
    assert.equal((await as(admin).post('/api/v1/moderation/model/train')).status, 409);
    assert.equal((await as(moderator).post('/api/v1/moderation/model/train')).status, 403);
    const posted = await postComment(ctx, 'before-model', { body: 'You are a stupid idiot who knows nothing about the budget.' });
    const item = await as(moderator).get(`/api/v1/moderation/comments/${posted.comment.id}`);
    assert.equal(classifierReason(item.body), undefined);
  });
});

describe('learning from decisions', () => {
  let ids: Record<Label, number[]>;
  before(async () => {
    ids = await decide(syntheticExamples({ acceptable: PER_LABEL, abusive: PER_LABEL, spam: PER_LABEL }, 7), 'learn');
  });

  it('trains on demand from the decision log, and the model then holds comments like the rejected ones, explaining why', async () => {
    const trained = await as(admin).post('/api/v1/moderation/model/train');
    assert.equal(trained.status, 200, trained.text);
    assert.equal(trained.body.model.version, 1);
    assert.equal(trained.body.model.examples, PER_LABEL * 3);
    assert.deepEqual(trained.body.model.metrics.counts, { acceptable: PER_LABEL, abusive: PER_LABEL, spam: PER_LABEL });
    assert.deepEqual((await as(moderator).get('/api/v1/moderation/model')).body, trained.body);

    await setPolicy(ctx, { premoderation: 'none', classifierHoldAbove: 0.5, bannedWords: [], suspectWords: [] });
    const body = 'Shut up, moron, nobody cares about the hospital.';
    const abusive = await postComment(ctx, 'after-model', { body });
    assert.equal(abusive.status, 'pending', 'held by the classifier');
    const item = (await as(moderator).get(`/api/v1/moderation/comments/${abusive.comment.id}`)).body;
    const reason = classifierReason(item);
    assert.ok(reason);
    assert.deepEqual([reason.vote, reason.label, reason.modelVersion], ['hold', 'abusive', 1]);
    assert.ok(reason.score > 0.5 && reason.score <= 1);
    const spans = reason.features.filter((feature) => feature.start !== undefined);
    assert.ok(spans.length > 0, 'the explanation points into the text');
    for (const feature of spans) assert.equal(body.slice(feature.start, feature.end), feature.feature);
    assert.ok(spans.some((feature) => /moron|shut/i.test(feature.feature) && feature.weight > 0), JSON.stringify(spans));
    // Its author deletes it: the explanation no longer quotes the text that went (its score and the rest stay).
    assert.equal((await ctx.request.delete(`/api/v1/comments/${abusive.comment.id}`).set('X-Edit-Token', abusive.editToken)).status, 204);
    const erased = classifierReason({ reasons: (await ctx.db.comment.findUniqueOrThrow({ where: { id: abusive.comment.id } })).reasons as Array<{ rule: string }> });
    assert.deepEqual([erased?.score, erased?.features.filter((feature) => feature.start !== undefined)], [reason.score, []]);
    assert.equal(/moron|shut|hospital/i.test(JSON.stringify(erased)), false, JSON.stringify(erased));

    const polite = await postComment(ctx, 'after-model', { body: 'Thank you for this clear report on the schools.' });
    assert.equal(polite.status, 'approved', 'a comment like the approved ones goes out');
    const politeReason = classifierReason((await as(moderator).get(`/api/v1/moderation/comments/${polite.comment.id}`)).body);
    assert.equal(politeReason?.vote, 'approve');
    assert.ok((politeReason?.score ?? 1) < 0.5);
  });

  it('rejects or marks spam only above the separate reject threshold, which is off by default', async () => {
    // The training examples were near-copies marked spam: outside the campaign window, only the classifier judges.
    await setPolicy(ctx, { premoderation: 'none', classifierHoldAbove: 0.99, bannedWords: [], suspectWords: [], campaignWindowHours: 1 });
    ctx.clock.advance(2 * 3600);
    const spam = await postComment(ctx, 'thresholds', { body: 'Check out my channel and subscribe for free gift cards!!! now' });
    const reasons = (await ctx.db.comment.findUniqueOrThrow({ where: { id: spam.comment.id } })).reasons;
    assert.equal(spam.status, 'approved', `below the hold threshold and no reject threshold: published (${JSON.stringify(reasons)})`);
    await setPolicy(ctx, { classifierRejectAbove: 0.5 });
    const again = await postComment(ctx, 'thresholds', { body: 'Earn money from home today, call 0800 123 4567 now! really' });
    assert.equal((await ctx.db.comment.findUniqueOrThrow({ where: { id: again.comment.id } })).status, 'spam');
    const abuse = await postComment(ctx, 'thresholds', { body: 'What a pathetic idiot wrote this garbage about the match.' });
    assert.equal(abuse.status, 'rejected');
  });

  it('orders the queue by risk, pages through it, and scores the waiting queue again after training', async () => {
    await setPolicy(ctx, { premoderation: 'all', classifierHoldAbove: 0.7, bannedWords: [], suspectWords: [] });
    const waiting = [
      await postComment(ctx, 'risk', { body: 'Good reporting on the election, please keep covering it. A' }),
      await postComment(ctx, 'risk', { body: 'You are a stupid idiot who knows nothing about the election. B' }),
      await postComment(ctx, 'risk', { body: 'Could you publish the figures behind the budget? C' }),
    ].map((posted) => posted.comment.id);
    const riskiest = await as(moderator).get('/api/v1/moderation/comments?status=pending&threadKey=risk&sort=riskiest&limit=2');
    assert.equal(riskiest.status, 200);
    assert.equal(riskiest.body.items[0].id, waiting[1]);
    const rest = await as(moderator).get(`/api/v1/moderation/comments?status=pending&threadKey=risk&sort=riskiest&limit=50&cursor=${encodeURIComponent(riskiest.body.nextCursor)}`);
    const seen = [...riskiest.body.items, ...rest.body.items].map((item: { id: number }) => item.id);
    assert.equal(new Set(seen).size, seen.length, 'no comment on two pages');
    for (const id of waiting) assert.ok(seen.includes(id));
    const safest = await as(moderator).get('/api/v1/moderation/comments?status=pending&threadKey=risk&sort=safest&limit=1');
    assert.notEqual(safest.body.items[0].id, waiting[1]);
    // The comment posted before any model was scored when the model was trained, so it sorts too.
    const earlier = await as(moderator).get('/api/v1/moderation/comments?status=pending&sort=riskiest&limit=1');
    assert.match(earlier.body.items[0].body, /stupid idiot who knows nothing about the budget/);
    // The item says the score it is ordered by, though its reasons, given at posting, hold none.
    const [first] = earlier.body.items as Array<{ riskScore: number | null; reasons: Array<{ score?: number }> }>;
    assert.ok(first && first.riskScore !== null && first.riskScore > 0.5, JSON.stringify(first?.riskScore));
    assert.equal(first.reasons.some((reason) => reason.score !== undefined), false);
  });

  it('relabels a reversed decision, and retrains in the background once enough new decisions arrived', async () => {
    const before = (await as(moderator).get('/api/v1/moderation/model/status')).body;
    const reversed = ids.abusive.slice(0, 5);
    assert.equal((await as(moderator).post('/api/v1/moderation/decisions', { ids: reversed, action: 'approve' })).status, 200);
    const after = (await as(moderator).get('/api/v1/moderation/model/status')).body;
    assert.equal(after.decided.abusive, before.decided.abusive - 5);
    assert.equal(after.decided.acceptable, before.decided.acceptable + 5);
    assert.ok(after.newDecisions >= 5);

    // The delivery worker's job, as it runs every poll on every instance (a lease lets one train).
    const version = after.model.version as number;
    const { ModelService } = await import('../../src/learning/model.service.js');
    const job = new ModelService({ db: ctx.db, clock: ctx.clock, logger: (await import('pino')).pino({ level: 'silent' }), config: ctx.config });
    await job.retrainIfDue(ctx.clock.now());
    ctx.clock.advance(ctx.config.CLASSIFIER_REFRESH_SECONDS + 1);
    const retrained = (await as(moderator).get('/api/v1/moderation/model')).body.model;
    assert.equal(retrained.version, version + 1);
    assert.equal(retrained.metrics.counts.abusive, before.decided.abusive - 5);
  });

  it('survives a restart and reaches a second instance: every app on the database uses the newest model', async () => {
    const latest = (await as(moderator).get('/api/v1/moderation/model')).body;
    // A second app on the same database, with its own model service, as another instance (or a restart) has.
    const other = supertest.agent(ctx.appWith({}));
    const seen = await other.get('/api/v1/moderation/model').set('Authorization', moderator.auth);
    assert.deepEqual(seen.body, latest);
    const trained = await as(admin).post('/api/v1/moderation/model/train');
    ctx.clock.advance(ctx.config.CLASSIFIER_REFRESH_SECONDS + 1);
    const updated = await other.get('/api/v1/moderation/model').set('Authorization', moderator.auth);
    assert.equal(updated.body.model.version, trained.body.model.version);
  });

  it('shows, in the settings preview, what each hold threshold does to comments the model never learned from, and suggests one under the target', async () => {
    const preview = async () => {
      const answer = await as(admin).post('/api/v1/moderation/settings/preview', { policy: {}, days: 30, targetFalseHoldRate: 0.05 });
      assert.equal(answer.status, 200, answer.text);
      return answer.body.classifier;
    };
    assert.equal((await as(admin).post('/api/v1/moderation/model/train')).status, 200);
    ctx.clock.advance(60);
    // Just trained: every decided comment is one it learned from, and none is measured.
    const fresh = await preview();
    assert.deepEqual([fresh.counts, fresh.suggested], [{ acceptable: 0, abusive: 0, spam: 0 }, null]);
    // Comments posted since, decided by moderators: measured on those alone.
    await decide(syntheticExamples({ acceptable: 6, abusive: 4, spam: 0 }, 11), 'unseen');
    const report = await preview();
    assert.equal(report.targetFalseHoldRate, 0.05);
    assert.deepEqual(report.counts, { acceptable: 6, abusive: 4, spam: 0 });
    assert.ok(report.candidates.length > 5);
    assert.ok(report.suggested === null || report.suggested.heldAcceptable <= 0.05);
  });
});

describe('an imported archive', () => {
  it('counts as decisions: approved, trashed and spam comments of a WordPress export become labelled examples', async () => {
    const before = (await as(moderator).get('/api/v1/moderation/model/status')).body;
    const summary = await importFile({ db: ctx.db, secret: ctx.config.SECRET, clock: ctx.clock }, 'wordpress', join('tests', 'fixtures', 'imports', 'wordpress.xml'));
    assert.equal(summary.error, null);
    const after = (await as(moderator).get('/api/v1/moderation/model/status')).body;
    const imported = await ctx.db.comment.groupBy({ by: ['status'], where: { importKey: { startsWith: 'wp:' }, body: { not: '' } }, _count: { _all: true } });
    const count = (status: string) => imported.find((group) => group.status === status)?._count._all ?? 0;
    assert.equal(after.decided.acceptable - before.decided.acceptable, count('approved'));
    assert.equal(after.decided.abusive - before.decided.abusive, count('rejected'));
    assert.equal(after.decided.spam - before.decided.spam, count('spam'));
    assert.ok(count('rejected') > 0 && count('spam') > 0);
    assert.equal(after.newDecisions - before.newDecisions, summary.imported, 'each imported comment counts towards the next retraining');
  });
});

describe('npm run model -- train --from FILE', () => {
  it('learns from a labelled file beside the decisions, keeps it for every later training, and reports bad lines without stopping', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'majlis-model-'));
    const model = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/model.ts', ...args], {
        env: { ...process.env, DATABASE_URL: ctx.config.DATABASE_URL, SECRET: ctx.config.SECRET, NODE_ENV: 'test' },
        encoding: 'utf8',
      });
    try {
      const file = join(dir, 'labelled.jsonl');
      const lines = syntheticExamples({ acceptable: 30, abusive: 30 }, 11).map((example, i) =>
        JSON.stringify({ text: `${example.text} (${i})`, decision: example.label === 'acceptable' ? 'approve' : 'reject' }),
      );
      // A byte order mark before the first line (as editors on Windows write), and texts with nothing to learn.
      const unusable = ['{"text": "no decision"}', 'not json', '{"text": "   ", "decision": "spam"}', '{"text": "\\u0000\\u0000", "decision": "spam"}'];
      writeFileSync(file, `\uFEFF${[...lines, ...unusable, ''].join('\n')}`);
      const run = model('train', '--from', file);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /trained model \d+ on \d+ examples; 60 from the file, 60 of them new, kept for every later training/);
      assert.doesNotMatch(run.stderr, /labelled\.jsonl:1:/);
      assert.match(run.stderr, /labelled\.jsonl:61: decision: /);
      assert.match(run.stderr, /labelled\.jsonl:62: not JSON/);
      assert.match(run.stderr, /labelled\.jsonl:63: text: no letter or digit/);
      assert.match(run.stderr, /labelled\.jsonl:64: text: no letter or digit/);
      assert.match(model('train', '--from', file).stdout, /60 from the file, 0 of them new/, 'the same file again adds nothing');

      // A training that is not given the file (an admin's, or the background one) still learns from it.
      const status = await as(moderator).get('/api/v1/moderation/model/status');
      assert.deepEqual(status.body.kept, { acceptable: 30, abusive: 30, spam: 0 });
      const decided = status.body.decided as Record<Label, number>;
      const retrained = await as(admin).post('/api/v1/moderation/model/train');
      assert.equal(retrained.status, 200);
      assert.equal(retrained.body.model.examples, decided.acceptable + decided.abusive + decided.spam + 60);
      const said = model('status').stdout;
      assert.match(said, /examples kept from files: 30 approve, 30 reject, 0 spam/);
      // Too few examples of every kind to vote yet: it says what each still needs, and votes on nothing.
      assert.match(said, /^silent on every kind until it learns from 200 approved comments \(it had \d+\)$/m);
      assert.match(said, /^silent on abusive \(learned from \d+ of the 200 it needs\), spam \(learned from \d+ of the 200 it needs\)$/m);
      assert.doesNotMatch(said, /silent on acceptable/);
      assert.doesNotMatch(said, /votes on/);

      const forgotten = model('forget-files');
      assert.match(forgotten.stdout, /forgot 60 examples kept from files/);
      assert.deepEqual((await as(moderator).get('/api/v1/moderation/model/status')).body.kept, { acceptable: 0, abusive: 0, spam: 0 });
      assert.equal((await as(admin).post('/api/v1/moderation/model/train')).body.model.examples, decided.acceptable + decided.abusive + decided.spam);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
