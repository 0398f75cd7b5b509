import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Express } from 'express';
import type { Counter, Histogram } from 'prom-client';
import type { EarlyRoute } from '../http/early-answers.js';

type RouteLike = { path: unknown };
type Tracked = IncomingMessage & { baseUrl?: string; [MATCHED]?: string; [ROUTE]?: RouteLike };

const MATCHED = Symbol('majlis.matchedRoute');
const ROUTE = Symbol('majlis.route');

/**
 * Returns what counts and times requests by route pattern. The pattern is caught when the router
 * assigns `req.route` (a setter on the app's request prototype), because that is the only moment
 * `req.baseUrl` still holds the mount path: by the time the response finishes, an error may have
 * unwound it. A request answered before the router says its pattern itself. Label children are
 * cached so each request costs two map lookups and two updates.
 */
export function instrumentHttp(requests: Counter<'method' | 'route' | 'status'>, duration: Histogram<'method' | 'route'>) {
  const counters = new Map<string, Counter.Internal>();
  const timers = new Map<string, Histogram.Internal<'method' | 'route'>>();

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
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const method = req.method ?? 'GET';
        // Anything no route matched (404s, static files) shares one label, so scanners cannot blow up cardinality.
        const route = req[MATCHED] ?? 'unmatched';
        const timerKey = `${method} ${route}`;
        let timer = timers.get(timerKey);
        if (!timer) {
          timer = duration.labels({ method, route });
          timers.set(timerKey, timer);
        }
        timer.observe(seconds);
        const counterKey = `${timerKey} ${res.statusCode}`;
        let counter = counters.get(counterKey);
        if (!counter) {
          counter = requests.labels({ method, route, status: String(res.statusCode) });
          counters.set(counterKey, counter);
        }
        counter.inc();
      });
    };
  };
}
