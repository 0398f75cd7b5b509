import type { z } from 'zod';
import { ANONYMOUS_AUTHOR_KEY, emailKey } from '../authors/email.js';
import type { Config } from '../config/config.js';
import type { Db } from '../db/client.js';
import { langOrEnglish, translate } from '../i18n/i18n.js';
import type { Clock } from '../shared/clock.js';
import { keyedHash } from '../shared/crypto.js';
import { ensureAuthor } from '../authors/author.service.js';
import { applyTransition, type TransitionDeps } from '../comments/comment-transition.js';
import { hasReplies } from '../comments/comment.service.js';
import { inTransaction, type UnitOfWork } from '../db/unit-of-work.js';
import { accountAuthorKey, accountIdsWithAddress, accountRecords, deleteAccount } from '../accounts/account.service.js';
import type { DecisionActor } from '../comments/comment.schemas.js';
import type { erasureResultSchema, PRIVACY_ACTIONS, subjectRecordSchema } from './privacy.schemas.js';
import { migrationProviderOf } from '../db/migrate.js';
import type { Comment } from '../db/models.js';
import { storedReasons } from '../pipeline/pipeline.js';
import {
  checkpointSqlite,
  eraseMails,
  eraseMailsQuoting,
  eraseNotesAndPayloads,
  findMailsTo,
  findPrivacyActions,
  findSubjectData,
  forgetAuthors,
  recordPrivacyAction,
  type ErasedSubject,
} from './privacy.repository.js';

/** What privacy requests need. */
export interface PrivacyDeps extends TransitionDeps {
  db: Db;
  config: Config;
  clock: Clock;
}

/** The audit log keeps a keyed hash, never the address, so an erasure does not leave the address behind. */
function subjectHashOf(config: Config, key: string): string {
  return keyedHash(config.SECRET, 'privacy-subject', key);
}

/** The address as keyed and every way it was written (typed with comments, given by an account's provider). */
function subjectAddresses(key: string, comments: Array<{ authorEmail: string }>, accounts: Array<{ email: string | null }>): string[] {
  return [...new Set([key, ...comments.map((c) => c.authorEmail), ...accounts.map((a) => a.email ?? '')].filter((address) => address !== ''))];
}

/** Everything Majlis stores about an address (SPEC: right of access), and an audit entry that it was exported. */
export async function exportSubject(deps: PrivacyDeps, email: string, moderatorId: number): Promise<z.infer<typeof subjectRecordSchema>> {
  const key = emailKey(email);
  const subjectHash = subjectHashOf(deps.config, key);
  const accountIds = await accountIdsWithAddress(deps.db, key);
  const { author, comments } = await findSubjectData(deps.db, key, accountIds.map(accountAuthorKey));
  const accounts = await accountRecords(deps.db, accountIds);
  await recordPrivacyAction(deps.db, { subjectHash, action: 'export', moderatorId, commentIds: comments.map((c) => c.id), createdAt: deps.clock.now() });
  return {
    email: key,
    author: author && { status: author.status, emailConfirmedAt: author.emailConfirmedAt?.toISOString() ?? null, createdAt: author.createdAt.toISOString() },
    comments: comments.map((c) => ({
      id: c.id,
      thread: c.thread,
      parentId: c.parentId,
      authorName: c.authorName,
      authorEmail: c.authorEmail,
      authorUrl: c.authorUrl,
      body: c.body,
      status: c.status,
      lang: c.lang,
      userAgent: c.userAgent,
      // The IP is stored only as a keyed hash; say that one exists without handing out the hash.
      ipHashStored: c.ipHash !== null,
      notify: c.notify,
      createdAt: c.createdAt.toISOString(),
      editedAt: c.editedAt?.toISOString() ?? null,
      deletedAt: c.deletedAt?.toISOString() ?? null,
      reasons: storedReasons(c.reasons).map((reason) => ({ rule: reason.rule, vote: reason.vote, detail: reason.detail })),
      // Actors and privacy actions are plain string columns written only from their fixed lists.
      decisions: c.decisions.map((d) => ({ actor: d.actor as DecisionActor, fromStatus: d.fromStatus, toStatus: d.toStatus, note: d.note, createdAt: d.createdAt.toISOString() })),
    })),
    accounts,
    mails: (await findMailsTo(deps.db, subjectAddresses(key, comments, accounts))).map((mail) => ({
      kind: mail.kind,
      subject: mail.subject,
      text: mail.text,
      status: mail.status,
      createdAt: mail.createdAt.toISOString(),
      sentAt: mail.sentAt?.toISOString() ?? null,
    })),
    flags: {
      linkable: false,
      note: 'Flags are stored under a keyed hash of the reporting reader’s IP address, not an email address, so they cannot be linked to this person.',
    },
    privacyActions: (await findPrivacyActions(deps.db, subjectHash)).map((a) => ({
      action: a.action as (typeof PRIVACY_ACTIONS)[number],
      commentIds: a.commentIds as number[],
      createdAt: a.createdAt.toISOString(),
    })),
  };
}

/**
 * Erases an address. "anonymise" keeps the comments under "Anonymous"/"مجهول" without email, URL,
 * IP hash or user agent; "delete" removes them (ones with replies stay as tombstones). Either way the
 * author record and queued mail go, each touched comment gets a decision-log entry, and the request
 * is written to the privacy audit log. All in one transaction.
 */
export function eraseSubject(deps: PrivacyDeps, email: string, mode: 'anonymise' | 'delete', moderatorId: number): Promise<z.infer<typeof erasureResultSchema>> {
  const key = emailKey(email);
  // The person's signed-in accounts (their identity provider gave this address) go with it, comments and all.
  return eraseAuthor(deps, key, mode, moderatorId, (db) => accountIdsWithAddress(db, key));
}

