import type { DbClient } from '../db/client.js';
import type { OutgoingMail, Prisma } from '../generated/sqlite/client.js';
import { dueAt, unleasedAt, type OutboxStore } from '../outbox/outbox-queue.js';

/** A message ready to be stored in the outbox. */
export interface MailDraft {
  kind: 'comment_approved' | 'comment_reply' | 'comment_featured' | 'confirm_email' | 'moderator_digest';
  to: string;
  subject: string;
  text: string;
  headers?: Record<string, string>;
  moderatorId?: number;
  /** The comment whose text the mail quotes, so its erasure or deletion takes the mail too. */
  quotedCommentId?: number;
}

/** Stores a message in the outbox, in the caller's transaction; the worker sends it. */
export async function insertMail(db: DbClient, draft: MailDraft, now: Date): Promise<number> {
  const row = await db.outgoingMail.create({
    data: {
      kind: draft.kind,
      to: draft.to,
      subject: draft.subject,
      text: draft.text,
      headers: (draft.headers ?? {}) as Prisma.InputJsonObject,
      moderatorId: draft.moderatorId ?? null,
      quotedCommentId: draft.quotedCommentId ?? null,
      nextAttemptAt: now,
      createdAt: now,
    },
  });
  return row.id;
}

/** Deletes the mails quoting these comments that have not gone out yet. */
export async function deleteUnsentMailsQuoting(db: DbClient, commentIds: readonly number[]): Promise<void> {
  if (commentIds.length === 0) return;
  await db.outgoingMail.deleteMany({ where: { quotedCommentId: { in: [...commentIds] }, status: 'pending' } });
}

/** Of these comments, the ones some mail quotes, sent or waiting. */
export async function findCommentsQuotedByMail(db: DbClient, commentIds: readonly number[]): Promise<Set<number>> {
  if (commentIds.length === 0) return new Set();
  const rows = await db.outgoingMail.findMany({ where: { quotedCommentId: { in: [...commentIds] } }, select: { quotedCommentId: true }, distinct: ['quotedCommentId'] });
  return new Set(rows.flatMap((row) => (row.quotedCommentId === null ? [] : [row.quotedCommentId])));
}

/** The mail outbox table, for the shared lease-and-retry queue. */
export function mailStore(db: DbClient): OutboxStore<OutgoingMail> {
  return {
    async findDue(now, limit) {
      const rows = await db.outgoingMail.findMany({ where: dueAt(now), orderBy: { id: 'asc' }, take: limit, select: { id: true } });
      return rows.map((row) => row.id);
    },
    async claim(id, now, leaseUntil) {
      const { count } = await db.outgoingMail.updateMany({ where: { id, status: 'pending', ...unleasedAt(now) }, data: { lockedUntil: leaseUntil } });
      return count === 1;
    },
    load: (id) => db.outgoingMail.findUnique({ where: { id } }),
    async record(id, leaseUntil, outcome) {
      await db.outgoingMail.updateMany({
        where: { id, lockedUntil: leaseUntil },
        data: { status: outcome.status, attempts: outcome.attempts, nextAttemptAt: outcome.nextAttemptAt, lastError: outcome.error, sentAt: outcome.deliveredAt, lockedUntil: null },
      });
    },
  };
}

/** Queues a digest alert for every moderator who may still sign in about one comment. */
export async function insertAlertsForAllModerators(db: DbClient, commentId: number, event: 'held' | 'flagged', now: Date): Promise<void> {
  const moderators = await db.moderator.findMany({ where: { disabledAt: null }, select: { id: true } });
  if (moderators.length > 0) {
    await db.moderatorAlert.createMany({ data: moderators.map((m) => ({ moderatorId: m.id, commentId, event, createdAt: now })) });
  }
}

/** Moderators with alerts not yet mailed. */
export async function findModeratorsWithAlerts(db: DbClient): Promise<number[]> {
  const groups = await db.moderatorAlert.groupBy({ by: ['moderatorId'], where: { mailId: null, moderator: { disabledAt: null } } });
  return groups.map((group) => group.moderatorId);
}

/** When this moderator was last sent a digest. */
export async function lastDigestAt(db: DbClient, moderatorId: number): Promise<Date | null> {
  const last = await db.outgoingMail.findFirst({ where: { moderatorId, kind: 'moderator_digest' }, orderBy: { createdAt: 'desc' }, select: { createdAt: true } });
  return last?.createdAt ?? null;
}

/** A moderator's unmailed alerts with their comments, oldest first. */
export function findUnmailedAlerts(db: DbClient, moderatorId: number, limit: number) {
  return db.moderatorAlert.findMany({
    where: { moderatorId, mailId: null },
    orderBy: { id: 'asc' },
    take: limit,
    include: { moderator: { select: { email: true, lang: true } }, comment: { include: { thread: true } } },
  });
}

/** Drops alerts no digest took yet; returns how many (a racing worker took the rest). */
export async function deleteAlerts(db: DbClient, ids: number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const { count } = await db.moderatorAlert.deleteMany({ where: { id: { in: ids }, mailId: null } });
  return count;
}

/** Attaches alerts to their digest; returns how many were still unattached (a racing worker took the rest). */
export async function attachAlerts(db: DbClient, ids: number[], mailId: number): Promise<number> {
  const { count } = await db.moderatorAlert.updateMany({ where: { id: { in: ids }, mailId: null }, data: { mailId } });
  return count;
}
