// When a model may vote. Like SpamAssassin and rspamd, which leave Bayes silent until it has seen
// 200 spam and 200 ham, a head is trusted only after enough examples on both sides: its own label
// and acceptable comments. Each head is judged alone, so a newsroom that rejects abuse daily but
// rarely marks spam still gets the abusive head.
import { RISK_LABELS, type Label, type LabelCounts, type RiskLabel } from './types.js';

/** The default minimum number of decided examples per label. */
const DEFAULT_MIN_EXAMPLES_PER_LABEL = 200;

/** A label with fewer examples than needed. */
export interface Shortfall {
  label: Label;
  examples: number;
  needed: number;
}

/** Whether a model may vote, which of its labels, and what is missing (for the dashboard). */
export interface Readiness {
  ready: boolean;
  /** The labels whose scores may be used (pass them to `scoreComment`). */
  labels: RiskLabel[];
  missing: Shortfall[];
  /** The same in an English sentence, for logs; `missing` carries the data to translate. */
  detail: string;
}

function describe(missing: readonly Shortfall[]): string {
  return missing.map(({ label, examples, needed }) => `${examples} of ${needed} ${label} decisions`).join(', ');
}

/** Whether a model trained on these counts may vote (null: no model has been trained yet). */
export function modelReadiness(model: { counts: LabelCounts } | null, minPerLabel = DEFAULT_MIN_EXAMPLES_PER_LABEL): Readiness {
  if (model === null) return { ready: false, labels: [], missing: [], detail: 'No model has been trained yet.' };
  const { counts } = model;
  const missing: Shortfall[] = (['acceptable', ...RISK_LABELS] as const)
    .filter((label) => counts[label] < minPerLabel)
    .map((label) => ({ label, examples: counts[label], needed: minPerLabel }));
  const labels = counts.acceptable >= minPerLabel ? RISK_LABELS.filter((label) => counts[label] >= minPerLabel) : [];
  if (labels.length === 0) return { ready: false, labels, missing, detail: `Not enough decisions to trust the model yet: ${describe(missing)}.` };
  const partly = missing.length > 0 ? ` Silent on ${missing.map((m) => m.label).join(', ')} until it has ${describe(missing)}.` : '';
  return { ready: true, labels, missing, detail: `The model may vote on ${labels.join(' and ')}.${partly}` };
}
