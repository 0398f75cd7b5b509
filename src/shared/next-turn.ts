/**
 * Lets the event loop answer what is waiting (other requests, timers) before long work goes on.
 * Never call it inside a transaction: on SQLite, Prisma runs other requests' statements on the
 * transaction's own connection.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
