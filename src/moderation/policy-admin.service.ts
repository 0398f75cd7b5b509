import type { Db } from '../db/client.js';
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
  threadCache: ThreadReadCache;
}

/** Saves the policy; its auto-closing changes what every thread page says, so every cached page goes. */
export async function savePolicy(deps: PolicyAdminDeps, policy: Policy, moderatorId: number): Promise<Policy> {
  const saved = await deps.policies.save(policy, moderatorId);
  await allThreadPagesChanged(deps);
  return saved;
}

/** What the policy with `changes` would have decided about the last `days` days of comments, against the policy in force. */
export async function previewPolicy(deps: PolicyAdminDeps, changes: Partial<Policy>, days: number): Promise<BacktestReport> {
  const current = await deps.policies.active();
  return backtestPolicy(deps, current, activePolicyOf({ ...current.policy, ...changes }), days);
}
