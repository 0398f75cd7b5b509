import type { DbClient } from '../db/client.js';
import type { Prisma } from '../generated/sqlite/client.js';

/** A message ready to be stored in the outbox. */
export interface MailDraft {
  kind: 'comment_approved' | 'comment_reply' | 'confirm_email' | 'moderator_digest';
  to: string;
  subject: string;
  text: string;
  headers?: Record<string, string>;
  moderatorId?: number;
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
      nextAttemptAt: now,
      createdAt: now,
    },
  });
  return row.id;
}

/** Ids of messages due now whose lease (if any) has run out. */
export async function findDueMailIds(db: DbClient, now: Date, limit: number): Promise<number[]> {
  const rows = await db.outgoingMail.findMany({
    where: { status: 'pending', nextAttemptAt: { lte: now }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    orderBy: { id: 'asc' },
    take: limit,
    select: { id: true },
  });
  return rows.map((row) => row.id);
}

/** UPDATE ... WHERE id AND unleased: exactly one worker gets a message. */
export async function claimMail(db: DbClient, id: number, now: Date, leaseUntil: Date): Promise<boolean> {
  const { count } = await db.outgoingMail.updateMany({
    where: { id, status: 'pending', OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    data: { lockedUntil: leaseUntil },
  });
  return count === 1;
}

/** One stored message. */
export function findMail(db: DbClient, id: number) {
  return db.outgoingMail.findUnique({ where: { id } });
}

/** Records a send attempt, only while this worker still holds the lease. */
export async function recordMailAttempt(
  db: DbClient,
  id: number,
  leaseUntil: Date,
  outcome: { status: 'pending' | 'delivered' | 'failed'; attempts: number; nextAttemptAt: Date; error: string | null; sentAt: Date | null },
): Promise<void> {
  await db.outgoingMail.updateMany({
    where: { id, lockedUntil: leaseUntil },
    data: { status: outcome.status, attempts: outcome.attempts, nextAttemptAt: outcome.nextAttemptAt, lastError: outcome.error, sentAt: outcome.sentAt, lockedUntil: null },
  });
}

/** Queues a digest alert for every moderator about one comment. */
export async function insertAlertsForAllModerators(db: DbClient, commentId: number, event: 'held' | 'flagged', now: Date): Promise<void> {
  const moderators = await db.moderator.findMany({ select: { id: true } });
  if (moderators.length > 0) {
    await db.moderatorAlert.createMany({ data: moderators.map((m) => ({ moderatorId: m.id, commentId, event, createdAt: now })) });
  }
}

/** Moderators with alerts not yet mailed. */
export async function findModeratorsWithAlerts(db: DbClient): Promise<number[]> {
  const groups = await db.moderatorAlert.groupBy({ by: ['moderatorId'], where: { mailId: null } });
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
    include: { moderator: { select: { email: true } }, comment: { include: { thread: true } } },
  });
}

/** Attaches alerts to their digest; returns how many were still unattached (a racing worker took the rest). */
export async function attachAlerts(db: DbClient, ids: number[], mailId: number): Promise<number> {
  const { count } = await db.moderatorAlert.updateMany({ where: { id: { in: ids }, mailId: null }, data: { mailId } });
  return count;
}
