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
 * worker's rows become due again when its lease runs out. Each queue (and the jobs) polls on its own:
 * a receiver that hangs until its timeout (a webhook) holds back its own queue, never the mail.
 */
export class OutboxWorker {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<number>>();
  private stopped = true;

  constructor(private readonly options: OutboxWorkerOptions) {}

  /** Starts polling; safe to call twice. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.poll(() => this.runJobs(), 0);
    for (const queue of this.options.queues) this.poll(() => this.drain(queue), 0);
  }

  /** Stops polling and waits for the polls in progress, for graceful shutdown. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.all([...this.running]);
  }

  /** One round: runs the jobs, then drains every queue at once. Returns how many rows it processed. */
  async runOnce(): Promise<number> {
    await this.runJobs();
    const counts = await Promise.all(this.options.queues.map((queue) => this.drain(queue)));
    return counts.reduce((sum, count) => sum + count, 0);
  }

  private async runJobs(): Promise<number> {
    const { clock, logger } = this.options;
    for (const job of this.options.jobs ?? []) {
      await job(clock.now()).catch((error: unknown) => logger.error({ err: error }, 'outbox job failed'));
    }
    return 0;
  }

  /** Processes every due row of one queue it can claim; returns how many. */
  private async drain(queue: OutboxQueue): Promise<number> {
    const { clock, logger } = this.options;
    const leaseMs = this.options.leaseMs ?? 60_000;
    const ids = await queue.findDue(clock.now(), this.options.batchSize ?? 20);
    let processed = 0;
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
    return processed;
  }

  /** Runs `round` after `delayMs`, then again `pollMs` after each round ends, until stopped. */
  private poll(round: () => Promise<number>, delayMs: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const run = round().catch((error: unknown) => {
        this.options.logger.error({ err: error }, 'outbox poll failed');
        return 0;
      });
      this.running.add(run);
      void run.finally(() => {
        this.running.delete(run);
        this.poll(round, this.options.pollMs);
      });
    }, delayMs);
    this.timers.add(timer);
  }
}
