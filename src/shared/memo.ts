/** Inputs up to this length are looked up as they are. */
const SHORT_INPUT = 96;
/** How much of each end of a longer input its lookup key keeps. */
const KEPT_END = 32;

/**
 * The lookup key of an input: a long one is looked up by its length and ends and then compared
 * whole, because a Map hashes every character of each new string it is asked about (a 100-thread
 * counts query is 1.6 KB, hashed on every request), and comparing two strings costs far less.
 */
function lookupKey(input: string): string {
  return input.length <= SHORT_INPUT ? input : `${input.length}\u0000${input.slice(0, KEPT_END)}\u0000${input.slice(-KEPT_END)}`;
}

/**
 * A pure function of a string, remembered for up to `limit` distinct inputs; when full, it forgets
 * them all at once (no bookkeeping per call). For hot-path parsing of the few inputs clients repeat.
 * Two long inputs alike in length and ends share one slot: the later one replaces the other.
 */
export function memoized<T>(compute: (input: string) => T, limit: number): (input: string) => T {
  const memo = new Map<string, { input: string; value: T }>();
  return (input) => {
    const key = lookupKey(input);
    const remembered = memo.get(key);
    if (remembered !== undefined && remembered.input === input) return remembered.value;
    const value = compute(input);
    if (memo.size >= limit) memo.clear();
    memo.set(key, { input, value });
    return value;
  };
}
