// The classifier names what it measures of a whole comment in English phrases ("long numbers: 1", "links: 3 or more",
// src/classifier/text-properties.ts), stored with each reason. The dashboard reads them in its own language.
import { t } from './i18n.js';
import type { MessageKey } from './messages.js';

const NAMED: Readonly<Record<string, MessageKey>> = {
  length: 'property.length',
  links: 'property.links',
  mentions: 'property.mentions',
  'long numbers': 'property.longNumbers',
  emoji: 'property.emoji',
  'exclamation marks': 'property.exclamationMarks',
  'characters outside words': 'property.outsideWords',
  'capital letters': 'property.capitals',
};

const WHOLE: Readonly<Record<string, MessageKey>> = {
  'no links': 'property.noLinks',
  'stretched letters': 'property.stretched',
  'Arabic and Latin letters': 'property.mixedScripts',
};

/** A bucket ("none", "3 or more", "under 10%", "16–31 characters") in the dashboard's language; numbers stay as written. */
function valueText(value: string): string {
  if (value === 'none') return t('property.none');
  const parts = /^(under |over )?(.+?)( or more)?( characters)?$/.exec(value);
  if (!parts) return value;
  const [, bound, rawCore = value, more, characters] = parts;
  // Word joiners keep a range ("32–63") on one line: a line broken at its dash reads as two numbers.
  const core = rawCore.replace('–', '\u2060–\u2060');
  let text = bound === 'under ' ? t('property.under', { n: core }) : bound === 'over ' ? t('property.over', { n: core }) : core;
  if (more) text = t('property.orMore', { n: text });
  return characters ? t('property.characters', { n: text }) : text;
}

/** A property phrase in the dashboard's language; one of another version of the classifier stays as it came. */
export function propertyText(phrase: string): string {
  const whole = WHOLE[phrase];
  if (whole) return t(whole);
  const split = phrase.indexOf(': ');
  const name = split > 0 ? NAMED[phrase.slice(0, split)] : undefined;
  return name ? t('property.named', { name: t(name), value: valueText(phrase.slice(split + 2)) }) : phrase;
}
