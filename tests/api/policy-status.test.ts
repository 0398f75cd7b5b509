// A stored policy that fails validation (an edit outside Majlis, an older version's values) is never
// dropped silently: valid fields stay in force, invalid ones take their defaults, and the problem is
// logged, reported by /readyz and shown to moderators until an admin saves the policy again.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pino } from 'pino';
import { PolicyService } from '../../src/settings/policy.service.js';
import { writeSetting } from '../../src/settings/settings.repository.js';
import { postComment, signIn } from '../factories.js';
import { createTestContext, type TestContext } from '../setup/app.js';

let ctx: TestContext;
let admin: Awaited<ReturnType<typeof signIn>>;
before(async () => {
  ctx = await createTestContext();
  admin = await signIn(ctx, 'admin');
  const stored = { premoderation: 'sometimes', maxLinks: -3, bannedWords: ['scoundrel'], suspectWords: ['casino'], floodIntervalSeconds: 0 };
  await writeSetting(ctx.db, 'moderation.policy', stored, null, ctx.clock.now());
});
after(() => ctx?.close({ allowErrorLogs: true }));

describe('a stored policy that is partly invalid', () => {
  it('keeps the valid fields in force (the word lists) and takes defaults for the invalid ones', async () => {
    const rejected = await postComment(ctx, 'policy-status', { body: 'What a scoundrel wrote this.' });
    assert.equal(rejected.status, 'rejected', 'the stored banned words still apply');
    const held = await postComment(ctx, 'policy-status', { body: 'A perfectly polite remark.' });
    assert.equal(held.status, 'pending', 'premoderation falls back to its default, hold everything');
    const policy = await ctx.request.get('/api/v1/moderation/settings').set('Authorization', admin.auth);
    assert.deepEqual([policy.body.premoderation, policy.body.maxLinks, policy.body.bannedWords], ['all', 2, ['scoundrel']]);
  });

  it('is logged loudly, once for the stored version', async () => {
    const lines = ctx.errorLogs.filter((line) => line.includes('the stored moderation policy is invalid'));
    assert.equal(lines.length, 1);
    assert.match(lines[0] ?? '', /"field":"premoderation"/);
    assert.match(lines[0] ?? '', /"field":"maxLinks"/);
  });

  it('is logged once per stored version even when several loads of a new version overlap', async () => {
    const lines: string[] = [];
    const policies = new PolicyService(ctx.db, ctx.clock, pino({}, { write: (line: string) => void lines.push(line) }));
    const invalid = () => lines.filter((line) => line.includes('the stored moderation policy is invalid')).length;
    await Promise.all(Array.from({ length: 5 }, () => policies.status()));
    assert.equal(invalid(), 1);
    await Promise.all(Array.from({ length: 5 }, () => policies.status()));
    assert.equal(invalid(), 1, 'an unchanged version is not said again');
    const stored = (await ctx.db.setting.findUnique({ where: { key: 'moderation.policy' } }))?.value as object;
    await writeSetting(ctx.db, 'moderation.policy', { ...stored, maxLinks: -4 }, null, ctx.clock.now());
    await Promise.all(Array.from({ length: 5 }, () => policies.status()));
    assert.equal(invalid(), 2, 'a new invalid version is said once more');
  });

  it('is reported by /readyz as degraded (still serving) and by the moderation API field by field', async () => {
    const ready = await ctx.request.get('/readyz');
    assert.equal(ready.status, 200);
    assert.deepEqual([ready.body.status, ready.body.checks.policy, ready.body.checks.database], ['degraded', 'degraded', 'ok']);
    const status = await ctx.request.get('/api/v1/moderation/settings/status').set('Authorization', admin.auth);
    assert.equal(status.status, 200);
    assert.equal(status.body.valid, false);
    assert.deepEqual(status.body.problems.map((problem: { field: string }) => problem.field), ['premoderation', 'maxLinks']);
  });

  it('is in force again once an admin saves the policy', async () => {
    const policy = (await ctx.request.get('/api/v1/moderation/settings').set('Authorization', admin.auth)).body as object;
    ctx.clock.advance(1);
    assert.equal((await ctx.request.put('/api/v1/moderation/settings').set('Authorization', admin.auth).send(policy)).status, 200);
    const status = await ctx.request.get('/api/v1/moderation/settings/status').set('Authorization', admin.auth);
    assert.deepEqual(status.body, { valid: true, problems: [] });
    assert.deepEqual((await ctx.request.get('/readyz')).body, { status: 'ready', checks: { database: 'ok', policy: 'ok', storage: 'ok' } });
  });

  it('tells two saves within the same millisecond apart (each write raises the stored version)', async () => {
    const policy = (await ctx.request.get('/api/v1/moderation/settings').set('Authorization', admin.auth)).body as Record<string, unknown>;
    for (const maxLinks of [4, 5]) {
      const saved = await ctx.request.put('/api/v1/moderation/settings').set('Authorization', admin.auth).send({ ...policy, maxLinks });
      assert.equal(saved.body.maxLinks, maxLinks);
    }
    // Written behind the service's back at the same instant, as another instance would: still seen.
    await writeSetting(ctx.db, 'moderation.policy', { ...policy, maxLinks: 6 }, null, ctx.clock.now());
    assert.equal((await ctx.request.get('/api/v1/moderation/settings').set('Authorization', admin.auth)).body.maxLinks, 6);
  });
});
