import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CommentStatus } from '../db/models.js';
import { instrumentHttp } from './http-metrics.js';

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

  const requests = new Counter({
    name: 'majlis_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'majlis_http_request_duration_seconds',
    help: 'Time from receiving a request to finishing its response, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });

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

  return { registry, instrument: instrumentHttp(requests, duration) };
}
