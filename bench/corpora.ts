// The labelled development corpora the moderation benchmark reads (never shipped, never read by
// tests): JSON Lines files in ../shared/corpora, or wherever --corpora points.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Example, Label } from '../src/classifier/index.js';

/** The corpora and what they measure. */
export const CORPORA = [
  { file: 'ar_osact2022_train', kind: 'offensive', lang: 'ar' },
  { file: 'ar_mlma', kind: 'offensive', lang: 'ar' },
  { file: 'en_olid_train', kind: 'offensive', lang: 'en' },
  { file: 'en_blog_comment_spam', kind: 'spam', lang: 'en' },
  { file: 'en_sms_spam', kind: 'spam', lang: 'en' },
  { file: 'ar_spam_tweets', kind: 'spam', lang: 'ar' },
] as const;

export type Corpus = (typeof CORPORA)[number];

const LABELS: Readonly<Record<string, Label>> = { clean: 'acceptable', offensive: 'abusive', spam: 'spam' };
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The corpora directory: `--corpora DIR` resolved against the repository root, else ../shared/corpora. */
export function corporaDirectory(args: readonly string[]): string {
  const flag = args.indexOf('--corpora');
  return resolve(REPO_ROOT, flag >= 0 ? (args[flag + 1] ?? '') : '../shared/corpora');
}

/** Why the corpora cannot be read and how to get them, or null when every file is there. */
export function missingCorporaMessage(directory: string): string | null {
  const missing = CORPORA.filter((corpus) => !existsSync(resolve(directory, `${corpus.file}.jsonl`)));
  if (missing.length === 0) return null;
  return [
    `The moderation benchmark needs the labelled development corpora in ${directory}`,
    `(missing: ${missing.map((corpus) => `${corpus.file}.jsonl`).join(', ')}).`,
    'They are third-party comments labelled by others, for development only (their README.md gives',
    'each source and licence), so they are never part of this repository. Get the corpora folder',
    'from the team share (../shared/corpora next to the checkout), or rebuild it with its build.py',
    'from the pinned source commits listed in that README, then run:',
    '  npm run bench -- --moderation --corpora /path/to/corpora',
  ].join('\n');
}

/** Reads one corpus as classifier examples (clean → acceptable, offensive → abusive, spam → spam). */
export function readCorpus(directory: string, corpus: Corpus): Example[] {
  return readFileSync(resolve(directory, `${corpus.file}.jsonl`), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const row = JSON.parse(line) as { text: string; label: string; lang: 'ar' | 'en' };
      const label = LABELS[row.label];
      if (label === undefined) throw new Error(`${corpus.file}: unknown label ${row.label}`);
      return { text: row.text, label, lang: row.lang };
    });
}
