// A head trained on decisions its words cannot explain (here every text was both approved and rejected) has
// examples enough but learned nothing: it must stay silent, and say why, rather than hold comments at random.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';
import { syntheticExamples } from '../unit/classifier/examples.js';

let ctx: TestContext;
let dir: string;
before(async () => {
  ctx = await createTestContext({ CLASSIFIER_MIN_DECISIONS: '20' });
  dir = mkdtempSync(join(tmpdir(), 'majlis-weak-'));
});
after(async () => {
  rmSync(dir, { recursive: true, force: true });
  await ctx?.close();
});

const model = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/model.ts', ...args], {
    env: { ...process.env, DATABASE_URL: ctx.config.DATABASE_URL, SECRET: ctx.config.SECRET, NODE_ENV: 'test', CLASSIFIER_MIN_DECISIONS: '20' },
    encoding: 'utf8',
  });

it('keeps silent a head whose cross-validated ROC AUC is at chance, with enough examples, and says so', async () => {
  const file = join(dir, 'confounded.jsonl');
  // Each text once approved and once rejected: copies share a fold, so no head can tell the two labels apart.
  const texts = syntheticExamples({ acceptable: 40, abusive: 0 }, 5).map((example, i) => `${example.text} (${i})`);
  writeFileSync(file, texts.flatMap((text) => [JSON.stringify({ text, decision: 'approve' }), JSON.stringify({ text, decision: 'reject' })]).join('\n'));
  const run = model('train', '--from', file);
  assert.equal(run.status, 0, run.stderr);
  const admin = await signIn(ctx, 'admin');
  const status = await ctx.request.get('/api/v1/moderation/model/status').set('Authorization', admin.auth);
  assert.equal(status.status, 200);
  const auc = status.body.model.metrics.labels.abusive.rocAuc as number;
  assert.ok(auc < 0.65, `ROC AUC ${auc}`);
  assert.deepEqual(status.body.readiness, { ready: false, labels: [], missing: [{ label: 'spam', examples: 0, needed: 20 }], weak: [{ label: 'abusive', rocAuc: auc, needed: 0.65 }] });
  const said = model('status').stdout;
  assert.match(said, /^silent on abusive: its cross-validated ROC AUC is 0\.\d{3}, below the 0\.65 it needs to vote$/m);
  assert.doesNotMatch(said, /votes on/);
});
