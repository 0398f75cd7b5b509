/** Retry timing shared by the mail and webhook outboxes. */
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

/** Defaults: 2 s, 4 s, 8 s ... capped at one hour. */
const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 2_000, capMs: 3_600_000 };

/**
 * Delay before the next attempt after `attempts` failures: exponential, capped, with "equal jitter"
 * (half fixed, half random) so many failing rows do not retry in lockstep yet never retry at once.
 */
export function backoffDelayMs(attempts: number, random: () => number = Math.random, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const exponential = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential / 2 + (exponential / 2) * random());
}

/** Where an outbox row goes after an attempt: delivered, retried later with backoff, or failed for good. */
export function afterAttempt(
  succeeded: boolean,
  attempts: number,
  retry: { maxAttempts: number; now: Date; random?: () => number },
): { status: 'delivered' | 'pending' | 'failed'; nextAttemptAt: Date } {
  if (succeeded) return { status: 'delivered', nextAttemptAt: retry.now };
  if (attempts >= retry.maxAttempts) return { status: 'failed', nextAttemptAt: retry.now };
  return { status: 'pending', nextAttemptAt: new Date(retry.now.getTime() + backoffDelayMs(attempts, retry.random)) };
}
