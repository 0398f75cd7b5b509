import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../logging/logger.js';
import { HeaderLines, type HeaderTarget } from './header-lines.js';

/** A request answered before the app's router: the route pattern it would have matched, and when it started. */
export interface EarlyRoute {
  route: string;
  started: bigint;
}

/**
 * An answer found before the app's router (what a cache already holds): the route it stands for, and
 * how to send it, its headers added to those the preamble gathered.
 */
export interface EarlyAnswer {
  route: string;
  send(req: IncomingMessage, res: ServerResponse, head: HeaderLines): void;
}

/**
 * Finds the early answer of a request: undefined at once when it cannot have one (not its route,
 * method or input), else a promise of one, undefined when the app must answer (a cache miss).
 */
export type EarlyAnswers = (req: IncomingMessage) => Promise<EarlyAnswer | undefined> | undefined;

/**
 * What every response gets before any route runs (request id and access line, metrics, security
 * headers, CORS): the app's first middleware calls it with the response as `head`, and an early
 * answer with the HeaderLines it sends, so both write the same.
 */
export type Preamble = (req: IncomingMessage, res: ServerResponse, head: HeaderTarget, early?: EarlyRoute) => void;

/**
 * The longest request head the server reads (node's default is 16 KiB). The API's longest legal request line is a counts
 * call for 100 thread keys of 200 characters, ':' written %3A: about 60 KB. At 16 KiB an index page with long slugs got a
 * bare 431 and showed no counts.
 */
const MAX_HEADER_BYTES = 64 * 1024;

/** The app as node:http takes it, and a way to listen with it, as an Express app has. */
export interface App extends RequestListener {
  listen: Server['listen'];
}

/**
 * Puts early answers in front of an app: a request they answer never reaches its router or
 * middleware (docs/decisions/0019-cached-reads-before-express.md); every other one, and any they
 * fail to look up, goes to the app unchanged.
 */
export function answerEarly(app: RequestListener, early: EarlyAnswers, preamble: Preamble, logger: Logger): App {
  const listener: RequestListener = (req, res) => {
    const started = process.hrtime.bigint();
    const pending = early(req);
    if (!pending) {
      app(req, res);
      return;
    }
    pending
      .then(
        (answer) => {
          if (!answer) return app(req, res);
          const head = new HeaderLines();
          preamble(req, res, head, { route: answer.route, started });
          answer.send(req, res, head);
        },
        // A lookup that failed: the app looks again and answers, or reports the failure, as it always does.
        () => app(req, res),
      )
      .catch((error: unknown) => {
        logger.error({ err: error }, 'an early answer failed');
        res.destroy();
      });
  };
  const listen = (...args: unknown[]) => createServer({ maxHeaderSize: MAX_HEADER_BYTES }, listener).listen(...(args as Parameters<Server['listen']>));
  return Object.assign(listener, { listen: listen as Server['listen'] });
}
