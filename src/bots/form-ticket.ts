// The signed render timestamp a form carries (widget and no-JS page): a post that comes back faster
// than a person can type goes to spam. Signed, so a script cannot claim it rendered long ago.
import { keyedHash, safeEqual } from '../shared/crypto.js';

/** A ticket for a form rendered at `now`. */
export function issueFormTicket(secret: string, now: Date): string {
  const renderedAt = String(now.getTime());
  return `${renderedAt}.${keyedHash(secret, 'form-ticket', renderedAt)}`;
}

/** Seconds since the ticket's form was rendered, or null for a missing, forged or future ticket. */
export function secondsSinceRendered(secret: string, ticket: string | undefined, now: Date): number | null {
  if (!ticket) return null;
  const [renderedAt, signature] = ticket.split('.');
  if (!renderedAt || !signature || !/^\d{1,15}$/.test(renderedAt)) return null;
  if (!safeEqual(signature, keyedHash(secret, 'form-ticket', renderedAt))) return null;
  const elapsedMs = now.getTime() - Number(renderedAt);
  return elapsedMs < 0 ? null : Math.floor(elapsedMs / 100) / 10;
}
