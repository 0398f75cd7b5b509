import { z } from 'zod';

/** GET /healthz: the process answers. */
export const livenessSchema = z.object({ status: z.literal('ok') });

/** GET /readyz: every dependency (the database, Redis when configured) and whether it answers. */
export const readinessSchema = z.object({
  status: z.enum(['ready', 'unavailable']),
  checks: z.record(z.string(), z.enum(['ok', 'failing'])).meta({ examples: [{ database: 'ok', redis: 'failing' }] }),
});

/** A readiness check beyond the database (e.g. Redis); resolves when the dependency answers. */
export type ReadinessCheck = () => Promise<unknown>;
