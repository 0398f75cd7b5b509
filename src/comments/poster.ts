import type { SignedInReader } from '../accounts/signed-in-reader.js';
import { findAuthor, isProvenAuthor } from '../authors/author.service.js';
import { emailKey } from '../authors/email.js';
import { AppError } from '../shared/errors.js';
import type { Policy } from '../settings/policy.js';
import type { CommentServiceDeps } from './comment.context.js';

/** A moderator answering readers from the dashboard, under the name they chose for it. */
export interface StaffWriter {
  moderatorId: number;
  name: string;
  email: string;
}

/** Who is posting: a signed-in reader, a guest with what they typed, or a moderator from the dashboard. */
export type Poster =
  | { reader: SignedInReader }
  | { guest: { authorName: string; authorEmail: string; commenterKey?: string | undefined } }
  | { staff: StaffWriter };

/** How an author was identified when posting, as moderators see it in the queue. */
export type IdentifiedBy = 'signed_in' | 'confirmed_address' | 'commenter_key' | 'typed' | 'staff';

/** The badge every reply a moderator writes from the dashboard carries. */
const STAFF_BADGE = 'staff';

/** The author of a new comment, as stored with it. */
export interface PostingAuthor {
  name: string;
  /** Empty when a signed-in reader's claims carry no address. */
  email: string;
  key: string;
  /** A known author skips first-time premoderation: only a verified identity or a key Majlis issued earns it. */
  known: boolean;
  identifiedBy: IdentifiedBy;
  accountId: number | null;
  badges: string[];
}

/**
 * Says who wrote a comment. A signed-in reader posts under their account's key, which no typed
 * address can produce, so a guest typing a signed-in reader's email inherits none of their standing;
 * a moderator's reply is keyed by the moderator the same way.
 * Refuses guests when the policy lets only signed-in readers post.
 */
export async function identifyPoster(deps: CommentServiceDeps, poster: Poster, policy: Policy): Promise<PostingAuthor> {
  if ('staff' in poster) {
    // Keyed by the moderator's session, never by anything typed: no reader can post as staff.
    const { staff } = poster;
    return { name: staff.name, email: staff.email, key: `~staff:${staff.moderatorId}`, known: true, identifiedBy: 'staff', accountId: null, badges: [STAFF_BADGE] };
  }
  if ('reader' in poster) {
    const { reader } = poster;
    return {
      name: reader.displayName,
      email: reader.email ?? '',
      key: reader.authorKey,
      known: true,
      identifiedBy: 'signed_in',
      accountId: reader.accountId,
      badges: reader.badges,
    };
  }
  if (!policy.guestsMayPost) throw new AppError('sign_in_required', 'sso.signInRequired');
  const { guest } = poster;
  const key = emailKey(guest.authorEmail);
  const known = await isProvenAuthor(deps.db, deps.config.SECRET, key, guest.commenterKey);
  const confirmed = known && (await findAuthor(deps.db, key))?.emailConfirmedAt != null;
  return {
    name: guest.authorName,
    email: guest.authorEmail,
    key,
    known,
    identifiedBy: confirmed ? 'confirmed_address' : known ? 'commenter_key' : 'typed',
    accountId: null,
    badges: [],
  };
}
