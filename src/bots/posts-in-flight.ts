/** Where a post comes from and goes to, as the burst and attack counts see it. */
export interface PostPlace {
  /** The address range's keyed hash; null without an address. */
  rangeHash: string | null;
  threadKey: string;
}

/** A post's place among those in flight: `leave` (once, however often called) when it is stored or refused. */
export interface PostInFlight {
  arrival: number;
  leave(): void;
}

/**
 * The posts of this process whose signals are being gathered or whose comment is not yet committed. The database
 * counts of a post that arrives meanwhile cannot see them: on SQLite posts that arrive together share one commit
 * (docs/decisions/0022), on PostgreSQL they commit side by side. Without this, a burst from one address range or on
 * one thread sent all at once (as a script sends it) would pass as if each post came alone. Each post counts those
 * that arrived before it, as if they had come one after the other. Posts in flight on other instances are counted
 * only once committed.
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

  /** The posts still in flight that arrived before `post`: from its address range, and to its thread. */
  before(post: PostInFlight, place: PostPlace): { range: number; thread: number } {
    let range = 0;
    let thread = 0;
    // Map order is arrival order: the posts before this one come first.
    for (const [arrival, other] of this.posts) {
      if (arrival >= post.arrival) break;
      if (place.rangeHash !== null && other.rangeHash === place.rangeHash) range += 1;
      if (other.threadKey === place.threadKey) thread += 1;
    }
    return { range, thread };
  }
}
