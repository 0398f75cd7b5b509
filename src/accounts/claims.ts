// How a verified token's claims become a reader's identity (docs/sign-in.md has the table).
// Coral's SSO shape ({ user: { id, email, username, badges, role } }) is read first, so a newsroom
// moving from Coral changes no CMS code; the standard claims (sub, email, name, preferred_username)
// are read where Coral's are absent, which is also what an OpenID Connect ID token carries.
import { charLength, cutToCharacters, hasUnsafeCharacters } from '../shared/text-checks.js';

/** The identity a token proves, cleaned for display. */
export interface ReaderIdentity {
  subject: string;
  displayName: string;
  email: string | null;
  badges: string[];
  role: string | null;
}

const MAX_NAME = 100;
const MAX_BADGE = 32;
const MAX_BADGES = 10;
/** Roles that make a reader staff (Coral's STAFF, MODERATOR, ADMIN), shown as the "staff" badge. */
const STAFF_ROLES = new Set(['staff', 'moderator', 'admin']);
/** Bidi controls, zero-width and other format characters: a name or badge must not reorder or hide text around it. */
const FORMAT = /[\p{Cf}\p{Cc}\p{Co}\p{Cn}]/gu;

/** Display text from a claim: NFC, no controls or format characters, spaces collapsed, cut to `max`; null when nothing is left. */
function cleanDisplayText(value: unknown, max: number): string | null {
  if (typeof value !== 'string' || !value.isWellFormed()) return null;
  const text = value.normalize('NFC').replace(FORMAT, '').replace(/\s+/gu, ' ').trim();
  if (text === '' || hasUnsafeCharacters(text, { allowNewlines: false })) return null;
  return cutToCharacters(text, max).trim();
}

function stringClaim(value: unknown, max: number): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  return text !== '' && charLength(text) <= max && !hasUnsafeCharacters(text, { allowNewlines: false }) ? text : null;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The badges of a claim set: cleaned, de-duplicated, at most ten, plus "staff" for staff roles. */
function claimedBadges(value: unknown, role: string | null): string[] {
  const given = Array.isArray(value) ? value.map((badge) => cleanDisplayText(badge, MAX_BADGE)).filter((badge) => badge !== null) : [];
  const badges = role !== null && STAFF_ROLES.has(role.toLowerCase()) ? [...given, 'staff'] : given;
  return [...new Set(badges)].slice(0, MAX_BADGES);
}

/** The subject a claim set names (Coral's `user.id`, else `sub`), or null. */
export function subjectOf(claims: Record<string, unknown>): string | null {
  return stringClaim(record(claims.user).id ?? claims.sub, 255);
}

/** Reads a claim set; null when it names no subject or no display name. */
export function identityFromClaims(claims: Record<string, unknown>): ReaderIdentity | null {
  const user = record(claims.user);
  const subject = subjectOf(claims);
  const displayName =
    cleanDisplayText(user.username, MAX_NAME) ??
    cleanDisplayText(user.name, MAX_NAME) ??
    cleanDisplayText(claims.name, MAX_NAME) ??
    cleanDisplayText(claims.preferred_username, MAX_NAME) ??
    cleanDisplayText(claims.nickname, MAX_NAME);
  if (subject === null || displayName === null) return null;
  const role = stringClaim(user.role ?? claims.role, 50);
  const email = stringClaim(user.email ?? claims.email, 254);
  return { subject, displayName, email, badges: claimedBadges(user.badges ?? claims.badges, role), role };
}

/** The badges stored with an account or comment (a JSON array of strings; anything else is none). */
export function badgesOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((badge): badge is string => typeof badge === 'string') : [];
}
