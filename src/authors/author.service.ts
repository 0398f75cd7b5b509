import type { DbClient } from '../db/client.js';
import type { Author, AuthorStatus } from '../db/models.js';
import { AppError } from '../shared/errors.js';
import { upsertAuthorStatus } from './author.repository.js';
import { emailKey, isValidEmail } from './email.js';

// What other features read and write of an author, as the repository does it.
export { countApprovedOf, ensureAuthor, findAuthor, upsertAuthorStatus } from './author.repository.js';

/** Trusts, bans or resets the author behind an address (any spelling of it: the key is normalised). */
export async function setAuthorStatus(deps: { db: DbClient }, email: string, status: AuthorStatus, now: Date): Promise<Author> {
  if (!isValidEmail(email)) {
    throw new AppError('validation_failed', 'title.validation', { fieldErrors: [{ field: 'email', code: 'invalid', message: 'authorEmail.invalid' }] });
  }
  return upsertAuthorStatus(deps.db, emailKey(email), status, now);
}
