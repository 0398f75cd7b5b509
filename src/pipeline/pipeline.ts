import type { FeatureContribution, Model, RiskLabel } from '../classifier/index.js';
import type { Policy } from '../settings/policy.js';
import type { BotSignals } from './bot-signals.js';
import type { WordFinder, WordMatch } from '../text/matcher.js';

/** What a rule may vote, weakest last: the strongest vote decides the status. */
export type Vote = 'spam' | 'reject' | 'hold' | 'approve';

/** Why a comment may not be stored at all (answered with an HTTP error, not a status). */
export type RefusalCode = 'thread_closed' | 'duplicate' | 'flood' | 'challenge_required';

/** A list entry found in a field, with the text as the reader wrote it. */
export interface WordHit extends WordMatch {
  field: 'body' | 'authorName' | 'authorEmail' | 'authorUrl';
}

/** Why a rule voted, as a message key with parameters, so the dashboard can say it in Arabic or English. */
export interface Explanation {
  key: string;
  params?: Record<string, string | number>;
}

/** What the classifier rule adds to its reason (SPEC section 8): the score and the features that raised it. */
export interface ClassifierVerdict {
  /** 0..1, higher is more likely abusive or spam. */
  score: number;
  label: RiskLabel;
  modelVersion: number;
  /** The top contributing features, each with its span in the body where it has one. */
  features: FeatureContribution[];
}

/** One stored reason: which rule voted what, and why (`detail` in English, `explain` for translation). */
export interface Reason extends Partial<ClassifierVerdict> {
  rule: string;
  vote: Vote;
  detail: string;
  explain?: Explanation;
  hits?: WordHit[];
}

/** What a rule returns: votes, a refusal, or nothing. */
export type RuleVerdict =
  | { kind: 'vote'; vote: Vote; detail: string; explain: Explanation; hits?: WordHit[]; classifier?: ClassifierVerdict }
  | { kind: 'refuse'; code: RefusalCode; retryAfterSeconds?: number };

/** Everything the rules may look at, gathered once before the run: rules do no I/O. */
export interface ModerationInput {
  comment: { body: string; authorName: string; authorEmail: string; authorUrl: string | null };
  author: { status: 'trusted' | 'normal' | 'banned'; approvedCount: number; known: boolean };
  thread: { closed: boolean; createdAt: Date | null };
  recent: { lastPostAt: Date | null; duplicate: boolean };
  policy: Policy;
  /** Finds listed words; built from the policy's lists outside the rules so it can be cached. */
  words: { banned: WordFinder; suspect: WordFinder };
  now: Date;
  /** Edits are moderated again, but flood and duplicate checks apply to new comments only. */
  isEdit: boolean;
  /** The newsroom's trained classifier and the labels it may vote on; null while none may vote. */
  classifier: ClassifierInput | null;
  /** What the bot defences saw when it was posted; null for imports and comments stored before them. */
  bot: BotSignals | null;
}

/** A trained model as the classifier rule receives it. */
export interface ClassifierInput {
  model: Model;
  version: number;
  labels: RiskLabel[];
}

/** A named pure function over the gathered input. */
export interface ModerationRule {
  name: string;
  run(input: ModerationInput): RuleVerdict | null;
}

/** The status a vote leads to. */
export const statusOfVote = { spam: 'spam', reject: 'rejected', hold: 'pending', approve: 'approved' } as const;

/** The result of a run: refused outright, or a status with every vote as a reason. */
export type ModerationResult =
  | { outcome: 'refused'; rule: string; code: RefusalCode; retryAfterSeconds?: number }
  | { outcome: 'decided'; status: (typeof statusOfVote)[Vote]; reasons: Reason[] };

const strength: Record<Vote, number> = { spam: 3, reject: 2, hold: 1, approve: 0 };

/** Runs the rules in order; the first refusal stops the run, otherwise the strongest vote wins. */
export function moderate(rules: readonly ModerationRule[], input: ModerationInput): ModerationResult {
  const reasons: Reason[] = [];
  for (const rule of rules) {
    const verdict = rule.run(input);
    if (!verdict) continue;
    if (verdict.kind === 'refuse') {
      return { outcome: 'refused', rule: rule.name, code: verdict.code, retryAfterSeconds: verdict.retryAfterSeconds };
    }
    reasons.push({
      rule: rule.name,
      vote: verdict.vote,
      detail: verdict.detail,
      explain: verdict.explain,
      ...(verdict.hits ? { hits: verdict.hits } : {}),
      ...verdict.classifier,
    });
  }
  const strongest = reasons.reduce<Vote>((best, reason) => (strength[reason.vote] > strength[best] ? reason.vote : best), 'approve');
  return { outcome: 'decided', status: statusOfVote[strongest], reasons };
}

/** Reads the reasons stored with a comment (a JSON column) back as typed reasons. */
export function storedReasons(json: unknown): Reason[] {
  return Array.isArray(json) ? (json as Reason[]) : [];
}

/** The classifier's score among the reasons, for ordering the queue by risk; null when no model voted. */
export function riskScoreOf(reasons: readonly Reason[]): number | null {
  return reasons.find((reason) => reason.score !== undefined)?.score ?? null;
}
