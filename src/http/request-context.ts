import { randomUUID } from 'node:crypto';
import type { Express, RequestHandler } from 'express';
import type { Logger } from '../logging/logger.js';

const SANE_ID = /^[A-Za-z0-9._:-]{1,100}$/;
const childLoggers = new WeakMap<object, Logger>();

/**
 * Gives each request an id and a logger bound to it, and logs one line when the response is sent.
 * `req.log` is a getter on the app's request prototype that makes the child logger on first use:
 * most requests on the hot path never log anything but the access line.
 */
export function requestContext(app: Express, logger: Logger): RequestHandler {
  Object.defineProperty(app.request, 'log', {
    configurable: true,
    get(this: Express['request']) {
      let child = childLoggers.get(this);
      if (!child) {
        child = logger.child({ requestId: this.id });
        childLoggers.set(this, child);
      }
      return child;
    },
  });
  const accessLog = logger.isLevelEnabled('info');
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const id = typeof incoming === 'string' && SANE_ID.test(incoming) ? incoming : randomUUID();
    req.id = id;
    res.setHeader('X-Request-Id', id);
    if (accessLog) {
      const started = process.hrtime.bigint();
      res.once('finish', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        req.log.info({ method: req.method, path: req.originalUrl.split('?')[0], status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
      });
    }
    next();
  };
}
