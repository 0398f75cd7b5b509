import { createReadStream } from 'node:fs';
import { readDisqus } from './disqus.js';
import { importRecords, type ImportDeps, type ImportSummary } from './import.service.js';
import type { ImportRecord } from './import.types.js';
import { readMajlis } from './majlis.js';
import { readWordPress } from './wordpress.js';

/** The export formats Majlis reads: WordPress (WXR), Disqus, and its own (npm run export), to move to another installation. */
export const IMPORT_FORMATS = ['wordpress', 'disqus', 'majlis'] as const;

/** One of {@link IMPORT_FORMATS}. */
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** Streams one export file into the database and returns what happened. */
export function importFile(deps: ImportDeps, format: ImportFormat, path: string, options: { threadLang?: 'ar' | 'en' } = {}): Promise<ImportSummary> {
  const read = () => {
    // 64 KiB chunks: the parser only ever holds one chunk and the entry being read.
    const input = createReadStream(path, { highWaterMark: 64 * 1024 });
    return { wordpress: readWordPress, disqus: readDisqus, majlis: readMajlis }[format](input);
  };
  return importRecords(deps, format, checkedFirst(read), options);
}

/**
 * The file's records, once the whole file was read through without storing anything. Comments are stored one per
 * transaction (a single one would hold SQLite's only write lock, which the running instances post through, for the whole
 * import), so a file that broke partway used to leave what came before it: threads whose comments were past the break,
 * and replies stored flat whose parent was. A Majlis export with a line that is not one is refused the same way. Reading
 * it twice keeps memory flat and makes a damaged file change nothing (docs/decisions/0011-bounded-imports.md).
 */
async function* checkedFirst(read: () => AsyncGenerator<ImportRecord>): AsyncGenerator<ImportRecord> {
  for await (const record of read()) void record;
  yield* read();
}

/** The summary as the CLI prints it. */
export function formatSummary(summary: ImportSummary): string {
  const lines = [`threads: ${summary.threads}`, `comments imported: ${summary.imported}`, `already imported (left unchanged): ${summary.alreadyImported}`];
  const skipped = Object.entries(summary.skipped);
  lines.push(`skipped: ${skipped.reduce((n, [, c]) => n + c, 0)}`, ...skipped.map(([reason, c]) => `  ${c} × ${reason}`));
  for (const [warning, c] of Object.entries(summary.warnings)) lines.push(`warning: ${c} × ${warning}`);
  if (summary.examples.length > 0) lines.push('skipped entries:', ...summary.examples.map((e) => `  ${e.importKey}: ${e.reason}`));
  if (summary.error) lines.push(`error: ${summary.error}`);
  return lines.join('\n');
}
