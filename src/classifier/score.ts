// Scoring: each head's logit is its bias plus the weights of the comment's feature buckets; the
// comment's score is the larger probability among the labels allowed to vote, explained by the
// features that pushed that label up the most.
import { explainHead } from './explain.js';
import { extractFeatures } from './features.js';
import { headLogits, sigmoid } from './linear.js';
import { RISK_LABELS, type CommentScore, type Model, type RiskLabel } from './types.js';

/** Options for `scoreComment`. */
export interface ScoreOptions {
  /** The labels that may produce the score (`modelReadiness(...).labels`); both by default. */
  labels?: readonly RiskLabel[];
  /** How many top features to explain the score with (8 by default). */
  maxFeatures?: number;
}

const DEFAULT_MAX_FEATURES = 8;

// The allowed label with the higher score (abusive on a tie); with none allowed, no score.
function pick(scores: Record<RiskLabel, number>, allowed: readonly RiskLabel[]): { label: RiskLabel; score: number } {
  const spam = allowed.includes('spam') && (!allowed.includes('abusive') || scores.spam > scores.abusive);
  const label: RiskLabel = spam ? 'spam' : 'abusive';
  return { label, score: allowed.length === 0 ? 0 : scores[label] };
}

/** The score alone, without an explanation: for re-scoring many comments (queue order, previews). */
export function riskScore(model: Model, text: string, labels: readonly RiskLabel[] = RISK_LABELS): number {
  const [z0, z1] = headLogits(model, extractFeatures(text, model.features));
  return pick({ abusive: sigmoid(z0), spam: sigmoid(z1) }, labels).score;
}

// Each feature's weights as read while scoring (see `headLogits`), reused by every call.
let seen = new Int16Array(8192);

/** Scores a comment: 0..1 (higher is more likely abusive or spam), the label, and its top features. */
export function scoreComment(model: Model, text: string, options: ScoreOptions = {}): CommentScore {
  const features = extractFeatures(text, model.features);
  if (seen.length < features.count * 2) seen = new Int16Array(features.count * 4);
  const [z0, z1] = headLogits(model, features, seen);
  const scores = { abusive: sigmoid(z0), spam: sigmoid(z1) };
  const { label, score } = pick(scores, options.labels ?? RISK_LABELS);
  const max = options.maxFeatures ?? DEFAULT_MAX_FEATURES;
  const explained = score === 0 ? [] : explainHead(features, seen, RISK_LABELS.indexOf(label), model.weightStep, text, max);
  return { score, label, scores, features: explained };
}
