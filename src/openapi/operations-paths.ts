import { livenessSchema, readinessSchema } from '../health/health.schemas.js';
import { operation } from './operation.js';
import { header, headers, htmlPage, json, problem, response } from './responses.js';
import type { JsonObject, SchemaCollector } from './schema-tools.js';

/** Health, readiness, metrics and this reference. */
export function operationsPaths(s: SchemaCollector): Record<string, JsonObject> {
  return {
    '/healthz': {
      get: operation({
        operationId: 'checkLiveness',
        tag: 'Operations',
        summary: 'Liveness: the process answers (dependencies are not checked)',
        access: 'public',
        responses: { '200': json('Up', s.output(livenessSchema), { 'Cache-Control': headers.noStore }) },
      }),
    },
    '/readyz': {
      get: operation({
        operationId: 'checkReadiness',
        tag: 'Operations',
        summary: 'Readiness: the database and, if configured, Redis answer; the stored policy is in force',
        access: 'public',
        responses: {
          '200': json('Ready, or degraded: `checks.policy` says when stored policy fields fell back to defaults', s.output(readinessSchema), { 'Cache-Control': headers.noStore }),
          '503': json('Not ready: `checks` names the failing dependency', s.output(readinessSchema), { 'Cache-Control': headers.noStore }),
        },
      }),
    },
    '/metrics': {
      get: operation({
        operationId: 'scrapeMetrics',
        tag: 'Operations',
        summary: 'Prometheus metrics',
        description: 'Served when the app runs with metrics (`npm start` does). With METRICS_TOKEN set, send it as a Bearer token; without it, only direct loopback requests are served.',
        access: 'operator',
        responses: {
          '200': response('Metrics in the Prometheus text format', { 'text/plain': { type: 'string' } }, { 'Cache-Control': headers.noStore }),
          '401': problem(401, 'METRICS_TOKEN is set and the request does not carry it.'),
          '403': problem(403, 'No METRICS_TOKEN is set and the request is not a direct loopback request.'),
        },
      }),
    },
    '/api/v1/openapi.json': {
      get: operation({
        operationId: 'getApiDescription',
        tag: 'Operations',
        summary: 'This OpenAPI 3.1 document',
        access: 'public',
        responses: {
          '200': json(
            'The document',
            { type: 'object', properties: { openapi: { const: '3.1.0' }, info: { type: 'object' }, paths: { type: 'object' } }, required: ['openapi', 'info', 'paths'] },
            { 'Cache-Control': header('Cacheable for five minutes.', { type: 'string', const: 'public, max-age=300' }) },
          ),
        },
      }),
    },
    '/api/docs': {
      get: operation({
        operationId: 'showApiReference',
        tag: 'Operations',
        summary: 'This reference, rendered in the browser (Swagger UI served by Majlis itself)',
        access: 'public',
        responses: {
          '200': response('The reference page', { 'text/html': htmlPage }, { 'Cache-Control': header('Revalidated on every visit.', { type: 'string', const: 'no-cache' }) }),
        },
      }),
    },
  };
}
