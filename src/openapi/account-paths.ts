import { createModeratorSchema, loginSchema, moderatorListSchema, oneModeratorSchema, sessionSchema } from '../moderators/moderator.schemas.js';
import { operation } from './operation.js';
import { headers, json, problem, response } from './responses.js';
import type { JsonObject, SchemaCollector } from './schema-tools.js';

/** Moderator sign-in and the admins' management of moderator accounts. */
export function accountPaths(s: SchemaCollector): Record<string, JsonObject> {
  return {
    '/api/v1/auth/login': {
      post: operation({
        operationId: 'signIn',
        tag: 'Accounts',
        summary: 'Sign in as a moderator',
        description: 'Failed attempts are answered more slowly; repeated failures lock the account for a while, and each IP has a budget of attempts.',
        access: 'public',
        parsesBody: true,
        requestBody: s.jsonBody(loginSchema),
        responses: {
          '200': json('Signed in: send the token as `Authorization: Bearer <token>`', s.output(sessionSchema), { 'Cache-Control': headers.noStore }),
          '401': problem(401, 'The address or password is not correct (or missing).'),
          '429': problem(429, 'Too many attempts from this IP, or the account is locked for a while.'),
        },
      }),
    },
    '/api/v1/auth/logout': {
      post: operation({ operationId: 'signOut', tag: 'Accounts', summary: 'End the session of this token', access: 'moderator', parsesBody: true, responses: { '204': response('Signed out') } }),
    },
    '/api/v1/auth/me': {
      get: operation({
        operationId: 'getSignedInModerator',
        tag: 'Accounts',
        summary: 'The moderator this token belongs to',
        access: 'moderator',
        parsesBody: true,
        responses: { '200': json('The moderator', s.output(oneModeratorSchema), { 'Cache-Control': headers.noStore }) },
      }),
    },
    '/api/v1/moderation/moderators': {
      get: operation({
        operationId: 'listModerators',
        tag: 'Accounts',
        summary: 'Moderator accounts',
        access: 'admin',
        parsesBody: true,
        responses: { '200': json('Every account', s.output(moderatorListSchema), { 'Cache-Control': headers.noStore }) },
      }),
      post: operation({
        operationId: 'createModerator',
        tag: 'Accounts',
        summary: 'Create a moderator account',
        access: 'admin',
        parsesBody: true,
        requestBody: s.jsonBody(createModeratorSchema),
        responses: {
          '201': json('Created', s.output(oneModeratorSchema)),
          '409': problem(409, 'An account with this address exists.'),
          '422': problem(422, 'The address, password (at least 12 characters) or role is invalid.'),
        },
      }),
    },
  };
}
