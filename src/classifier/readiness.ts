// When a model may vote. Like SpamAssassin and rspamd, which leave Bayes silent until it has seen
// 200 spam and 200 ham, a head is trusted only after enough examples on both sides: its own label
// and acceptable comments. Each head is judged alone, so a newsroom that rejects abuse daily but
// rarely marks spam still gets the abusive head. Enough examples are not enough: a head whose
// cross-validated scores barely tell its label from approved comments (a newsroom whose rejections
// are about something else than the words, say) would hold comments at random, so it stays silent too.
import { RISK_LABELS, type Label, type LabelCounts, type ModelMetrics, type RiskLabel } from './types.js';

/** The default minimum number of decided examples per label. */
const DEFAULT_MIN_EXAMPLES_PER_LABEL = 200;

/**
 * The least cross-validated ROC AUC (its label against approved comments) at which a head may vote. 0.5 is chance;
 * the heads trained on the development corpora score 0.81–1.00 (docs/decisions/0007), so one below this has learned next to nothing.
 */
export const MIN_ROC_AUC = 0.65;

/** A label with fewer examples than needed. */
export interface Shortfall {
  label: Label;
  examples: number;
  needed: number;
}

/** A label with examples enough whose head told it from approved comments too poorly in cross-validation. */
export interface WeakHead {
  label: RiskLabel;
  rocAuc: number;
  needed: number;
}

/** Whether a model may vote, which of its labels, and what is missing (for the dashboard). */
export interface Readiness {
  ready: boolean;
  /** The labels whose scores may be used (pass them to `scoreComment`). */
  labels: RiskLabel[];
  missing: Shortfall[];
  weak: WeakHead[];
  /** The same in an English sentence, for logs; `missing` carries the data to translate. */
  detail: string;
}

function describe(missing: readonly Shortfall[]): string {
  return missing.map(({ label, examples, needed }) => `${examples} of ${needed} ${label} decisions`).join(', ');
}

/**
 * Whether a model trained on these counts, with these cross-validated figures, may vote (null: no model has been
 * trained yet). A model without figures (too few examples to cross-validate) is judged by its counts alone.
 */
export function modelReadiness(model: { counts: LabelCounts; metrics?: ModelMetrics | null } | null, minPerLabel = DEFAULT_MIN_EXAMPLES_PER_LABEL): Readiness {
  if (model === null) return { ready: false, labels: [], missing: [], weak: [], detail: 'No model has been trained yet.' };
  const { counts } = model;
  const missing: Shortfall[] = (['acceptable', ...RISK_LABELS] as const)
    .filter((label) => counts[label] < minPerLabel)
    .map((label) => ({ label, examples: counts[label], needed: minPerLabel }));
  const enough = counts.acceptable >= minPerLabel ? RISK_LABELS.filter((label) => counts[label] >= minPerLabel) : [];
  const weak: WeakHead[] = enough.flatMap((label) => {
    const rocAuc = model.metrics?.labels[label]?.rocAuc;
    return rocAuc !== undefined && rocAuc < MIN_ROC_AUC ? [{ label, rocAuc, needed: MIN_ROC_AUC }] : [];
  });
  const labels = enough.filter((label) => !weak.some((head) => head.label === label));
  const weakly = weak.length > 0 ? ` Silent on ${weak.map((w) => `${w.label} (ROC AUC ${w.rocAuc.toFixed(2)} < ${MIN_ROC_AUC})`).join(', ')}.` : '';
  if (labels.length === 0) {
    const short = missing.length > 0 ? ` Not enough decisions: ${describe(missing)}.` : '';
    return { ready: false, labels, missing, weak, detail: `The model may not vote yet.${short}${weakly}` };
  }
  const partly = missing.length > 0 ? ` Silent on ${missing.map((m) => m.label).join(', ')} until it has ${describe(missing)}.` : '';
  return { ready: true, labels, missing, weak, detail: `The model may vote on ${labels.join(' and ')}.${partly}${weakly}` };
}
