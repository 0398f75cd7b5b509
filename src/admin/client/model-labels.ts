import { isMessageKey, t } from './i18n.js';

/** The labels the classifier scores, as the model status lists them. */
export const RISK_LABELS = ['abusive', 'spam'] as const;

/** A model label (`abusive`, `spam`, `acceptable`) as the dashboard's language names it. */
export function labelName(label: string): string {
  const key = `model.label.${label}`;
  return isMessageKey(key) ? t(key) : label;
}
