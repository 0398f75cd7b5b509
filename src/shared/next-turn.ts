/**
 * Lets the event loop answer what is waiting (other requests, timers) before long work goes on. Inside a
 * transaction too: on SQLite other requests' statements wait for it to end (src/db/sqlite-root-statements.ts),
 * and so do other transactions, for at most Prisma's `maxWait` (2 s), so a transaction stays short whatever it yields.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The longest a long loop works between two turns of the event loop: what a cached read may wait behind it. */
export const WORK_MS_PER_TURN = 5;

/**
 * For a long loop: the returned function gives the event loop a turn once `ms` of work have passed since the
 * last one, and returns at once otherwise. Time, not a count, bounds the wait of a request behind the loop,
 * however fast the machine and however long each step.
 */
export function turnsEvery(ms = WORK_MS_PER_TURN): () => Promise<void> {
  let workingSince = performance.now();
  return async () => {
    if (performance.now() - workingSince < ms) return;
    await nextTurn();
    workingSince = performance.now();
  };
}
