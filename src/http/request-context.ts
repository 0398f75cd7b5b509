import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Express } from 'express';
import type { Logger } from '../logging/logger.js';
import { keyedHash } from '../shared/crypto.js';
import type { HeaderTarget } from './header-lines.js';

const SANE_ID = /^[A-Za-z0-9._:-]{1,100}$/;
/** The access log's status for a request whose client hung up before its answer was sent (nginx's). */
const CLIENT_CLOSED = 499;
const childLoggers = new WeakMap<object, Logger>();

/**
 * The path as the access log keeps it: a segment holding an address (the privacy and author routes
 * take one) becomes `~` and a keyed hash of it, so logs can still tie requests about one person
 * together but never name them, and an erasure leaves no address behind in the logs.
 */
function loggedPath(originalUrl: string, secret: string): string {
  const path = originalUrl.split('?')[0] ?? '';
  return path
    .split('/')
    .map((segment) => {
      let decoded = segment;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        // A malformed escape is logged as sent.
      }
      return decoded.includes('@') ? `~${keyedHash(secret, 'logged-address', decoded.normalize('NFC').toLowerCase()).slice(0, 16)}` : segment;
    })
    .join('/');
}

/**
 * Gives each request an id and a logger bound to it, and logs one line when the response is sent (or its client has gone).
 * `req.log` is a getter on the app's request prototype that makes the child logger on first use:
 * most requests on the hot path never log anything but the access line. Returns what is done for one
 * request, the one function for the app's first middleware and for answers given before its router
 * (which pass when they started, so their access line counts the wait for the cache too).
 */
export function requestContext(app: Express, logger: Logger, secret: string): (req: IncomingMessage, res: ServerResponse, head: HeaderTarget, started?: bigint) => void {
  const loggerOf = (req: IncomingMessage & { id: string }): Logger => {
    let child = childLoggers.get(req);
    if (!child) {
      child = logger.child({ requestId: req.id });
      childLoggers.set(req, child);
    }
    return child;
  };
  Object.defineProperty(app.request, 'log', {
    configurable: true,
    get(this: Express['request']) {
      return loggerOf(this);
    },
  });
  const accessLog = logger.isLevelEnabled('info');
  return (req, res, head, started = process.hrtime.bigint()) => {
    const incoming = req.headers['x-request-id'];
    const identified = req as IncomingMessage & { id: string };
    identified.id = typeof incoming === 'string' && SANE_ID.test(incoming) ? incoming : randomUUID();
    head.setHeader('X-Request-Id', identified.id);
    if (accessLog) {
      // As sent: Express's originalUrl, before any router strips its mount path from req.url.
      const url = req.url ?? '/';
      // On 'close', which every response emits once it is sent or once its client has gone: a request whose client hung
      // up before its answer is logged too, when it went, with nginx's status for it (499, client closed request).
      const logAccess = () => {
        const ms = Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
        const status = res.writableFinished ? res.statusCode : CLIENT_CLOSED;
        loggerOf(identified).info({ method: req.method, path: loggedPath(url, secret), status, ms }, 'request');
      };
      // Closed already: its client hung up while the page cache was looked in, before the app saw it.
      if (res.closed) logAccess();
      else res.once('close', logAccess);
    }
  };
}
