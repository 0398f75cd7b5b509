import type { DbClient } from '../db/client.js';
import type { Logger } from '../logging/logger.js';
import type { Clock } from '../shared/clock.js';
import type { WordFinder } from '../text/matcher.js';
import { defaultPolicy, readStoredPolicy, type Policy, type PolicyProblem } from './policy.js';
import { createWordMatcher } from '../text/matcher.js';
import { defaultBannedWords, defaultSuspectWords } from '../text/wordlists/index.js';
import { readSetting, readSettingVersion, writeSetting } from './settings.repository.js';

const POLICY_KEY = 'moderation.policy';

/** The policy in force and word finders built from its lists. */
export interface ActivePolicy {
  policy: Policy;
  words: { banned: WordFinder; suspect: WordFinder };
}

/** What identifies a stored policy: its version, or the defaults when none was saved. */
const stampOf = (version: number | null): string => (version === null ? 'defaults' : `v${version}`);

/** Builds a word finder over a list. */
function finderOf(words: readonly string[]): WordFinder {
  const matcher = createWordMatcher(words);
  return (text) => matcher.find(text);
}

/** A policy with the finders of its word lists, ready for the pipeline. */
export function activePolicyOf(policy: Policy): ActivePolicy {
  return { policy, words: { banned: finderOf(policy.bannedWords), suspect: finderOf(policy.suspectWords) } };
}

/** Whether the stored policy is the one in force, or which of its fields fell back to defaults. */
export interface PolicyStatus {
  valid: boolean;
  problems: PolicyProblem[];
}

/** Reads and saves the moderation policy; word matchers are rebuilt only when the lists change. */
export class PolicyService {
  private cached: { stamp: string; active: ActivePolicy; problems: PolicyProblem[] } | null = null;

  constructor(
    private readonly db: DbClient,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** The defaults of a new installation. */
  static defaults(): Policy {
    return defaultPolicy({ banned: defaultBannedWords, suspect: defaultSuspectWords });
  }

  /** The stored policy (missing or invalid fields taken from the defaults) with its matchers. */
  async active(): Promise<ActivePolicy> {
    return (await this.load()).active;
  }

  /** Whether every stored field is in force; the problems otherwise, for /readyz and the dashboard. */
  async status(): Promise<PolicyStatus> {
    const { problems } = await this.load();
    return { valid: problems.length === 0, problems };
  }

  /** For /readyz: degraded while stored fields are not in force. */
  async readiness(): Promise<{ degraded: string } | undefined> {
    const { problems } = await this.load();
    return problems.length === 0 ? undefined : { degraded: `stored policy fields not in force: ${problems.map((problem) => problem.field || 'all').join(', ')}` };
  }

  private async load(): Promise<{ active: ActivePolicy; problems: PolicyProblem[] }> {
    const version = await readSettingVersion(this.db, POLICY_KEY);
    if (this.cached?.stamp === stampOf(version)) return this.cached;
    // Changed since: the document itself, whose version may be newer still than the one just read.
    const stored = await readSetting(this.db, POLICY_KEY);
    const stamp = stampOf(stored?.version ?? null);
    // Another request may have loaded this very version meanwhile: built and said once per version.
    if (this.cached?.stamp === stamp) return this.cached;
    const { policy, problems } = readStoredPolicy(stored?.value, PolicyService.defaults());
    // Said once per stored version, loudly: the newsroom believes another policy is in force.
    if (problems.length > 0) this.logger.error({ problems }, 'the stored moderation policy is invalid in part: those fields use their defaults until an admin saves the policy again');
    this.cached = { stamp, active: activePolicyOf(policy), problems };
    return this.cached;
  }

  /** Replaces the policy. */
  async save(policy: Policy, moderatorId: number | null): Promise<Policy> {
    await writeSetting(this.db, POLICY_KEY, policy, moderatorId, this.clock.now());
    return (await this.active()).policy;
  }
}
