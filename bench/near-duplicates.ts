// npm run bench -- --near-duplicates: a post's near-duplicate candidate query (src/bots/bot-signals.repository.ts) as
// the archive grows. Archives (10k, 100k and 1M comments by default) written one per second, of which 1.07 % share a band with
// the new post (as often as English comments do, docs/decisions/0012); the campaign window is the last day. The
// query runs through Majlis's own client on the product's indexes, then, on the same file, on the indexes it had
// before (one per band, without the moment): the baseline of the same run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { findNearCandidates } from '../src/bots/bot-signals.repository.js';
import { BANDS } from '../src/bots/minhash.js';
import { createDb } from '../src/db/client.js';
import { applyMigrations } from '../src/db/migrate.js';
import { sqliteFilePath } from '../src/db/sqlite-path.js';

/** How often an earlier comment shares one of a new post's bands (English comments, OLID: 10.7 per 1,000). */
const SHARED_BAND_RATE = 0.0107;
const WINDOW_MS = 86_400_000;
const START = Date.parse('2025-01-01T00:00:00.000Z');
/** The bands of the new post: values no other comment has, except those meant to share them. */
const POST_BANDS = Array.from({ length: BANDS }, (_, band) => -1 - band);
const LIMIT = 500;
const RUNS = 200;

/** Writes `size` comments, one per second, straight through better-sqlite3 (the product's indexes are maintained as they go). */
function writeArchive(file: string, size: number): void {
  const sqlite = new Database(file);
  try {
    sqlite.exec(`INSERT INTO "Thread" ("key", "createdAt") VALUES ('near', ${START}); INSERT INTO "Author" ("emailKey", "createdAt") VALUES ('near@example.org', ${START})`);
    const bands = Array.from({ length: BANDS }, (_, band) => `"nearBand${band}"`).join(', ');
    const insert = sqlite.prepare(`INSERT INTO "Comment" ("threadId", "body", "authorName", "authorEmail", "authorKey", "status", "reasons", "bodyHash",
      "editTokenHash", "createdAt", "updatedAt", ${bands}) VALUES (1, 'x', 'Reader', 'near@example.org', 'near@example.org', 'approved', '[]', ?, 'x', ?, ?, ${POST_BANDS.map(() => '?').join(', ')})`);
    sqlite.transaction(() => {
      for (let n = 0; n < size; n += 1) {
        const at = START + n * 1000;
        // A comment shares a given band with the post at an eighth of the rate; any other band value is its own.
        const values = POST_BANDS.map((shared, band) => (Math.random() < SHARED_BAND_RATE / BANDS ? shared : n * BANDS + band));
        insert.run(`near-${n}`, at, at, ...values);
      }
    })();
  } finally {
    sqlite.close();
  }
}

/** Microseconds per candidate query through Majlis's client (prepared once), over the archive's last day. */
async function timeQuery(url: string, size: number): Promise<number> {
  const { db } = createDb(url);
  try {
    const since = new Date(START + size * 1000 - WINDOW_MS);
    await findNearCandidates(db, POST_BANDS, since, LIMIT);
    const started = performance.now();
    for (let run = 0; run < RUNS; run += 1) await findNearCandidates(db, POST_BANDS, since, LIMIT);
    return ((performance.now() - started) * 1000) / RUNS;
  } finally {
    await db.$disconnect();
  }
}

/** The indexes before migration 20261205040624_near_band_window: each band alone. */
function useBandOnlyIndexes(file: string): void {
  const sqlite = new Database(file);
  try {
    for (let band = 0; band < BANDS; band += 1) {
      sqlite.exec(`DROP INDEX "Comment_nearBand${band}_createdAt_idx"; CREATE INDEX "Comment_nearBand${band}_idx" ON "Comment" ("nearBand${band}")`);
    }
  } finally {
    sqlite.close();
  }
}

/** An archive size as its figures name it: 10k, 1M. */
function sizeLabel(size: number): string {
  return size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1000}k`;
}

export async function benchNearDuplicates(sizes: readonly number[]): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  for (const size of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'majlis-near-'));
    try {
      const url = `file:${join(dir, 'near.db')}`;
      await applyMigrations(url);
      writeArchive(sqliteFilePath(url), size);
      const label = sizeLabel(size);
      figures[`candidatesUs${label}`] = await timeQuery(url, size);
      useBandOnlyIndexes(sqliteFilePath(url));
      figures[`bandOnlyIndexUs${label}`] = await timeQuery(url, size);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const [first, last] = [sizeLabel(sizes[0] ?? 0), sizeLabel(sizes.at(-1) ?? 0)];
  figures.largestOverSmallestRatio = (figures[`candidatesUs${last}`] ?? 0) / (figures[`candidatesUs${first}`] ?? 1);
  figures.bandOnlyLargestOverSmallestRatio = (figures[`bandOnlyIndexUs${last}`] ?? 0) / (figures[`bandOnlyIndexUs${first}`] ?? 1);
  return figures;
}
