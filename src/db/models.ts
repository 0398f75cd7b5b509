// Row types shared by repositories; both generated clients have the same shapes.
export type {
  Account,
  Author,
  Comment,
  Decision,
  Flag,
  Moderator,
  ModeratorSession,
  Setting,
  Thread,
} from '../generated/sqlite/client.js';
export type { AuthorStatus, CommentStatus, FlagReason, ModeratorRole } from '../generated/sqlite/enums.js';
export { Prisma } from '../generated/sqlite/client.js';

/** True when a Prisma error is a unique-constraint violation (two writers raced to insert). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}
