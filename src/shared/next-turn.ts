/**
 * Lets the event loop answer what is waiting (other requests, timers) before long work goes on.
 * Never call it inside a transaction: on SQLite, Prisma runs other requests' statements on the
 * transaction's own connection.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * For a long loop: the returned function gives the event loop a turn once `ms` of work have passed since the
 * last one, and returns at once otherwise. Time, not a count, bounds the wait of a request behind the loop,
 * however fast the machine and however long each step. Same rule as nextTurn: never inside a transaction.
 */
export function turnsEvery(ms: number): () => Promise<void> {
  let workingSince = performance.now();
  return async () => {
    if (performance.now() - workingSince < ms) return;
    await nextTurn();
    workingSince = performance.now();
  };
}
