import type { Logger } from '../logging/logger.js';
import type { Clock } from '../shared/clock.js';

/** One persistent queue the worker drains: mail, webhook deliveries, or a periodic job. */
export interface OutboxQueue {
  name: string;
  /** Ids of rows due at `now` that nobody holds a live lease on. */
  findDue(now: Date, limit: number): Promise<number[]>;
  /** Leases one row until `leaseUntil` with a conditional UPDATE; false when another worker won it. */
  claim(id: number, now: Date, leaseUntil: Date): Promise<boolean>;
  /** Attempts the row and records the outcome (delivered, retry later, or failed) under the lease. */
  process(id: number, now: Date, leaseUntil: Date): Promise<void>;
}

/** Work done before queues are drained on each poll, such as batching moderator alerts into mail. */
export type OutboxJob = (now: Date) => Promise<void>;

/** How the worker polls. */
export interface OutboxWorkerOptions {
  queues: OutboxQueue[];
  jobs?: OutboxJob[];
  clock: Clock;
  logger: Logger;
  pollMs: number;
  /** Longer than any single delivery may take, so a live lease is never stolen. */
  leaseMs?: number;
  batchSize?: number;
}

/**
 * Polls persistent outboxes and delivers due rows. Rows are leased (`lockedUntil`) before delivery,
 * so several instances can run workers side by side without sending a row twice, and a crashed
 * worker's rows become due again when its lease runs out.
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = true;

  constructor(private readonly options: OutboxWorkerOptions) {}

  /** Starts polling; safe to call twice. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops polling and waits for the poll in progress, for graceful shutdown. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => 0);
  }

  /** One poll: runs the jobs, then processes every due row it can claim. Returns how many rows it processed. */
  async runOnce(): Promise<number> {
    const { clock, logger } = this.options;
    const leaseMs = this.options.leaseMs ?? 60_000;
    const batchSize = this.options.batchSize ?? 20;
    for (const job of this.options.jobs ?? []) {
      await job(clock.now()).catch((error: unknown) => logger.error({ err: error }, 'outbox job failed'));
    }
    let processed = 0;
    for (const queue of this.options.queues) {
      const now = clock.now();
      const ids = await queue.findDue(now, batchSize);
      await Promise.all(
        ids.map(async (id) => {
          const leaseUntil = new Date(clock.now().getTime() + leaseMs);
          if (!(await queue.claim(id, clock.now(), leaseUntil))) return;
          processed += 1;
          await queue.process(id, clock.now(), leaseUntil).catch((error: unknown) => {
            // The lease expires and the row becomes due again; nothing is lost.
            logger.error({ err: error, queue: queue.name, id }, 'outbox delivery crashed');
          });
        }),
      );
    }
    return processed;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce().catch((error: unknown) => {
        this.options.logger.error({ err: error }, 'outbox poll failed');
        return 0;
      });
      void this.running.finally(() => this.schedule(this.options.pollMs));
    }, delayMs);
  }
}
