import type { QueueItem } from './api.js';
import { h } from './dom.js';

/** A word-list hit as the API reports it: offsets into the text exactly as the reader wrote it. */
export type Hit = NonNullable<QueueItem['reasons'][number]['hits']>[number];

/** Where each hit really is in `text`: its offsets when they still fit, else its first occurrence. */
function locate(text: string, hits: readonly Hit[]): Array<{ start: number; end: number; entry: string }> {
  const spans: Array<{ start: number; end: number; entry: string }> = [];
  for (const hit of hits) {
    if (hit.start >= 0 && hit.end <= text.length && hit.start < hit.end && text.slice(hit.start, hit.end) === hit.matched) {
      spans.push({ start: hit.start, end: hit.end, entry: hit.entry });
      continue;
    }
    // The text may have been edited since it was checked; fall back to finding the words.
    const at = hit.matched ? text.indexOf(hit.matched) : -1;
    if (at >= 0) spans.push({ start: at, end: at + hit.matched.length, entry: hit.entry });
  }
  return spans.sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * Builds `text` as text nodes with each matched word wrapped in <mark>. Overlapping hits are
 * merged into the first, so no character is shown twice.
 */
export function highlighted(text: string, hits: readonly Hit[]): DocumentFragment {
  const fragment = document.createDocumentFragment();
  let cursor = 0;
  for (const span of locate(text, hits)) {
    if (span.end <= cursor) continue;
    const start = Math.max(span.start, cursor);
    if (start > cursor) fragment.appendChild(document.createTextNode(text.slice(cursor, start)));
    fragment.appendChild(h('mark', { title: span.entry }, text.slice(start, span.end)));
    cursor = span.end;
  }
  if (cursor < text.length) fragment.appendChild(document.createTextNode(text.slice(cursor)));
  return fragment;
}

/** Every hit of every reason in one field of the comment; in the body, also the words that raised the classifier's score. */
export function hitsIn(item: QueueItem, fieldName: Hit['field']): Hit[] {
  return item.reasons.flatMap((reason) => [
    ...(reason.hits ?? []).filter((hit) => hit.field === fieldName),
    ...(fieldName === 'body' ? classifierHits(reason) : []),
  ]);
}

/** Words the classifier named when it held, rejected or marked a comment: the ones that raised its score most. */
export function raisingWords(reason: QueueItem['reasons'][number]): Array<{ feature: string; start: number; end: number }> {
  if (reason.vote === 'approve') return [];
  return (reason.features ?? [])
    .flatMap((feature) => (feature.start !== undefined && feature.end !== undefined && feature.weight > 0 ? [{ feature: feature.feature, start: feature.start, end: feature.end }] : []))
    .slice(0, SHOWN_WORDS);
}

const SHOWN_WORDS = 3;

/** What the classifier measured of the whole comment (its links, its long numbers…) that raised its score most. */
export function raisingProperties(reason: QueueItem['reasons'][number]): string[] {
  if (reason.vote === 'approve') return [];
  return (reason.features ?? [])
    .flatMap((feature) => (feature.start === undefined && feature.weight > 0 ? [feature.feature] : []))
    .slice(0, SHOWN_PROPERTIES);
}

const SHOWN_PROPERTIES = 2;

function classifierHits(reason: QueueItem['reasons'][number]): Hit[] {
  return raisingWords(reason).map((word) => ({ field: 'body' as const, entry: reason.rule, matched: word.feature, start: word.start, end: word.end }));
}
