import { setTimeout as pause } from 'node:timers/promises';
import type { DbClient } from '../db/client.js';
import type { Prisma } from '../generated/sqlite/client.js';
import { ERASED, redactJson, redactText } from '../shared/redact.js';

/**
 * Everything stored under one normalised address (or account key): the author record, and their comments with
 * decisions, those posted under `alsoKeys` (the person's signed-in accounts) included.
 */
export async function findSubjectData(db: DbClient, authorKey: string, alsoKeys: readonly string[] = []) {
  const [author, comments] = await Promise.all([
    db.author.findUnique({ where: { emailKey: authorKey } }),
    db.comment.findMany({
      where: { authorKey: { in: [authorKey, ...alsoKeys] } },
      orderBy: { id: 'asc' },
      include: { thread: { select: { key: true, title: true, url: true } }, decisions: { orderBy: { id: 'asc' } } },
    }),
  ]);
  return { author, comments };
}

/** The mails kept that went (or wait to go) to any of these addresses, oldest first. */
export function findMailsTo(db: DbClient, addresses: readonly string[]) {
  return db.outgoingMail.findMany({
    where: { to: { in: [...addresses] } },
    orderBy: { id: 'asc' },
    select: { kind: true, subject: true, text: true, status: true, createdAt: true, sentAt: true },
  });
}

/** Past privacy requests about a subject (by keyed hash). */
export function findPrivacyActions(db: DbClient, subjectHash: string) {
  return db.privacyAction.findMany({ where: { subjectHash }, orderBy: { id: 'asc' } });
}

/** Appends to the privacy audit log. */
export async function recordPrivacyAction(db: DbClient, entry: { subjectHash: string; action: string; moderatorId: number | null; commentIds: number[]; createdAt: Date }): Promise<void> {
  await db.privacyAction.create({ data: { ...entry, commentIds: entry.commentIds as Prisma.InputJsonArray } });
}

/** Removes the author records, once their comments are dealt with. */
export async function forgetAuthors(db: DbClient, authorKeys: readonly string[]): Promise<void> {
  await db.author.deleteMany({ where: { emailKey: { in: [...authorKeys] } } });
}


/** What an erasure must remove wherever it was copied. */
export interface ErasedSubject {
  commentIds: number[];
  addresses: string[];
  /** The names the author wrote under. */
  names: string[];
  /** Addresses, names, websites (and, when comments are deleted, their text) to replace in copies. */
  erased: string[];
  /** The start of each erased text as mails quote it, to find the mails that quoted it. */
  quotes: string[];
  /** Delete mode: moderators' and readers' notes about the comments go, not only the parts that name the author. */
  dropNotes: boolean;
  /** The comments' texts go: every version a webhook payload carried, the ones before an edit too, not only the last. */
  dropTexts: boolean;
}

/** A webhook payload with the text of each comment in `ids` erased whole, whichever version of it the payload carried. */
function withoutTexts(payload: unknown, ids: ReadonlySet<number>): unknown {
  const comment = (payload as { data?: { comment?: { id?: unknown; body?: unknown } } } | null)?.data?.comment;
  if (comment && typeof comment.id === 'number' && ids.has(comment.id) && typeof comment.body === 'string' && comment.body !== '') comment.body = ERASED;
  return payload;
}

/** Names this long are distinctive enough to look for in notes on other people's comments ("re-check: John Zebra …"). */
const NAME_IN_NOTES_MIN_LENGTH = 5;

const notesAbout = (subject: ErasedSubject) => [
  { commentId: { in: subject.commentIds } },
  ...[...subject.addresses, ...subject.names.filter((name) => [...name.trim()].length >= NAME_IN_NOTES_MIN_LENGTH)].map((text) => ({ note: { contains: text.trim() } })),
];

/**
 * Deletes the mails, queued or sent, that were addressed to an erased author, quoted them, or listed
 * their comments in a moderators' digest. Runs before the comments change: a digest is found through
 * the alerts that go with its comments.
 */
