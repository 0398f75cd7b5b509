// A rule's vote in the dashboard's language: the queue's items and the settings preview's examples both show it.
import type { QueueItem } from './api.js';
import { raisingProperties, raisingWords } from './highlight.js';
import { isMessageKey, list, num, plural, t } from './i18n.js';
import type { MessageKey } from './messages.js';
import { labelName } from './model-labels.js';
import { propertyText } from './text-property.js';

type Reason = QueueItem['reasons'][number];

/** A reason in the dashboard's language when the server explained it with a known key; else its English detail. */
export function explain(reason: Reason): string {
  const key = reason.explain ? `reason.${reason.explain.key}` : '';
  if (!isMessageKey(key)) return reason.detail;
  if (reason.rule === 'classifier') return explainClassifier(key, reason);
  const params: Record<string, string | number> = { ...reason.explain?.params };
  if (typeof params.count !== 'number') return t(key, params);
  return t(plural(key, params.count), { ...params, count: num(params.count) });
}

/**
 * The classifier's verdict as the dashboard's language writes it (its name of the label, its digits, its lists), then
 * what raised the score: the words, highlighted in the text too, and what it measured of the whole comment.
 */
function explainClassifier(key: MessageKey, reason: Reason): string {
  const params: Record<string, string | number> = { ...reason.explain?.params };
  params.label = labelName(String(params.label));
  // The labels a model silent on some could not judge, comma-joined by the server.
  if (typeof params.silent === 'string') params.silent = list(params.silent.split(',').map(labelName));
  if (typeof params.score === 'number') params.score = num(params.score);
  const words = raisingWords(reason).map((word) => word.feature);
  const properties = raisingProperties(reason).map(propertyText);
  return [
    t(key, params),
    ...(words.length > 0 ? [t('reason.classifier.words', { words: list(words) })] : []),
    ...(properties.length > 0 ? [t('reason.classifier.properties', { properties: list(properties) })] : []),
  ].join(' ');
}
