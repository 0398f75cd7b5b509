// How a moderator's ban or trust reaches every spelling of an address, as SQL: shared by the author's own
// history (a post's checks) and by a policy preview's replay, which must judge an author the same way.
import { countOf } from '../db/hot-sql.js';
import { Prisma, type AuthorStatus } from '../db/models.js';

/**
 * The strongest status a moderator set on an identity, as SQL: on the address itself or on any other spelling of the
 * same identity (case, +tag, look-alike letters), banned over trusted; 2 for banned, 1 for trusted, NULL for neither.
 * Read back with standingOf. Both the post's checks and a policy preview's replay judge an author by it.
 */
export function identityStandingSql(emailKey: Prisma.Sql, identityKey: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT MAX(CASE WHEN "status" = 'banned' THEN 2 ELSE 1 END) FROM "Author"
    WHERE ("emailKey" = ${emailKey} OR "identityKey" = ${identityKey}) AND "status" <> 'normal')`;
}

/** The author status an identityStandingSql value stands for. */
export function standingOf(standing: unknown): AuthorStatus {
  const value = countOf(standing);
  return value === 2 ? 'banned' : value === 1 ? 'trusted' : 'normal';
}
