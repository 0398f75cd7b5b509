// The classifier's data: labelled examples in, a model of plain data and typed arrays out, so a
// model can cross a worker_threads boundary (structured clone) and be stored as bytes.
import { z } from 'zod';

/** What a moderator decided: approve → acceptable, reject → abusive, spam → spam. */
export type Label = 'acceptable' | 'abusive' | 'spam';

/** The labels the model scores; acceptable is what both are measured against. */
export type RiskLabel = 'abusive' | 'spam';

export const RISK_LABELS: readonly RiskLabel[] = ['abusive', 'spam'];
export const LABELS: readonly Label[] = ['acceptable', 'abusive', 'spam'];

/** One decided comment. `lang` is accepted for the record; features do not depend on it. */
export interface Example {
  text: string;
  label: Label;
  lang?: 'ar' | 'en';
}

/** Examples per label. */
export type LabelCounts = Record<Label, number>;

const share = z.number().min(0).max(1);
const labelMetricsSchema = z.object({
  /** Area under the ROC curve of the score, this label against acceptable comments. */
  rocAuc: share,
  /** Recall of the label at the thresholds that hold 1 %, 2 % and 5 % of acceptable comments. */
  recallAt1: share,
  recallAt2: share,
  recallAt5: share,
});

/** Cross-validated figures, stored with the model and shown on the dashboard (validated when a model is loaded). */
export const modelMetricsSchema = z.object({
  folds: z.number().int().min(2),
  counts: z.object({ acceptable: z.number().int().min(0), abusive: z.number().int().min(0), spam: z.number().int().min(0) }),
  /** Scores above these hold at most 1 %, 2 % and 5 % of acceptable comments (null: none to measure). */
  thresholds: z.object({ falseHold1: share.nullable(), falseHold2: share.nullable(), falseHold5: share.nullable() }),
  /** Per label; null when there were no examples of the label (or no acceptable ones). */
  labels: z.object({ abusive: labelMetricsSchema.nullable(), spam: labelMetricsSchema.nullable() }),
});

export type LabelMetrics = z.infer<typeof labelMetricsSchema>;
export type ModelMetrics = z.infer<typeof modelMetricsSchema>;

/** How text becomes features; stored in the model so scoring repeats exactly what training did. */
export interface FeatureOptions {
  /** log2 of the number of hashed feature buckets. */
  hashBits: number;
  /** Character n-gram lengths, inclusive. */
  minGram: number;
  maxGram: number;
}

/** The two linear heads: what training fits and scoring reads. */
export interface Heads {
  /** Logit bias per head, in `RISK_LABELS` order. */
  bias: Float64Array;
  /** Weights in steps of `weightStep`, interleaved by head: bucket b of head h is `weights[b * 2 + h]`. */
  weights: Int16Array;
  weightStep: number;
}

/** A trained model: plain data and typed arrays, stored exactly as it scores. */
export interface Model extends Heads {
  formatVersion: number;
  features: FeatureOptions;
  counts: LabelCounts;
  metrics: ModelMetrics | null;
}

/** One contributor to a score: a word or phrase as written, or a property of the whole text. */
export interface FeatureContribution {
  /** The text as written (`text.slice(start, end)`), or a description such as "links: 2". */
  feature: string;
  /** Its contribution to the label's logit (positive pushes towards the label). */
  weight: number;
  /** UTF-16 span in the original text, when the feature came from the text. */
  start?: number;
  end?: number;
}

/** The score of one comment and why. */
export interface CommentScore {
  /** 0..1, higher is more likely abusive or spam: the larger of the two label scores. */
  score: number;
  label: RiskLabel;
  scores: Record<RiskLabel, number>;
  features: FeatureContribution[];
}
