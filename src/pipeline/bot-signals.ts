/** How a post arrived: the API (scripts and the widget) or the no-JavaScript form. */
export type PostChannel = 'api' | 'form';

/** What became of the proof-of-work solution a post carried. */
export type ChallengeState = 'solved' | 'missing' | 'invalid' | 'expired' | 'replayed';

/**
 * A near-duplicate cluster the post joins: its size with the post, across how many threads, and whether a moderator
 * marked a member spam, or approved one that is still published.
 */
export interface CampaignSignal {
  id: number | null;
  size: number;
  threads: number;
  spamMarked: boolean;
  /** Absent from signals stored before moderators' approvals counted. */
  moderatorApproved?: boolean;
}

/**
 * What the bot defences saw of one post, gathered before the rules run (src/bots/) and stored with
 * the comment, so moderators, edits and the policy preview see the same evidence.
 */
export interface BotSignals {
  via: PostChannel;
  challenge: ChallengeState;
  /** The hidden field people never fill was filled. */
  honeypot: boolean;
  /** Seconds from rendering the form (its signed ticket) to posting; null without a valid ticket. */
  secondsToPost: number | null;
  /** Posts from the same address range within the policy's burst window, this one excluded, counted up to the policy's limit. */
  rangePosts: number;
  /** Posts in the thread within the policy's attack window, this one excluded, counted up to the policy's limit. */
  threadPosts: number;
  /** Links in the body (the website field is not counted). */
  links: number;
  campaign: CampaignSignal | null;
  /** The address is at a disposable-mail domain. */
  disposableEmail: boolean;
  /** Link domains found in comments moderators marked spam, with how many such comments. */
  spamDomains: { domain: string; marks: number }[];
}

/** Reads signals stored with a comment (a JSON column) back; null for imports and older rows. */
export function storedSignals(json: unknown): BotSignals | null {
  return json !== null && typeof json === 'object' && !Array.isArray(json) && 'via' in json ? (json as BotSignals) : null;
}
