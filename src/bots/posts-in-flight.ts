import type { NearDuplicateFingerprint } from './minhash.js';

/** What later posts' bot signals look at in a post not yet stored. */
export interface PostPlace {
  /** The address range's keyed hash; null without an address. */
  rangeHash: string | null;
  threadKey: string;
  /** Null for a thread its first post will create. */
  threadId: number | null;
  /** The near-duplicate fingerprint; null for a text too short to have one. */
  fingerprint: NearDuplicateFingerprint | null;
}

/** A post's place among those in flight: `leave` (once, however often called) when it is stored or refused. */
export interface PostInFlight {
  arrival: number;
  leave(): void;
}

/**
 * The posts of this process whose signals are being gathered or whose comment is not yet committed. The database
 * reads of a post that arrives meanwhile cannot see them: on SQLite posts that arrive together share one commit
 * (docs/decisions/0022), on PostgreSQL they commit side by side. Without this, a burst from one address range, on
 * one thread or of near-copies sent all at once (as a script sends it) would pass as if each post came alone. Each
 * post looks at those that arrived before it, as if they had come one after the other. Posts in flight on other
 * instances are seen only once committed.
 */
export class PostsInFlight {
  private arrivals = 0;
  private readonly posts = new Map<number, PostPlace>();

  enter(place: PostPlace): PostInFlight {
    this.arrivals += 1;
    const arrival = this.arrivals;
    this.posts.set(arrival, place);
    return { arrival, leave: () => void this.posts.delete(arrival) };
  }

  /** The posts still in flight that arrived before `post`, in arrival order. */
  before(post: PostInFlight): PostPlace[] {
    const earlier: PostPlace[] = [];
    // Map order is arrival order: the posts before this one come first.
    for (const [arrival, place] of this.posts) {
      if (arrival >= post.arrival) break;
      earlier.push(place);
    }
    return earlier;
  }
}
