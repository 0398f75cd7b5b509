import { changeModeratorSchema, createModeratorSchema, loginSchema, moderatorListSchema, oneModeratorSchema, sessionSchema, updateOwnAccountSchema } from '../moderators/moderator.schemas.js';
import { firstAdminSchema, setupStatusSchema } from '../setup/setup.schemas.js';
import { operation, pathParameter } from './operation.js';
import { headers, json, problem, response } from './responses.js';
import type { JsonObject, SchemaCollector } from './schema-tools.js';

/** Moderator sign-in, the first admin of a new installation, and the admins' management of moderator accounts. */
export function accountPaths(s: SchemaCollector): Record<string, JsonObject> {
  return {
    '/api/v1/setup': {
      get: operation({
        operationId: 'getSetupStatus',
        tag: 'Accounts',
        summary: 'Whether the first admin still has to be created',
        access: 'public',
        responses: { '200': json('Setup status', s.output(setupStatusSchema), { 'Cache-Control': headers.noStore }) },
      }),
    },
    '/api/v1/setup/admin': {
      post: operation({
        operationId: 'createFirstAdmin',
        tag: 'Accounts',
        summary: 'Create the first admin through the one-time link printed at start',
        description: 'Works once, and only while no moderator account exists; signs the new admin in. Rate-limited per IP like sign-in.',
        access: 'public',
        parsesBody: true,
        requestBody: s.jsonBody(firstAdminSchema),
        responses: {
          '201': json('Created and signed in: send the token as `Authorization: Bearer <token>`', s.output(sessionSchema), { 'Cache-Control': headers.noStore }),
          '403': problem(403, 'The link is wrong, used, or from an earlier start.'),
          '409': problem(409, 'A moderator account exists already: sign in instead.'),
          '422': problem(422, 'The address or password (at least 12 characters) is invalid.'),
          '429': problem(429, 'Too many attempts from this IP.'),
        },
      }),
    },
    '/api/v1/auth/login': {
      post: operation({
        operationId: 'signIn',
        tag: 'Accounts',
        summary: 'Sign in as a moderator',
        description:
          'Every refused attempt takes the same time and gets the same 401, whether the address is unknown, the password wrong or this client locked out of the account. Five attempts on one account from one client (an IPv4 address or IPv6 /64) lock that client out of that account for 15 minutes, not the account: its owner still signs in from elsewhere. Each client has a budget of attempts across accounts (429), and after many failures on one account from many networks only networks that signed in to it recently may try.',
        access: 'public',
        parsesBody: true,
        requestBody: s.jsonBody(loginSchema),
        responses: {
          '200': json('Signed in: send the token as `Authorization: Bearer <token>`', s.output(sessionSchema), { 'Cache-Control': headers.noStore }),
          '401': problem(401, 'The address or password is not correct (or missing), or this client is locked out of the account for a while: one answer for all.'),
          '403': problem(403, 'A browser sent it for a site that is neither this service nor in ALLOWED_ORIGINS (`Origin`, `Sec-Fetch-Site`): a hostile page cannot make visitors sign in, or lock anyone out.'),
          '429': problem(429, 'Too many attempts from this client, across accounts, for a while.'),
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
      patch: operation({
        operationId: 'updateSignedInModerator',
        tag: 'Accounts',
        summary: "Change this moderator's mail language or password",
        description:
          'The dashboard sends the language a moderator chooses there (and the one they sign in with), so their digests are written in it. A new `password` needs `currentPassword`; the account\'s other sessions end, this one stays. Five wrong current passwords within 15 minutes make the account wait (429).',
        access: 'moderator',
        parsesBody: true,
        requestBody: s.jsonBody(updateOwnAccountSchema),
        responses: {
          '200': json('The moderator, changed', s.output(oneModeratorSchema), { 'Cache-Control': headers.noStore }),
          '422': problem(422, 'The language is not one Majlis speaks (`en` or `ar`), the current password is wrong, or the new one is under 12 characters.'),
          '429': problem(429, 'Too many wrong current passwords for this account, for a while.'),
        },
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
    '/api/v1/moderation/moderators/{id}': {
      patch: operation({
        operationId: 'changeModerator',
        tag: 'Accounts',
        parameters: [pathParameter('id', { type: 'integer', minimum: 1 }, 'The account id (GET /moderation/moderators).')],
        summary: "Change a moderator account's role, password or access",
        description:
          'For a moderator who leaves, changes duties or forgot a password. A new password, or `disabled: true`, ends every session of the account at once; a disabled account is refused at sign-in exactly as an unknown address is, and gets no digest. A role applies from the account\'s next request. Its decisions stay in the log under its name.',
        access: 'admin',
        parsesBody: true,
        requestBody: s.jsonBody(changeModeratorSchema),
        responses: {
          '200': json('The account, changed', s.output(oneModeratorSchema), { 'Cache-Control': headers.noStore }),
          '404': problem(404, 'No account has this id.'),
          '409': problem(409, 'The change would leave no administrator who can sign in.'),
          '422': problem(422, 'Nothing to change, or a password under 12 characters, or an unknown role.'),
        },
      }),
    },
  };
}
