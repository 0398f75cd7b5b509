import { riskScore, thresholdReport } from '../classifier/index.js';
import type { Db } from '../db/client.js';
import type { ModelService } from '../learning/model.service.js';
import type { Policy } from '../settings/policy.js';
import { activePolicyOf, type PolicyService } from '../settings/policy.service.js';
import type { Clock } from '../shared/clock.js';
import { allThreadPagesChanged } from '../threads/thread-updates.service.js';
import type { ThreadReadCache } from '../threads/thread-cache.js';
import { backtestPolicy } from './backtest.js';
import type { BacktestReport } from './moderation.schemas.js';

/** What admins' policy changes need. */
export interface PolicyAdminDeps {
  db: Db;
  clock: Clock;
  policies: PolicyService;
  models: ModelService;
  threadCache: ThreadReadCache;
}

/** Saves the policy; its auto-closing changes what every thread page says, so every cached page goes. */
export async function savePolicy(deps: PolicyAdminDeps, policy: Policy, moderatorId: number): Promise<Policy> {
  const saved = await deps.policies.save(policy, moderatorId);
  await allThreadPagesChanged(deps);
  return saved;
}

/**
 * What the policy with `changes` would have decided about the last `days` days of comments, against
 * the policy in force; and, with a model that may vote, what each classifier hold threshold would
 * have done to the comments moderators decided in those days, with the threshold that keeps false
 * holds under `targetFalseHoldRate`.
 */
export async function previewPolicy(
  deps: PolicyAdminDeps,
  changes: Partial<Policy>,
  options: { days: number; targetFalseHoldRate: number },
): Promise<BacktestReport> {
  const current = await deps.policies.active();
  const classifier = await deps.models.forPipeline();
  const backtest = await backtestPolicy(deps, { current, proposed: activePolicyOf({ ...current.policy, ...changes }) }, options.days, classifier);
  if (!classifier) return { ...backtest, classifier: null };
  const since = new Date(deps.clock.now().getTime() - options.days * 86_400_000);
  const decided = await deps.models.unseenDecidedSince(since);
  const scored = decided.map((example) => ({ label: example.label, score: riskScore(classifier.model, example.text, classifier.labels) }));
  return { ...backtest, classifier: { modelVersion: classifier.version, ...thresholdReport(scored, options.targetFalseHoldRate) } };
}
