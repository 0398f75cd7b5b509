import { Router } from 'express';
import { moderationPaths } from './moderation-paths.js';
import { json, namedSchemas, parametersOf, problems, schemaOf, type JsonObject } from './schema-tools.js';
import { createCommentSchema, editCommentSchema, flagCommentSchema } from '../comments/comment.schemas.js';
import { countsQuerySchema, listCommentsQuerySchema, publicCommentSchema, threadKeySchema, threadPageSchema } from '../threads/thread.schemas.js';

const threadKeyParam = { name: 'threadKey', in: 'path', required: true, schema: schemaOf(threadKeySchema) };
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } };
const editToken = { name: 'X-Edit-Token', in: 'header', required: true, schema: { type: 'string' } };
const langQuery = { name: 'lang', in: 'query', required: false, schema: { type: 'string', enum: ['en', 'ar'] } };

const ownComment = {
  type: 'object',
  properties: {
    comment: { $ref: '#/components/schemas/PublicComment' },
    status: { type: 'string', enum: ['approved', 'pending', 'rejected'] },
    editableUntil: { type: 'string', format: 'date-time' },
    message: { type: 'string' },
  },
};

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function buildOpenApiDocument(): JsonObject {
  schemaOf(publicCommentSchema, 'output');
  const createBody = schemaOf(createCommentSchema);
  return {
    openapi: '3.1.0',
    info: { title: 'Majlis API', version: '1.0.0', description: 'Comments and moderation for news sites, in Arabic and English.' },
    paths: {
      '/api/v1/threads/{threadKey}/comments': {
        get: {
          summary: 'Approved comments of a thread, with nested replies',
          parameters: [threadKeyParam, ...parametersOf(listCommentsQuerySchema, 'query')],
          responses: { '200': json(schemaOf(threadPageSchema, 'output'), 'A page of the thread'), '304': { description: 'Not modified' }, ...problems(400) },
        },
        post: {
          summary: 'Post a comment or a reply',
          parameters: [threadKeyParam, langQuery],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: createBody }, 'application/x-www-form-urlencoded': { schema: createBody } },
          },
          responses: {
            '201': json(
              {
                type: 'object',
                properties: {
                  comment: { $ref: '#/components/schemas/PublicComment' },
                  status: { type: 'string', enum: ['approved', 'pending', 'rejected'] },
                  message: { type: 'string' },
                  editToken: { type: 'string' },
                  commenterKey: { type: 'string' },
                },
              },
              'Stored; status tells whether it is public',
            ),
            '303': { description: 'Form posts: back to the article with the outcome in the fragment' },
            ...problems(400, 403, 409, 413, 415, 422, 429),
          },
        },
      },
      '/api/v1/counts': {
        get: {
          summary: 'Approved comment counts for up to 100 threads',
          parameters: parametersOf(countsQuerySchema, 'query'),
          responses: { '200': json({ type: 'object', properties: { counts: { type: 'object', additionalProperties: { type: 'integer' } } } }, 'Counts by key'), ...problems(400) },
        },
      },
      '/api/v1/comments/{id}': {
        get: { summary: "The author's own comment", parameters: [idParam, editToken], responses: { '200': json(ownComment, 'The comment'), ...problems(401, 403, 404) } },
        patch: {
          summary: 'Edit within the edit window (moderated again)',
          parameters: [idParam, editToken],
          requestBody: { required: true, content: { 'application/json': { schema: schemaOf(editCommentSchema) } } },
          responses: { '200': json(ownComment, 'The edited comment'), ...problems(401, 403, 404, 422) },
        },
        delete: { summary: 'Delete', parameters: [idParam, editToken], responses: { '204': { description: 'Deleted' }, ...problems(401, 403, 404) } },
      },
      '/api/v1/comments/{id}/flags': {
        post: {
          summary: 'Report a comment',
          parameters: [idParam],
          requestBody: { required: true, content: { 'application/json': { schema: schemaOf(flagCommentSchema) } } },
          responses: { '202': { description: 'Recorded' }, ...problems(404, 422) },
        },
      },
      ...moderationPaths(),
      '/healthz': { get: { summary: 'Liveness', responses: { '200': { description: 'Up' } } } },
      '/readyz': { get: { summary: 'Readiness (database reachable)', responses: { '200': { description: 'Ready' }, '503': { description: 'Not ready' } } } },
    },
    components: {
      securitySchemes: { moderatorSession: { type: 'http', scheme: 'bearer', description: 'The token from POST /api/v1/auth/login.' } },
      schemas: {
        ...namedSchemas,
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            code: { type: 'string' },
            errors: {
              type: 'array',
              items: { type: 'object', properties: { field: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } } },
            },
          },
        },
      },
    },
  };
}

/** Serves the document at /api/v1/openapi.json. */
export function openApiRoutes(): Router {
  const router = Router();
  const document = JSON.stringify(buildOpenApiDocument());
  router.get('/api/v1/openapi.json', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=300').type('application/json').send(document);
  });
  return router;
}
