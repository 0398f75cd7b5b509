import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Express } from 'express';
import type { Metric } from 'prom-client';
import type { EarlyRoute } from '../http/early-answers.js';

type RouteLike = { path: unknown };
type Tracked = IncomingMessage & { baseUrl?: string; [MATCHED]?: string; [ROUTE]?: RouteLike };

const MATCHED = Symbol('majlis.matchedRoute');
const ROUTE = Symbol('majlis.route');

/** Upper bounds of the request duration buckets, in seconds. */
const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

const REQUESTS = { name: 'majlis_http_requests_total', help: 'HTTP requests answered, by method, route pattern and status.' };
const DURATIONS = {
  name: 'majlis_http_request_duration_seconds',
  help: 'Time from receiving a request to finishing its response, by method and route pattern.',
};

/** One series of a metric as prom-client's registry prints it. */
interface SeriesValue {
  labels: Record<string, string | number>;
  value: number;
  metricName?: string;
}

/** The requests of one method and route pattern: how many by status, and their durations by bucket. */
class RouteTally {
  readonly statuses = new Map<number, number>();
  /** Durations in each bucket alone (not cumulative); the last holds those above every bound. */
  readonly inBucket: number[] = DURATION_BUCKETS.map(() => 0).concat(0);
  sum = 0;
  count = 0;

  constructor(
    readonly method: string,
    readonly route: string,
  ) {}

  add(status: number, seconds: number): void {
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    let bucket = 0;
    while (bucket < DURATION_BUCKETS.length && seconds > (DURATION_BUCKETS[bucket] ?? Infinity)) bucket += 1;
    this.inBucket[bucket] = (this.inBucket[bucket] ?? 0) + 1;
    this.sum += seconds;
    this.count += 1;
  }
}

/**
 * Requests counted and timed per method and route pattern in plain numbers, turned into Prometheus
 * series only when scraped: prom-client's `inc`/`observe` rebuild and hash the label set on every
 * call, which on a cached read was a tenth of the server's work.
 */
export class HttpTallies {
  private readonly tallies = new Map<string, RouteTally>();

  record(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${route}`;
    let tally = this.tallies.get(key);
    if (!tally) {
      tally = new RouteTally(method, route);
      this.tallies.set(key, tally);
    }
    tally.add(status, seconds);
  }

  /**
   * The two metrics for a prom-client registry: objects with the name, type and `get()` of its own
   * metrics (all its registry reads), cast once here since its types list only its own classes.
   */
  metrics(): Metric[] {
    const metric = (about: { name: string; help: string }, type: 'counter' | 'histogram', values: () => SeriesValue[]) =>
      ({ ...about, type, aggregator: 'sum', get: async () => ({ ...about, type, aggregator: 'sum', values: values() }), reset: () => this.tallies.clear() }) as unknown as Metric;
    return [metric(REQUESTS, 'counter', () => this.requestSeries()), metric(DURATIONS, 'histogram', () => this.durationSeries())];
  }

  private requestSeries(): SeriesValue[] {
    return [...this.tallies.values()].flatMap(({ method, route, statuses }) =>
      [...statuses].map(([status, value]) => ({ labels: { method, route, status: String(status) }, value })),
    );
  }

  private durationSeries(): SeriesValue[] {
    return [...this.tallies.values()].flatMap(({ method, route, inBucket, sum, count }): SeriesValue[] => {
      let below = 0;
      const buckets = DURATION_BUCKETS.map((le, at) => {
        below += inBucket[at] ?? 0;
        return { labels: { le, method, route }, value: below, metricName: `${DURATIONS.name}_bucket` };
      });
      return [
        ...buckets,
        { labels: { le: '+Inf', method, route }, value: count, metricName: `${DURATIONS.name}_bucket` },
        { labels: { method, route }, value: sum, metricName: `${DURATIONS.name}_sum` },
        { labels: { method, route }, value: count, metricName: `${DURATIONS.name}_count` },
      ];
    });
  }
}

/**
 * Returns what counts and times requests by route pattern. The pattern is caught when the router
 * assigns `req.route` (a setter on the app's request prototype), because that is the only moment
 * `req.baseUrl` still holds the mount path: by the time the response finishes, an error may have
 * unwound it. A request answered before the router says its pattern itself.
 */
export function instrumentHttp(tallies: HttpTallies) {
  return (app: Express): ((req: IncomingMessage, res: ServerResponse, early?: EarlyRoute) => void) => {
    Object.defineProperty(app.request, 'route', {
      configurable: true,
      get(this: Tracked) {
        return this[ROUTE];
      },
      set(this: Tracked, route: RouteLike) {
        this[ROUTE] = route;
        this[MATCHED] = `${this.baseUrl ?? ''}${String(route.path)}`;
      },
    });
    return (req: Tracked, res, early) => {
      const started = early?.started ?? process.hrtime.bigint();
      if (early) req[MATCHED] = early.route;
      res.once('finish', () => {
        // Anything no route matched (404s, static files) shares one label, so scanners cannot blow up cardinality.
        tallies.record(req.method ?? 'GET', req[MATCHED] ?? 'unmatched', res.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
      });
    };
  };
}
