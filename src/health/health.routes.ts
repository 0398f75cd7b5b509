import { Router } from 'express';
import type { z } from 'zod';
import type { Db } from '../db/client.js';
import { pingDatabase } from '../db/ping.js';
import type { livenessSchema, ReadinessCheck, readinessSchema } from './health.schemas.js';


/** A check's outcome, or a rejection once `ms` have passed: a database that hangs makes the instance not ready, promptly. */
async function withinTime<T>(check: () => Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([check(), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Liveness (the process answers) and readiness (its database and every extra check answer too, each within
 * `timeoutMs`: a load balancer is told "not ready" rather than left waiting on a hung database).
 */
export function healthRoutes(db: Db, timeoutMs: number, extraChecks: Record<string, ReadinessCheck> = {}): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' } satisfies z.infer<typeof livenessSchema>);
  });
  const checks: Record<string, ReadinessCheck> = { database: () => pingDatabase(db), ...extraChecks };
  router.get('/readyz', async (req, res) => {
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          const outcome = await withinTime(check, timeoutMs);
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