/**
 * Erases a signed-in reader's account the same way as an address (see eraseSubject), then the
 * account itself; `moderatorId` is null when the site's CMS asked (its webhook).
 */
export function eraseAccount(deps: PrivacyDeps, accountId: number, mode: 'anonymise' | 'delete', moderatorId: number | null): Promise<z.infer<typeof erasureResultSchema>> {
  return eraseAuthor(deps, accountAuthorKey(accountId), mode, moderatorId, async () => [accountId]);
}

/** Erases what is stored under `key`, and the accounts `accountsOf` finds (read in the erasure's transaction), then those accounts. */
async function eraseAuthor(
  deps: PrivacyDeps,
  key: string,
  mode: 'anonymise' | 'delete',
  moderatorId: number | null,
  accountsOf: (db: UnitOfWork['tx']) => Promise<number[]> = async () => [],
): Promise<z.infer<typeof erasureResultSchema>> {
  const now = deps.clock.now();
  const result = await inTransaction(deps.db, async (unit) => {
    const accountIds = await accountsOf(unit.tx);
    const accountKeys = accountIds.map(accountAuthorKey).filter((accountKey) => accountKey !== key);
    const { comments } = await findSubjectData(unit.tx, key, accountKeys);
    const subject = erasedSubject(comments, key, mode);
    await eraseMails(unit.tx, subject);
    await ensureAuthor(unit.tx, ANONYMOUS_AUTHOR_KEY, ANONYMOUS_AUTHOR_KEY, now);
    let deleted = 0;
    let tombstoned = 0;
    // Deepest first, so an author's reply to their own comment is gone before its parent is judged.
    for (const c of [...comments].sort((a, b) => b.depth - a.depth || b.id - a.id)) {
      const request = { commentId: c.id, expectedStatus: c.status, actor: 'privacy', moderatorId } as const;
      if (mode === 'anonymise') {
        const name = translate(langOrEnglish(c.lang), 'privacy.anonymous');
        await applyTransition(unit, deps, { ...request, change: { kind: 'anonymise', name, authorKey: ANONYMOUS_AUTHOR_KEY }, note: 'author anonymised on request' }, now);
      } else if (await hasReplies(unit.tx, c)) {
        await applyTransition(unit, deps, { ...request, change: { kind: 'erase', authorKey: ANONYMOUS_AUTHOR_KEY }, note: 'erased on request' }, now);
        tombstoned += 1;
      } else {
        await applyTransition(unit, deps, { ...request, change: { kind: 'remove' } }, now);
        deleted += 1;
      }
    }
    await forgetAuthors(unit.tx, [key, ...accountKeys]);
    await eraseNotesAndPayloads(unit.tx, subject);
    for (const accountId of accountIds) await deleteAccount(unit.tx, deps.config.SECRET, accountId, now);
    await recordPrivacyAction(unit.tx, { subjectHash: subjectHashOf(deps.config, key), action: mode, moderatorId, commentIds: comments.map((c) => c.id), createdAt: now });
    return { matched: comments.length, deleted, tombstoned };
  });
  // Old versions of the erased pages must not survive in SQLite's write-ahead log (secure_delete already zeroes the file's free space).
  if (migrationProviderOf(deps.config.DATABASE_URL) === 'sqlite') await checkpointSqlite(deps.db);
  return { mode, comments: result.matched, anonymised: mode === 'anonymise' ? result.matched : 0, deleted: result.deleted, tombstoned: result.tombstoned };
}

/**
 * What an author's own deletion of a comment leaves nowhere: the mails that quote it (a reply notification not yet
 * sent would still carry it), and its text, name, address and website in webhook payloads and notes about it.
 * Their other comments and mails stay: this is one comment taken back, not an erasure of the person. Runs in the
 * deletion's transaction, with the row as it was.
 */
export async function forgetDeletedComment(tx: UnitOfWork['tx'], comment: Pick<Comment, 'id' | 'authorEmail' | 'authorName' | 'authorUrl' | 'body'>): Promise<void> {
  await eraseMailsQuoting(tx, comment.id);
  await eraseNotesAndPayloads(tx, {
    commentIds: [comment.id],
    addresses: [],
    names: [],
    erased: [comment.authorEmail, comment.authorName, comment.authorUrl ?? '', comment.body],
    quotes: [],
    dropNotes: false,
    dropTexts: true,
  });
}

/** What to look for in copies: the address as typed and as keyed, names and websites; in delete mode the texts too. */
function erasedSubject(comments: Array<Pick<Comment, 'id' | 'authorEmail' | 'authorName' | 'authorUrl' | 'body'>>, key: string, mode: 'anonymise' | 'delete'): ErasedSubject {
  const addresses = [...new Set([key, ...comments.map((c) => c.authorEmail)].filter((address) => address !== ''))];
  const texts = mode === 'delete' ? comments.map((c) => c.body) : [];
  return {
    commentIds: comments.map((c) => c.id),
    addresses,
    names: [...new Set(comments.map((c) => c.authorName).filter((name) => name !== ''))],
    erased: [...addresses, ...comments.flatMap((c) => [c.authorName, c.authorUrl ?? '']), ...texts],
    // Mails quote a text with its whitespace flattened; its first 30 characters find the mail.
    // (Mails that quoted a comment also carry the author's name, so they go in either mode.)
    quotes: comments.map((c) => c.body).map((text) => [...text.replace(/\s+/gu, ' ').trim()].slice(0, 30).join('')).filter((quote) => quote.length >= 12),
    dropNotes: mode === 'delete',
    dropTexts: mode === 'delete',
  };
}
