import { Router } from 'express';
import type { Db } from '../db/client.js';

/** Liveness (the process answers) and readiness (its database answers too). */
export function healthRoutes(db: Db): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    try {
      await db.$queryRawUnsafe('SELECT 1');
      res.set('Cache-Control', 'no-store').json({ status: 'ready', checks: { database: 'ok' } });
    } catch (error) {
      req.log.warn({ err: error }, 'readiness check failed');
      res.status(503).set('Cache-Control', 'no-store').json({ status: 'unavailable', checks: { database: 'failing' } });
    }
  });
  return router;
}
