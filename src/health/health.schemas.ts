import { z } from 'zod';

/** GET /healthz: the process answers. */
export const livenessSchema = z.object({ status: z.literal('ok') });

/**
 * GET /readyz: every dependency (the database, Redis when configured) and whether it answers, and
 * whether the stored policy is in force. A failing dependency makes the instance unavailable (503);
 * a degraded one (a stored policy partly invalid) is reported but still serves (200).
 */
export const readinessSchema = z.object({
  status: z.enum(['ready', 'degraded', 'unavailable']),
  checks: z.record(z.string(), z.enum(['ok', 'degraded', 'failing'])).meta({ examples: [{ database: 'ok', redis: 'failing', policy: 'ok' }] }),
});

/** What a readiness check found wrong without failing: the service answers, but not as configured. */
export interface Degraded {
  degraded: string;
}

/** A readiness check beyond the database (e.g. Redis, the stored policy): resolves when all is well or degraded, throws when failing. */
export type ReadinessCheck = () => Promise<Degraded | void>;
