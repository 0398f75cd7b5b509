// sort=best: the order of top-level comments by how readers received them, fair to new comments.
// See docs/decisions/0016-reactions-best-order-and-live-updates.md for why exposure is counted this way.

/** z for a one-sided 95 % bound. */
const Z = 1.96;

/**
 * The lower bound of the Wilson score interval for `positive` successes in `trials`: the share of
 * readers who liked a comment that we are 95 % sure it reaches. Few trials give a low bound, so one
 * early reaction does not outrank a comment many readers saw and many liked.
 */
export function wilsonLowerBound(positive: number, trials: number): number {
  if (trials <= 0) return 0;
  const p = positive / trials;
  const z2 = Z * Z;
  const centre = p + z2 / (2 * trials);
  const spread = Z * Math.sqrt((p * (1 - p) + z2 / (4 * trials)) / trials);
  return Math.max(0, (centre - spread) / (1 + z2 / trials));
}

/** What ranking needs of a top-level comment. */
export interface BestCandidate {
  id: number;
  reactionCount: number;
  /** The thread's reactor count when the comment was published. */
  reactorsBefore: number;
}

/** A ranked comment and the key a cursor resumes after. */
export interface Ranked {
  id: number;
  score: number;
}

/**
 * Ranks top-level comments: Wilson lower bound of reactions over exposure (the readers who reacted
 * anywhere in the thread since the comment was published, at least its own reactions), best first,
 * newer first among equals so new comments are not buried under old ones that nobody liked either.
 */
export function rankBest(candidates: readonly BestCandidate[], threadReactors: number): Ranked[] {
  return candidates
    .map((c) => ({ id: c.id, score: wilsonLowerBound(c.reactionCount, Math.max(c.reactionCount, threadReactors - c.reactorsBefore)) }))
    .sort(compareRanked);
}

function compareRanked(a: Ranked, b: Ranked): number {
  return b.score - a.score || b.id - a.id;
}

/** The ranked comments after a cursor position (keyset: later in the order than `after`). */
export function rankedAfter(ranked: readonly Ranked[], after: Ranked | null): Ranked[] {
  return after === null ? [...ranked] : ranked.filter((entry) => compareRanked(after, entry) < 0);
}
