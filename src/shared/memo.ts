/**
 * A pure function of a string, remembered for up to `limit` distinct inputs; when full, it forgets
 * them all at once (no bookkeeping per call). For hot-path parsing of the few inputs clients repeat.
 */
export function memoized<T>(compute: (input: string) => T, limit: number): (input: string) => T {
  const memo = new Map<string, T>();
  return (input) => {
    if (memo.has(input)) return memo.get(input) as T;
    const value = compute(input);
    if (memo.size >= limit) memo.clear();
    memo.set(input, value);
    return value;
  };
}
