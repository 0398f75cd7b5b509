import type { Express, Request, RequestHandler } from 'express';
import type { Counter, Histogram } from 'prom-client';

type RouteLike = { path: unknown };
type Tracked = Request & { [MATCHED]?: string; [ROUTE]?: RouteLike };

const MATCHED = Symbol('majlis.matchedRoute');
const ROUTE = Symbol('majlis.route');

/**
 * Returns the middleware that counts and times requests by route pattern. The pattern is caught when
 * the router assigns `req.route` (a setter on the app's request prototype), because that is the only
 * moment `req.baseUrl` still holds the mount path: by the time the response finishes, an error may
 * have unwound it. Label children are cached so each request costs two map lookups and two updates.
 */
export function instrumentHttp(requests: Counter<'method' | 'route' | 'status'>, duration: Histogram<'method' | 'route'>) {
  const counters = new Map<string, Counter.Internal>();
  const timers = new Map<string, Histogram.Internal<'method' | 'route'>>();

  return (app: Express): RequestHandler => {
    Object.defineProperty(app.request, 'route', {
      configurable: true,
      get(this: Tracked) {
        return this[ROUTE];
      },
      set(this: Tracked, route: RouteLike) {
        this[ROUTE] = route;
        this[MATCHED] = `${this.baseUrl}${String(route.path)}`;
      },
    });
    return (req, res, next) => {
      const started = process.hrtime.bigint();
      res.once('finish', () => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        // Anything no route matched (404s, static files) shares one label, so scanners cannot blow up cardinality.
        const route = (req as Tracked)[MATCHED] ?? 'unmatched';
        const timerKey = `${req.method} ${route}`;
        let timer = timers.get(timerKey);
        if (!timer) {
          timer = duration.labels({ method: req.method, route });
          timers.set(timerKey, timer);
        }
        timer.observe(seconds);
        const counterKey = `${timerKey} ${res.statusCode}`;
        let counter = counters.get(counterKey);
        if (!counter) {
          counter = requests.labels({ method: req.method, route, status: String(res.statusCode) });
          counters.set(counterKey, counter);
        }
        counter.inc();
      });
      next();
    };
  };
}
