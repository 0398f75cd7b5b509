/** Keeps the event loop busy for `ms`, as a step of synchronous work does (a slow post's checks, a SQLite statement). */
export function holdTheLoop(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}
