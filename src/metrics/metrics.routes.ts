import { timingSafeEqual } from 'node:crypto';
import { Router, type Request } from 'express';
import { AppError } from '../shared/errors.js';
import type { Metrics } from './metrics.js';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A direct loopback request: the socket's own address, never `req.ip`, which a client can steer
 * through X-Forwarded-For when TRUST_PROXY is on. A request carrying forwarding headers came through
 * a proxy on this host and so possibly from anywhere.
 */
function isDirectLoopback(req: Request): boolean {
  return LOOPBACK.test(req.socket.remoteAddress ?? '') && !req.headers['x-forwarded-for'] && !req.headers.forwarded && !req.headers['x-real-ip'];
}

/** `GET /metrics` in Prometheus text: with METRICS_TOKEN as a Bearer token, or else only from loopback. */
export function metricsRoutes(metrics: Metrics, token: string | undefined): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    const allowed = token ? sameSecret(req.get('authorization') ?? '', `Bearer ${token}`) : isDirectLoopback(req);
    if (!allowed) throw token ? new AppError('unauthorized', 'auth.required') : new AppError('forbidden', 'auth.forbidden');
    res.set('Cache-Control', 'no-store').type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}
