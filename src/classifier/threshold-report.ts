// The settings preview: what each hold threshold would have done to decided comments (share of
// acceptable ones held, share of abusive and spam caught), and the lowest threshold that keeps
// false holds under the admin's target.
import { scoresByLabel, shareAbove, thresholdForFalseHolds, type ScoredDecision } from './metrics.js';
import type { LabelCounts } from './types.js';

/** The effect of holding every comment scored above `threshold`; shares are null without examples. */
export interface ThresholdRow {
  threshold: number;
  heldAcceptable: number | null;
  caughtAbusive: number | null;
  caughtSpam: number | null;
  /** Abusive and spam together. */
  caught: number | null;
}

/** Candidate rows and the suggestion for a target rate of false holds. */
export interface ThresholdReport {
  counts: LabelCounts;
  targetFalseHoldRate: number;
  /** The lowest threshold holding at most the target share of acceptable comments; null without any. */
  suggested: ThresholdRow | null;
  /** Ascending by threshold, the suggested one included. */
  candidates: ThresholdRow[];
}

/** 0.05, 0.10, … 0.95. */
const DEFAULT_THRESHOLDS: readonly number[] = Array.from({ length: 19 }, (_, k) => (k + 1) / 20);

/** Reports, for decided comments with their scores, what candidate thresholds would do. */
export function thresholdReport(
  scored: readonly ScoredDecision[],
  targetFalseHoldRate = 0.02,
  thresholds: readonly number[] = DEFAULT_THRESHOLDS,
): ThresholdReport {
  const groups = scoresByLabel(scored);
  const risky = [...groups.abusive, ...groups.spam];
  const row = (threshold: number): ThresholdRow => ({
    threshold,
    heldAcceptable: shareAbove(groups.acceptable, threshold),
    caughtAbusive: shareAbove(groups.abusive, threshold),
    caughtSpam: shareAbove(groups.spam, threshold),
    caught: shareAbove(risky, threshold),
  });
  // A setting an admin types: two decimals, rounded up so the suggestion never holds more than the target.
  const exact = thresholdForFalseHolds(groups.acceptable, targetFalseHoldRate);
  const best = exact === null ? null : Math.min(1, Math.ceil(exact * 100 - 1e-9) / 100);
  const suggested = best === null ? null : row(best);
  const candidates = [...new Set([...thresholds, ...(best === null ? [] : [best])])].sort((a, b) => a - b).map(row);
  const counts = { acceptable: groups.acceptable.length, abusive: groups.abusive.length, spam: groups.spam.length };
  return { counts, targetFalseHoldRate, suggested, candidates };
}
