import { randomToken, safeEqual, sha256Hex } from '../shared/crypto.js';

/**
 * The secret of the first-run link. It lives only in this process's memory (see
 * docs/decisions/0008-first-run.md): every start while no moderator exists issues a fresh one and
 * prints it, so a link never outlives the process that printed it and no secret reaches the database.
 */
export class SetupToken {
  private hash: string | null = null;

  /** Makes a new token, replacing any earlier one; this is the only time the token itself is visible. */
  issue(): string {
    const token = randomToken(32);
    this.hash = sha256Hex(token);
    return token;
  }

  /** Takes the token when it matches, so that of two requests racing with it only one wins. */
  consume(token: string): boolean {
    if (this.hash === null || !safeEqual(sha256Hex(token), this.hash)) return false;
    this.hash = null;
    return true;
  }

  /** Gives a consumed token back when the account could not be made for a reason that was not the user's. */
  reinstate(token: string): void {
    this.hash ??= sha256Hex(token);
  }

  /** Ends the token for good, e.g. once an admin exists some other way. */
  retire(): void {
    this.hash = null;
  }
}
