import { duplicateHash } from '../comments/duplicate-hash.js';
import { placeReply, type ReplyParent } from '../comments/reply-placement.js';
import { ANONYMOUS_AUTHOR_KEY, emailKey, isValidEmail } from '../authors/email.js';
import type { Db } from '../db/client.js';
import { isUniqueViolation } from '../db/models.js';
import { inTransaction } from '../db/unit-of-work.js';
import type { Clock } from '../shared/clock.js';
import { keyedHash, randomToken, sha256Hex } from '../shared/crypto.js';
import { commentSearchText } from '../text/search-text.js';
import { prepareComment, prepareThread } from './imported-fields.js';
import { exportOrigin, ownRowIdOf } from '../exports/export-origin.js';
import { threadKeySchema } from '../threads/thread.schemas.js';
import { findByImportKey, importKeyExists, insertImportedComment, upsertImportedThread } from './import.repository.js';
import type { CommentRecord, ImportRecord } from './import.types.js';
import { WrongFileError, XmlSyntaxError } from './xml-stream.js';

/** What an import did, for the printed summary. */
export interface ImportSummary {
  threads: number;
  /** The keys of the threads the file named, whose public pages may have changed. */
  threadKeys: string[];
  imported: number;
  alreadyImported: number;
  skipped: Record<string, number>;
  warnings: Record<string, number>;
  /** Examples of skipped entries (source id and reason), at most 20. */
  examples: Array<{ importKey: string; reason: string }>;
  error: string | null;
}

/** The host of a stored web address (the import checked it is one). */
const hostOf = (url: string) => URL.parse(url)?.host ?? url;

const count = (bucket: Record<string, number>, reason: string) => {
  bucket[reason] = (bucket[reason] ?? 0) + 1;
};

/** Why a record cannot be stored, or null. */
function problemOf(record: CommentRecord, threadIds: ReadonlyMap<string, number>): string | null {
  if (record.skipReason) return record.skipReason;
  if (record.status === null) return `unknown status "${record.rawStatus}"`;
  if (!record.createdAt) return 'invalid date';
  if (!threadIds.has(record.threadSourceId)) return 'unknown thread';
  return null;
}

/** What an import writes with: the database, the key for IP hashes, and the clock for import times. */
export interface ImportDeps {
  db: Db;
  secret: string;
  clock: Clock;
}

/**
 * Stores what an export parser yields, one comment per transaction, idempotently (a comment whose
 * import key exists is left alone). Replies are placed under their parents at the end, so parents
 * may come after their children in the file. Imports publish no events and send no mail.
 */
export async function importRecords(
  { db, secret, clock }: ImportDeps,
  source: string,
  records: AsyncIterable<ImportRecord>,
  // `actor: 'demo'` for the demo threads: their log entries are no newsroom's decisions, so the classifier does not learn from them.
  options: { threadLang?: 'ar' | 'en'; actor?: 'import' | 'demo' } = {},
): Promise<ImportSummary> {
  const actor = options.actor ?? 'import';
  // A key this installation's own export gave names one of its rows (a site moved away and back, or an export imported
  // where it was written): that comment is here already.
  const origin = exportOrigin(secret);
  const summary: ImportSummary = { threads: 0, threadKeys: [], imported: 0, alreadyImported: 0, skipped: {}, warnings: {}, examples: [], error: null };
  const threadIds = new Map<string, number>();
  // Replies whose parent is not stored yet wait in memory, keyed by the parent's import key, and are
  // stored right after it: ids then grow down every conversation, as the thread reader expects.
  // Most files list parents first, so this stays small.
  const waiting = new Map<string, CommentRecord[]>();
  const skip = (importKey: string, reason: string) => {
    count(summary.skipped, reason);
    if (summary.examples.length < 20) summary.examples.push({ importKey, reason });
  };
  try {
    for await (const record of records) {
      if (record.kind === 'left-out') {
        count(summary.warnings, record.warning);
        continue;
      }
      if (record.kind === 'thread') {
        // A key no route takes (a WordPress post id with a space, say) would store a thread nobody can reach: its comments
        // are skipped as of an unknown thread.
        if (!threadKeySchema.safeParse(record.key).success) {
          count(summary.warnings, 'thread key the API does not take: the thread and its comments left out');
          continue;
        }
        // An article without a date in the export counts as published now, when it arrives here.
        const { title, url, warnings } = prepareThread(record);
        for (const warning of warnings) count(summary.warnings, warning);
        const thread = await upsertImportedThread(db, { ...record, title, url, lang: record.lang ?? options.threadLang ?? null, createdAt: record.createdAt ?? clock.now() });
        // Thread keys name a post by its id alone (as the embed does): another site's post with the same id is the same thread.
        if (url && thread.url && hostOf(url) !== hostOf(thread.url)) {
          count(summary.warnings, `thread ${thread.key} is already another site's article (${hostOf(thread.url)}): this file's comments for it were added to that thread`);
        }
        if (!threadIds.has(record.sourceId)) {
          summary.threads += 1;
          summary.threadKeys.push(thread.key);
        }
        threadIds.set(record.sourceId, thread.id);
        continue;
      }
      const problem = problemOf(record, threadIds);
      const prepared = problem === null ? prepareComment(record) : { skip: problem };
      if ('skip' in prepared) {
        skip(record.importKey, prepared.skip);
        continue;
      }
      if (await importKeyExists(db, record.importKey, ownRowIdOf(record.importKey, origin))) {
        summary.alreadyImported += 1;
        continue;
      }
      for (const warning of prepared.warnings) count(summary.warnings, warning);
      await storeWithReplies(db, { secret, origin, clock, source, actor, lang: options.threadLang ?? null, threadIds, summary, waiting }, { ...record, ...prepared }, false);
    }
  } catch (error) {
    if (error instanceof WrongFileError) summary.error = `${error.message} Nothing was imported; check the file and the format named.`;
    else if (error instanceof XmlSyntaxError) {
      // A file is read through before anything is stored (importFile), so a break stores nothing; one that breaks before
      // its first entry is most likely not this XML export at all (JSON, Majlis's own export). Only a file changed between
      // the two readings breaks after something was stored.
      const stored = summary.threads + summary.imported + summary.alreadyImported > 0;
      const outcome = stored
        ? 'Everything before it was imported; fix the file and run the import again.'
        : error.afterRecords
          ? 'Nothing was imported; fix the file and run the import again.'
          : 'Nothing was imported; check the file and the format named.';
      summary.error = `The file is not well-formed XML near line ${error.line}: ${error.message.replace(/\.+$/, '')}. ${outcome}`;
    } else throw error;
  }
  // Whatever still waits has a parent that never appeared (or a cycle): it becomes top-level.
  for (let next = firstWaiting(waiting); next; next = firstWaiting(waiting)) {
    count(summary.warnings, 'unknown parent: imported as a top-level comment');
    await storeWithReplies(db, { secret, origin, clock, source, actor, lang: options.threadLang ?? null, threadIds, summary, waiting }, next, true);
  }
  return summary;
}

