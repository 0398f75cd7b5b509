// The classifier's public API: train on decided comments, measure, score with an explanation,
// store as bytes, and decide when a model may vote. Pure: no I/O, no clock, no configuration.
export { LABELS, modelMetricsSchema, RISK_LABELS } from './types.js';
export type { CommentScore, Example, FeatureContribution, FeatureOptions, Heads, Label, LabelCounts, LabelMetrics, Model, ModelMetrics, RiskLabel } from './types.js';
export { DEFAULT_FEATURES } from './model.js';
export { trainModel, type TrainOptions } from './train.js';
export { buildModel, crossValidate, crossValidatedScores, type CrossValidationOptions } from './cross-validate.js';
export { riskScore, scoreComment, type ScoreOptions } from './score.js';
export { metricsOf, rocAuc, shareAbove, thresholdForFalseHolds, type ScoredDecision } from './metrics.js';
export { thresholdReport, type ThresholdReport, type ThresholdRow } from './threshold-report.js';
export { MIN_ROC_AUC, modelReadiness, type Readiness, type Shortfall } from './readiness.js';
export { deserializeModel, serializeModel } from './serialize.js';
export { ModelFormatError } from './bytes.js';
