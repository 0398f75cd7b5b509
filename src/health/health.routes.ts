import { Router } from 'express';
import type { z } from 'zod';
import type { Db } from '../db/client.js';
import { pingDatabase } from '../db/ping.js';
import type { livenessSchema, ReadinessCheck, readinessSchema } from './health.schemas.js';


/** Liveness (the process answers) and readiness (its database and every extra check answer too). */
export function healthRoutes(db: Db, extraChecks: Record<string, ReadinessCheck> = {}): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' } satisfies z.infer<typeof livenessSchema>);
  });
  const checks: Record<string, ReadinessCheck> = { database: () => pingDatabase(db), ...extraChecks };
  router.get('/readyz', async (req, res) => {
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          const outcome = await check();
          if (!outcome) return [name, 'ok'] as const;
          req.log.warn({ check: name, reason: outcome.degraded }, 'readiness check degraded');
          return [name, 'degraded'] as const;
        } catch (error) {
          req.log.warn({ err: error, check: name }, 'readiness check failed');
          return [name, 'failing'] as const;
        }
      }),
    );
    const states = new Set(results.map(([, state]) => state));
    const status = states.has('failing') ? 'unavailable' : states.has('degraded') ? 'degraded' : 'ready';
    res
      .status(status === 'unavailable' ? 503 : 200)
      .set('Cache-Control', 'no-store')
      .json({ status, checks: Object.fromEntries(results) } satisfies z.infer<typeof readinessSchema>);
  });
  return router;
}
