// Figures over scored, labelled comments. A comment is held when its score is above the threshold;
// a false hold is an acceptable comment held. Thresholds are read off the acceptable comments'
// own scores, so "2 % false holds" means exactly that on the data given.
import { RISK_LABELS, type Label, type LabelCounts, type LabelMetrics, type ModelMetrics, type RiskLabel } from './types.js';

/** A decided comment with the score the model gave it. */
export interface ScoredDecision {
  score: number;
  label: Label;
}

/** Area under the ROC curve: the chance a random positive scores above a random negative (ties count half). */
export function rocAuc(positives: readonly number[], negatives: readonly number[]): number | null {
  if (positives.length === 0 || negatives.length === 0) return null;
  const sorted = [...negatives].sort((a, b) => a - b);
  let wins = 0;
  for (const score of positives) {
    wins += lowerBound(sorted, score) + (upperBound(sorted, score) - lowerBound(sorted, score)) / 2;
  }
  return wins / (positives.length * negatives.length);
}

// First index whose value is >= score (lowerBound) or > score (upperBound), in ascending order.
function lowerBound(sorted: readonly number[], score: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) < score) low = mid + 1;
    else high = mid;
  }
  return low;
}

function upperBound(sorted: readonly number[], score: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) <= score) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The lowest threshold that holds at most `rate` of the acceptable scores (null when there are none). */
export function thresholdForFalseHolds(acceptable: readonly number[], rate: number): number | null {
  if (acceptable.length === 0) return null;
  const descending = [...acceptable].sort((a, b) => b - a);
  const allowed = Math.min(Math.floor(rate * descending.length + 1e-9), descending.length - 1);
  return descending[allowed] as number;
}

/** Share of scores above the threshold (null when there are no scores). */
export function shareAbove(scores: readonly number[], threshold: number): number | null {
  if (scores.length === 0) return null;
  return scores.filter((score) => score > threshold).length / scores.length;
}

/** Scores grouped by label. */
export function scoresByLabel(scored: readonly ScoredDecision[]): Record<Label, number[]> {
  const groups: Record<Label, number[]> = { acceptable: [], abusive: [], spam: [] };
  for (const { score, label } of scored) groups[label].push(score);
  return groups;
}

/** The figures the model stores: thresholds at 1/2/5 % false holds, and per label AUC and recall there. */
export function metricsOf(scored: readonly ScoredDecision[], folds: number): ModelMetrics {
  const groups = scoresByLabel(scored);
  const counts: LabelCounts = { acceptable: groups.acceptable.length, abusive: groups.abusive.length, spam: groups.spam.length };
  const at = (rate: number) => thresholdForFalseHolds(groups.acceptable, rate);
  const thresholds = { falseHold1: at(0.01), falseHold2: at(0.02), falseHold5: at(0.05) };
  const labelMetrics = (label: RiskLabel): LabelMetrics | null => {
    const rocAucValue = rocAuc(groups[label], groups.acceptable);
    if (rocAucValue === null) return null;
    const recall = (threshold: number | null) => shareAbove(groups[label], threshold ?? 1) ?? 0;
    return {
      rocAuc: rocAucValue,
      recallAt1: recall(thresholds.falseHold1),
      recallAt2: recall(thresholds.falseHold2),
      recallAt5: recall(thresholds.falseHold5),
    };
  };
  const labels = Object.fromEntries(RISK_LABELS.map((label) => [label, labelMetrics(label)])) as Record<RiskLabel, LabelMetrics | null>;
  return { folds, counts, thresholds, labels };
}
