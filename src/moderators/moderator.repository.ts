import type { DbClient } from '../db/client.js';
import type { Moderator, ModeratorRole } from '../db/models.js';

/** Finds a moderator by (lower-cased) email. */
export function findModeratorByEmail(db: DbClient, email: string): Promise<Moderator | null> {
  return db.moderator.findUnique({ where: { email } });
}

/** Creates a moderator account. */
export function insertModerator(db: DbClient, data: { email: string; passwordHash: string; role: ModeratorRole; createdAt: Date }): Promise<Moderator> {
  return db.moderator.create({ data });
}

/** How many moderator accounts exist. */
export function countModerators(db: DbClient): Promise<number> {
  return db.moderator.count();
}

/** Lists moderator accounts. */
export function listModerators(db: DbClient): Promise<Moderator[]> {
  return db.moderator.findMany({ orderBy: { id: 'asc' } });
}

/** Finds a moderator by id. */
export function findModeratorById(db: DbClient, id: number): Promise<Moderator | null> {
  return db.moderator.findUnique({ where: { id } });
}

/**
 * How many admins may still sign in, their rows locked for the rest of the transaction (a no-op write): two admins
 * demoting each other at once on PostgreSQL would otherwise each count two and leave none.
 */
export async function lockAndCountActiveAdmins(db: DbClient): Promise<number> {
  const { count } = await db.moderator.updateMany({ where: { role: 'admin', disabledAt: null }, data: { failedLogins: { increment: 0 } } });
  return count;
}

/**
 * Locks the account's row if it still has this password hash and may sign in (a no-op write); false otherwise. A
 * sign-in opens its session under this lock, so a new password or a disabled account, committed meanwhile, either
 * waits for the session and then ends it, or is seen here and refuses it.
 */
export async function lockIfSignInStands(db: DbClient, id: number, passwordHash: string): Promise<boolean> {
  const { count } = await db.moderator.updateMany({ where: { id, passwordHash, disabledAt: null }, data: { failedLogins: { increment: 0 } } });
  return count === 1;
}

/** Changes an account's role, password or access. */
export function updateModeratorAccount(db: DbClient, id: number, data: { role?: ModeratorRole; passwordHash?: string; disabledAt?: Date | null }): Promise<Moderator> {
  return db.moderator.update({ where: { id }, data });
}

/** Ends every session of an account, but the one whose token hash is `keepTokenHash`. */
export async function deleteSessionsOf(db: DbClient, moderatorId: number, keepTokenHash?: string): Promise<void> {
  await db.moderatorSession.deleteMany({ where: { moderatorId, ...(keepTokenHash ? { tokenHash: { not: keepTokenHash } } : {}) } });
}

/** Sets the language of a moderator's mail. */
export function updateModeratorLang(db: DbClient, id: number, lang: string): Promise<Moderator> {
  return db.moderator.update({ where: { id }, data: { lang } });
}

/** Stores a new session by the hash of its token. */
export async function insertSession(db: DbClient, data: { tokenHash: string; moderatorId: number; expiresAt: Date; createdAt: Date }): Promise<void> {
  await db.moderatorSession.create({ data: { ...data, lastSeenAt: data.createdAt } });
}

/** Finds a session and its moderator by token hash. */
export function findSession(db: DbClient, tokenHash: string) {
  return db.moderatorSession.findUnique({ where: { tokenHash }, include: { moderator: true } });
}

/** Ends a session. */
export async function deleteSession(db: DbClient, tokenHash: string): Promise<void> {
  await db.moderatorSession.deleteMany({ where: { tokenHash } });
}
