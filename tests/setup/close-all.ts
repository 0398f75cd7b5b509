/** Something a test file starts and must stop: an app, a browser, a server, a test context. */
export interface Closable {
  close(): Promise<void>;
}

/**
 * Closes everything given, each one even when another fails to close (a test context that reports
 * drift, say), then reports the first failure: whatever is left listening keeps the file's process alive.
 */
export async function closeAll(...things: Array<Closable | undefined>): Promise<void> {
  const results = await Promise.allSettled(things.map((thing) => thing?.close()));
  const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) throw failure.reason;
}