interface ImportState {
  secret: string;
  /** This installation's export origin (ownRowIdOf). */
  origin: string;
  clock: Clock;
  source: string;
  actor: 'import' | 'demo';
  /** The language `--lang` gives the file's threads: their comments are in it too (mail to their authors speaks it). */
  lang: 'ar' | 'en' | null;
  threadIds: ReadonlyMap<string, number>;
  summary: ImportSummary;
  waiting: Map<string, CommentRecord[]>;
}

function firstWaiting(waiting: Map<string, CommentRecord[]>): CommentRecord | undefined {
  for (const [key, list] of waiting) {
    const record = list.shift();
    if (list.length === 0) waiting.delete(key);
    if (record) return record;
  }
  return undefined;
}

/** Stores a comment (or parks it until its parent is stored), then every reply that waited for it. */
async function storeWithReplies(db: Db, state: ImportState, record: CommentRecord, asTopLevel: boolean): Promise<void> {
  const parent = record.parentImportKey && !asTopLevel ? await findByImportKey(db, record.parentImportKey, ownRowIdOf(record.parentImportKey, state.origin)) : null;
  if (record.parentImportKey && !asTopLevel && !parent) {
    state.waiting.set(record.parentImportKey, [...(state.waiting.get(record.parentImportKey) ?? []), record]);
    return;
  }
  const stored = await storeComment(db, state, record, parent && parent.threadId === state.threadIds.get(record.threadSourceId) ? parent : null).catch(
    (error: unknown) => (isUniqueViolation(error) ? false : Promise.reject(error)),
  );
  if (!stored) state.summary.alreadyImported += 1;
  const replies = state.waiting.get(record.importKey) ?? [];
  state.waiting.delete(record.importKey);
  for (const reply of replies) await storeWithReplies(db, state, reply, false);
}

async function storeComment(
  db: Db,
  { secret, clock, source, actor, lang, threadIds, summary }: ImportState,
  record: CommentRecord,
  parent: ReplyParent | null,
): Promise<boolean> {
  const now = clock.now();
  // A date ahead of the import (a wrong clock on the old site) would keep the comment first among the newest for good.
  const future = record.createdAt !== null && record.createdAt > now;
  if (future) count(summary.warnings, 'date in the future: imported with the time of the import');
  const hasEmail = record.authorEmail !== '' && isValidEmail(record.authorEmail);
  // A deleted comment's address was erased with it: nothing is missing.
  if (!hasEmail && !record.deletedAt) count(summary.warnings, record.authorEmail ? 'invalid email: imported without an address' : 'missing email: imported without an address');
  const place = placeReply(parent);
  if (parent && place.parentId !== parent.id) count(summary.warnings, 'nested deeper than the thread shows: imported as an answer to the comment above its parent');
  await inTransaction(db, ({ tx }) =>
    insertImportedComment(
      tx,
      {
        threadId: threadIds.get(record.threadSourceId) ?? 0,
        ...place,
        body: record.body,
        authorName: record.authorName,
        authorEmail: hasEmail ? record.authorEmail : '',
        authorKey: hasEmail ? emailKey(record.authorEmail) : ANONYMOUS_AUTHOR_KEY,
        authorUrl: record.authorUrl,
        status: record.status ?? 'pending',
        reasons: [{ rule: 'import', vote: 'approve', detail: `Imported from ${source} (status ${record.rawStatus}).` }],
        bodyHash: duplicateHash(record.body),
        searchText: record.deletedAt ? '' : commentSearchText(record),
        ipHash: record.ip ? keyedHash(secret, 'ip', record.ip) : null,
        // Nobody holds an edit token for an imported comment.
        editTokenHash: sha256Hex(randomToken()),
        importKey: record.importKey,
        lang: record.lang ?? lang,
        // Records without a valid date were skipped (problemOf); the fallback only satisfies the type.
        createdAt: future ? now : (record.createdAt ?? now),
        updatedAt: now,
        editedAt: record.editedAt ?? null,
        deletedAt: record.deletedAt ?? null,
      },
      { source, actor },
    ),
  );
  summary.imported += 1;
  return true;
}
