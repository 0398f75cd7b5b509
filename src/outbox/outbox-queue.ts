import { afterAttempt } from './backoff.js';
import type { OutboxQueue } from './worker.js';

/** What the queue needs to know of a stored row. */
export interface OutboxRow {
  attempts: number;
}

/** How an attempt went: delivered, failed (retried with backoff until the last attempt), or abandoned at once. */
export interface AttemptOutcome {
  ok: boolean;
  error: string | null;
  /** The receiver's HTTP status, for webhooks. */
  statusCode?: number | null;
  /** Nothing could ever deliver it (its webhook was deleted): failed without counting an attempt. */
  abandon?: boolean;
}

/** What is written back after an attempt. */
export interface AttemptRecord {
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: Date;
  error: string | null;
  statusCode: number | null;
  deliveredAt: Date | null;
}

/** One outbox table, as its repository leases and updates it. */
export interface OutboxStore<Row extends OutboxRow> {
  findDue(now: Date, limit: number): Promise<number[]>;
  claim(id: number, now: Date, leaseUntil: Date): Promise<boolean>;
  load(id: number): Promise<Row | null>;
  /** Writes the outcome only while the lease `leaseUntil` is still this worker's. */
  record(id: number, leaseUntil: Date, outcome: AttemptRecord): Promise<void>;
}

/**
 * The lease-and-retry queue every outbox shares (mail, webhook deliveries): claims due rows, makes
 * one attempt through `deliver`, and records delivered, retry-after-backoff or failed for good.
 */
export function outboxQueue<Row extends OutboxRow>(options: {
  name: string;
  store: OutboxStore<Row>;
  deliver(row: Row, now: Date): Promise<AttemptOutcome>;
  maxAttempts: number;
  random?: () => number;
}): OutboxQueue {
  const { store } = options;
  return {
    name: options.name,
    findDue: (now, limit) => store.findDue(now, limit),
    claim: (id, now, leaseUntil) => store.claim(id, now, leaseUntil),
    async process(id, now, leaseUntil) {
      const row = await store.load(id);
      if (!row) return;
      const outcome = await options.deliver(row, now).catch(
        (error: unknown): AttemptOutcome => ({ ok: false, error: (error instanceof Error ? error.message : String(error)).slice(0, 500) }),
      );
      const attempts = outcome.abandon ? row.attempts : row.attempts + 1;
      const next = outcome.abandon
        ? { status: 'failed' as const, nextAttemptAt: now }
        : afterAttempt(outcome.ok, attempts, { maxAttempts: options.maxAttempts, now, random: options.random });
      await store.record(id, leaseUntil, { ...next, attempts, error: outcome.error, statusCode: outcome.statusCode ?? null, deliveredAt: outcome.ok ? now : null });
    },
  };
}

/** Rows due at `now` that nobody holds a live lease on, as a where clause every outbox table shares. */
export function dueAt(now: Date) {
  return { status: 'pending' as const, nextAttemptAt: { lte: now }, ...unleasedAt(now) };
}

/** Rows whose lease, if any, has run out at `now`. */
export function unleasedAt(now: Date) {
  return { OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] };
}
