import {
  authorStatusSchema,
  bulkDecisionSchema,
  decisionSchema,
  logQuerySchema,
  previewSchema,
  queueQuerySchema,
  threadPatchSchema,
} from '../moderation/moderation.schemas.js';
import { policySchema } from '../moderation/policy.js';
import { createModeratorSchema, loginSchema } from '../moderators/moderator.schemas.js';
import { eraseSchema } from '../privacy/privacy.routes.js';
import { createWebhookSchema, deliveriesQuerySchema } from '../webhooks/webhook.schemas.js';
import { json, jsonBody, parametersOf, problems, schemaOf, type JsonObject } from './schema-tools.js';

const bearer = [{ moderatorSession: [] }];
const ok = (description: string) => ({ '200': { description } });
const id = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const email = { name: 'email', in: 'path', required: true, schema: { type: 'string', format: 'email' } };
const guarded = (operation: JsonObject, adminOnly = false): JsonObject => ({
  security: bearer,
  ...operation,
  description: adminOnly ? 'Admins only.' : 'Moderators and admins.',
  responses: { ...(operation.responses as JsonObject), ...problems(401, 403) },
});

/** The moderator API of SPEC section 4 and the admin integrations, for the OpenAPI document. */
export function moderationPaths(): Record<string, JsonObject> {
  return {
    '/api/v1/auth/login': {
      post: {
        summary: 'Sign in as a moderator',
        requestBody: jsonBody(loginSchema),
        responses: {
          '200': json({ type: 'object', properties: { token: { type: 'string' }, moderator: { type: 'object' }, expiresAt: { type: 'string', format: 'date-time' } } }, 'Signed in'),
          ...problems(401, 429),
        },
      },
    },
    '/api/v1/auth/logout': { post: guarded({ summary: 'End the session', responses: { '204': { description: 'Signed out' } } }) },
    '/api/v1/auth/me': { get: guarded({ summary: 'The signed-in moderator', responses: ok('The moderator') }) },
    '/api/v1/moderation/comments': {
      get: guarded({ summary: 'The queue, newest first', parameters: parametersOf(queueQuerySchema, 'query'), responses: { ...ok('Items and nextCursor'), ...problems(400) } }),
    },
    '/api/v1/moderation/comments/{id}': { get: guarded({ summary: 'One queue item', parameters: [id], responses: { ...ok('The item'), ...problems(404) } }) },
    '/api/v1/moderation/comments/{id}/decision': {
      post: guarded({ summary: 'Approve, reject, mark spam or return to pending', parameters: [id], requestBody: jsonBody(decisionSchema), responses: { ...ok('The updated item'), ...problems(404, 409, 422) } }),
    },
    '/api/v1/moderation/decisions': {
      post: guarded({ summary: 'One action on many comments, in one transaction', requestBody: jsonBody(bulkDecisionSchema), responses: { ...ok('{ updated, batchId }'), ...problems(422) } }),
    },
    '/api/v1/moderation/decisions/{batchId}/undo': {
      post: guarded({
        summary: 'Undo a bulk action',
        parameters: [{ name: 'batchId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: { ...ok('{ restored, skipped, batchId }'), ...problems(404) },
      }),
    },
    '/api/v1/moderation/counts': { get: guarded({ summary: 'Comments per status', responses: ok('Counts') }) },
    '/api/v1/moderation/log': { get: guarded({ summary: 'Decision history', parameters: parametersOf(logQuerySchema, 'query'), responses: ok('Log entries and nextCursor') }) },
    '/api/v1/moderation/settings': {
      get: guarded({ summary: 'The moderation policy', responses: { '200': json(schemaOf(policySchema, 'output'), 'The policy') } }),
      put: guarded({ summary: 'Replace the moderation policy', requestBody: jsonBody(policySchema), responses: { ...ok('The saved policy'), ...problems(422) } }, true),
    },
    '/api/v1/moderation/settings/preview': {
      post: guarded({ summary: 'Backtest a proposed policy over recent comments', requestBody: jsonBody(previewSchema), responses: { ...ok('Transitions with counts and examples'), ...problems(422) } }, true),
    },
    '/api/v1/moderation/authors/{email}': {
      put: guarded({ summary: 'Trust, ban or reset an author', parameters: [email], requestBody: jsonBody(authorStatusSchema), responses: { ...ok('The author'), ...problems(422) } }),
    },
    '/api/v1/moderation/threads/{threadKey}': {
      patch: guarded({
        summary: 'Close or reopen a thread',
        parameters: [{ name: 'threadKey', in: 'path', required: true, schema: { type: 'string' } }],
        requestBody: jsonBody(threadPatchSchema),
        responses: { ...ok('The thread'), ...problems(400, 422) },
      }),
    },
    '/api/v1/moderation/moderators': {
      get: guarded({ summary: 'Moderator accounts', responses: ok('Accounts') }, true),
      post: guarded({ summary: 'Create a moderator account', requestBody: jsonBody(createModeratorSchema), responses: { '201': { description: 'Created' }, ...problems(409, 422) } }, true),
    },
    '/api/v1/moderation/webhooks': {
      get: guarded({ summary: 'Registered webhooks', responses: ok('Webhooks') }, true),
      post: guarded({ summary: 'Register a webhook; its signing secret is shown once', requestBody: jsonBody(createWebhookSchema), responses: { '201': { description: 'Created' }, ...problems(422) } }, true),
    },
    '/api/v1/moderation/webhooks/{id}': { delete: guarded({ summary: 'Remove a webhook', parameters: [id], responses: { '204': { description: 'Removed' }, ...problems(404) } }, true) },
    '/api/v1/moderation/webhooks/{id}/deliveries': {
      get: guarded({ summary: 'Delivery log of a webhook', parameters: [id, ...parametersOf(deliveriesQuerySchema, 'query')], responses: { ...ok('Deliveries'), ...problems(404) } }, true),
    },
    '/api/v1/moderation/export': {
      get: guarded({ summary: 'Every thread and comment as JSON Lines', responses: { '200': { description: 'application/x-ndjson stream' } } }, true),
    },
    '/api/v1/moderation/privacy/{email}': { get: guarded({ summary: 'Everything stored about an address', parameters: [email], responses: ok('The record') }, true) },
    '/api/v1/moderation/privacy/{email}/erase': {
      post: guarded({ summary: 'Anonymise or delete what an address wrote', parameters: [email], requestBody: jsonBody(eraseSchema), responses: { ...ok('What was erased'), ...problems(422) } }, true),
    },
  };
}
