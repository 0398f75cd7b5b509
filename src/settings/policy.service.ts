import type { DbClient } from '../db/client.js';
import type { Clock } from '../shared/clock.js';
import type { WordFinder } from '../text/matcher.js';
import { defaultPolicy, policySchema, type Policy } from './policy.js';
import { createWordMatcher } from '../text/matcher.js';
import { defaultBannedWords, defaultSuspectWords } from '../text/wordlists/index.js';
import { readSetting, writeSetting } from './settings.repository.js';

const POLICY_KEY = 'moderation.policy';

/** The policy in force and word finders built from its lists. */
export interface ActivePolicy {
  policy: Policy;
  words: { banned: WordFinder; suspect: WordFinder };
}

/** Builds a word finder over a list. */
function finderOf(words: readonly string[]): WordFinder {
  const matcher = createWordMatcher(words);
  return (text) => matcher.find(text);
}

/** A policy with the finders of its word lists, ready for the pipeline. */
export function activePolicyOf(policy: Policy): ActivePolicy {
  return { policy, words: { banned: finderOf(policy.bannedWords), suspect: finderOf(policy.suspectWords) } };
}

/** Reads and saves the moderation policy; word matchers are rebuilt only when the lists change. */
export class PolicyService {
  private cached: { stamp: string; active: ActivePolicy } | null = null;

  constructor(
    private readonly db: DbClient,
    private readonly clock: Clock,
  ) {}

  /** The defaults of a new installation. */
  static defaults(): Policy {
    return defaultPolicy({ banned: defaultBannedWords, suspect: defaultSuspectWords });
  }

  /** The stored policy (missing keys filled from the defaults) with its matchers. */
  async active(): Promise<ActivePolicy> {
    const stored = await readSetting(this.db, POLICY_KEY);
    const stamp = stored ? stored.updatedAt.toISOString() : 'defaults';
    if (this.cached?.stamp === stamp) return this.cached.active;
    const merged = { ...PolicyService.defaults(), ...(typeof stored?.value === 'object' ? stored.value : {}) };
    const parsed = policySchema.safeParse(merged);
    const policy = parsed.success ? parsed.data : PolicyService.defaults();
    const active = activePolicyOf(policy);
    this.cached = { stamp, active };
    return active;
  }

  /** Replaces the policy. */
  async save(policy: Policy, moderatorId: number | null): Promise<Policy> {
    await writeSetting(this.db, POLICY_KEY, policy, moderatorId, this.clock.now());
    // Two saves within one millisecond share an updatedAt stamp; never serve the older one from here.
    this.cached = null;
    return (await this.active()).policy;
  }
}