export async function eraseMails(db: DbClient, subject: ErasedSubject): Promise<void> {
  const digests = await db.moderatorAlert.findMany({ where: { commentId: { in: subject.commentIds }, mailId: { not: null } }, select: { mailId: true } });
  await db.outgoingMail.deleteMany({
    where: {
      OR: [
        { to: { in: subject.addresses } },
        { quotedCommentId: { in: subject.commentIds } },
        { id: { in: digests.flatMap((a) => (a.mailId === null ? [] : [a.mailId])) } },
        ...[...subject.addresses, ...subject.quotes].flatMap((text) => [{ text: { contains: text } }, { subject: { contains: text } }]),
      ],
    },
  });
}

/** Deletes the mails, queued or sent, that quote a comment (an approval, a reply, a pick). */
export async function eraseMailsQuoting(db: DbClient, commentId: number): Promise<void> {
  await db.outgoingMail.deleteMany({ where: { quotedCommentId: commentId } });
}

/**
 * Cleans the other copies of an erased author, once their comments have changed: moderators'
 * decision notes and other readers' flag notes (on the comments, or naming the address anywhere), and
 * webhook payloads about their comments, reasons included.
 */
export async function eraseNotesAndPayloads(db: DbClient, subject: ErasedSubject): Promise<void> {
  const ids = new Set(subject.commentIds);
  const decisions = await db.decision.findMany({ where: { note: { not: null }, OR: notesAbout(subject) }, select: { id: true, commentId: true, note: true, actor: true } });
  for (const d of decisions) {
    // Majlis's own notes ('deleted by author', '3 reader flags') quote nobody; a moderator's may.
    if (d.actor !== 'moderator') continue;
    const note = subject.dropNotes && ids.has(d.commentId) ? null : redactText(d.note ?? '', subject.erased);
    if (note !== d.note) await db.decision.update({ where: { id: d.id }, data: { note } });
  }
  const flags = await db.flag.findMany({ where: { note: { not: null }, OR: notesAbout(subject) }, select: { id: true, commentId: true, note: true } });
  for (const f of flags) {
    const note = subject.dropNotes && ids.has(f.commentId) ? null : redactText(f.note ?? '', subject.erased);
    if (note !== f.note) await db.flag.update({ where: { id: f.id }, data: { note } });
  }
  if (subject.commentIds.length === 0) return;
  // Payloads are JSON text: a delivery is about a comment when it carries `"comment":{"id":<id>,`.
  const deliveries = await db.webhookDelivery.findMany({
    where: { OR: subject.commentIds.map((id) => ({ payload: { contains: `"comment":{"id":${id},` } })) },
    select: { id: true, payload: true },
  });
  for (const delivery of deliveries) {
    const parsed = JSON.parse(delivery.payload) as unknown;
    const payload = JSON.stringify(redactJson(subject.dropTexts ? withoutTexts(parsed, ids) : parsed, subject.erased));
    if (payload !== delivery.payload) await db.webhookDelivery.update({ where: { id: delivery.id }, data: { payload } });
  }
}

/** Tries at most this often, this long apart, to empty the log while another checkpoint holds it (one takes 10-100 ms). */
const TRUNCATE_ATTEMPTS = 50;
const TRUNCATE_RETRY_MS = 20;

/**
 * SQLite: moves the write-ahead log into the file and empties it, so no old page with erased text stays in the WAL.
 * SQLite answers "busy" instead of waiting when another connection is checkpointing (an import in another process,
 * say, whose writes reach SQLite's threshold): it tries again, and fails loudly rather than leave the log as it is.
 */
export async function checkpointSqlite(db: DbClient): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const [result] = await db.$queryRawUnsafe<Array<{ busy: unknown }>>('PRAGMA wal_checkpoint(TRUNCATE)');
    if (Number(result?.busy ?? 0) === 0) return;
    if (attempt >= TRUNCATE_ATTEMPTS) throw new Error('the write-ahead log could not be emptied: another checkpoint kept it busy');
    await pause(TRUNCATE_RETRY_MS);
  }
}
