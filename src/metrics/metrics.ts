import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { CommentStatus } from '../db/models.js';
import { droppedStdoutLines, UNREAD_LINES_LIMIT_BYTES } from '../logging/log-output.js';
import { HttpTallies, instrumentHttp } from './http-metrics.js';

/** The metrics of one running app, exposed by `GET /metrics`. */
export interface Metrics {
  registry: Registry;
  /** Counts and times every request by route pattern. */
  instrument: ReturnType<typeof instrumentHttp>;
}

/** Counts comments by status (the moderation queue's tabs); called on scrape. */
export type CommentCounter = () => Promise<Record<CommentStatus, number>>;

/** Builds a registry with process, HTTP and comment metrics; comment figures are counted on each scrape. */
export function createMetrics(countComments: CommentCounter): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const requests = new HttpTallies();
  for (const metric of requests.metrics()) registry.registerMetric(metric);

  // Both comment gauges come from one query; a scrape collects them back to back, so they share it.
  let counting: { at: number; counts: Promise<Record<CommentStatus, number> | null> } | null = null;
  const countOnce = () => {
    if (!counting || Date.now() - counting.at > 1000) counting = { at: Date.now(), counts: countComments().catch(() => null) };
    return counting.counts;
  };
  new Gauge({
    name: 'majlis_database_up',
    help: '1 when the last scrape could count comments in the database.',
    registers: [registry],
    async collect() {
      this.set((await countOnce()) ? 1 : 0);
    },
  });
  new Gauge({
    name: 'majlis_comments',
    help: 'Comments (not deleted) by status, counted on scrape.',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const counts = await countOnce();
      this.reset();
      if (counts) for (const [status, count] of Object.entries(counts)) this.set({ status }, count);
    },
  });
  new Gauge({
    name: 'majlis_moderation_queue_depth',
    help: 'Comments waiting for a moderator (pending + flagged), counted on scrape.',
    registers: [registry],
    async collect() {
      const counts = await countOnce();
      this.reset();
      if (counts) this.set(counts.pending + counts.flagged);
    },
  });
  new Counter({
    name: 'majlis_log_lines_dropped_total',
    help: `Log lines dropped because the reader of stdout fell more than ${UNREAD_LINES_LIMIT_BYTES / 1024 / 1024} MB behind.`,
    registers: [registry],
    collect() {
      this.reset();
      this.inc(droppedStdoutLines());
    },
  });

  return { registry, instrument: instrumentHttp(requests) };
}
