import { exportLineSchema } from '../exports/export.schemas.js';
import { eraseSchema, erasureResultSchema, subjectRecordSchema } from '../privacy/privacy.schemas.js';
import { createdWebhookSchema, createWebhookSchema, deliveriesQuerySchema, deliveryPageSchema, webhookListSchema } from '../webhooks/webhook.schemas.js';
import { operation, pathParameter, type OperationSpec } from './operation.js';
import { header, headers, json, problem, response } from './responses.js';
import type { JsonObject, SchemaCollector } from './schema-tools.js';

const webhookId = pathParameter('id', { type: 'integer', minimum: 1 }, 'The webhook id.');
const email = pathParameter('email', { type: 'string', format: 'idn-email' }, 'The address; internationalised addresses are accepted.');
const noSuchWebhook = problem(404, 'No webhook with this id (or it was removed).');
const invalidEmail = problem(422, 'The address is invalid.');

function admin(spec: Omit<OperationSpec, 'tag' | 'access' | 'parsesBody'>): JsonObject {
  return operation({ ...spec, tag: 'Integrations', access: 'admin', parsesBody: true });
}

/** Webhooks, the site export and privacy requests: admin-only integrations. */
export function integrationPaths(s: SchemaCollector): Record<string, JsonObject> {
  return {
    '/api/v1/moderation/webhooks': {
      get: admin({
        operationId: 'listWebhooks',
        summary: 'Registered webhooks (without their secrets)',
        responses: { '200': json('Every active webhook', s.output(webhookListSchema), { 'Cache-Control': headers.noStore }) },
      }),
      post: admin({
        operationId: 'createWebhook',
        summary: 'Register a webhook; its signing secret is shown once',
        requestBody: s.jsonBody(createWebhookSchema),
        responses: {
          '201': json('Registered', s.output(createdWebhookSchema), { 'Cache-Control': headers.noStore }),
          '422': problem(422, '`url` is not an absolute http(s) URL, or `events` is empty or unknown.'),
        },
      }),
    },
    '/api/v1/moderation/webhooks/{id}': {
      delete: admin({
        operationId: 'deleteWebhook',
        summary: 'Remove a webhook; its delivery log is kept',
        parameters: [webhookId],
        responses: { '204': response('Removed'), '404': noSuchWebhook },
      }),
    },
    '/api/v1/moderation/webhooks/{id}/deliveries': {
      get: admin({
        operationId: 'listWebhookDeliveries',
        summary: 'The delivery log of a webhook, newest first',
        parameters: [webhookId, ...s.queryParameters(deliveriesQuerySchema)],
        responses: {
          '200': json('A page of deliveries', s.output(deliveryPageSchema), { 'Cache-Control': headers.noStore }),
          '400': problem(400, 'A query parameter is invalid.'),
          '404': noSuchWebhook,
        },
      }),
    },
    '/api/v1/moderation/export': {
      get: admin({
        operationId: 'exportSite',
        summary: 'Every thread, then every comment, as JSON Lines',
        description: 'Streamed: each line of the body is one JSON object of the schema shown. Includes authors’ addresses, never IP hashes or user agents.',
        responses: {
          '200': response(
            'The export, one JSON object per line',
            { 'application/x-ndjson': s.output(exportLineSchema) },
            {
              'Cache-Control': headers.noStore,
              'Content-Disposition': header('Saved as a file.', { type: 'string', const: 'attachment; filename="majlis-export.ndjson"' }),
            },
          ),
        },
      }),
    },
    '/api/v1/moderation/privacy/{email}': {
      get: admin({
        operationId: 'getPrivacyRecord',
        summary: 'Everything stored about an address (right of access); the request is audited',
        parameters: [email],
        responses: { '200': json('The record', s.output(subjectRecordSchema), { 'Cache-Control': headers.noStore }), '422': invalidEmail },
      }),
    },
    '/api/v1/moderation/privacy/{email}/erase': {
      post: admin({
        operationId: 'erasePrivacySubject',
        summary: 'Anonymise or delete what an address wrote; the request is audited',
        parameters: [email],
        requestBody: s.jsonBody(eraseSchema),
        responses: { '200': json('What was erased', s.output(erasureResultSchema)), '422': problem(422, 'The address or `mode` is invalid.') },
      }),
    },
  };
}
