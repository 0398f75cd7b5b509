import { accountQuerySchema, accountSchema, accountStatusSchema, accountViewSchema, oidcStartQuerySchema, signedInSchema, siteEventResultSchema, ssoConfigSchema } from '../accounts/account.schemas.js';
import { eraseSchema, erasureResultSchema } from '../privacy/privacy.schemas.js';
import { z } from 'zod';
import { operation, pathParameter } from './operation.js';
import { header, headers, htmlPage, json, problem, response } from './responses.js';
import type { JsonObject, SchemaCollector } from './schema-tools.js';

const accountId = pathParameter('id', { type: 'integer', minimum: 1 }, 'The account id (a queue item’s `accountId`).');
const noSuchAccount = problem(404, 'No account with this id.');
const popupPage = (description: string) =>
  response(description, { 'text/html': htmlPage }, { 'Cache-Control': headers.noStore, 'Content-Security-Policy': header('Only the page’s own inline script (by its hash) runs.', { type: 'string' }) });
const callbackParameter = (name: string, description: string) => ({ name, in: 'query', required: false, description, schema: { type: 'string' } });

/** Reader sign-in (SPEC section 8) and the moderators' view of accounts. */
export function signInPaths(s: SchemaCollector): Record<string, JsonObject> {
  return {
    '/api/v1/auth/sso/config': {
      get: operation({
        operationId: 'getSignInConfig',
        tag: 'Sign-in',
        summary: 'Which sign-in methods the site offers the widget',
        access: 'public',
        parsesBody: true,
        responses: { '200': json('The methods', s.output(ssoConfigSchema), { 'Cache-Control': header('Cached for a minute.', { type: 'string', const: 'public, max-age=60' }) }) },
      }),
    },
    '/api/v1/auth/sso/me': {
      get: operation({
        operationId: 'getSignedInReader',
        tag: 'Sign-in',
        summary: 'Who a sign-in token signs in, as the widget shows it',
        access: 'public',
        readerToken: true,
        parsesBody: true,
        responses: { '200': json('The reader', s.output(signedInSchema), { 'Cache-Control': headers.noStore }) },
      }),
    },
    '/api/v1/auth/sso/logout': {
      post: operation({
        operationId: 'signOutReader',
        tag: 'Sign-in',
        summary: 'Sign out: the token is refused from now on (by its `jti`, else by its hash)',
        access: 'public',
        readerToken: true,
        parsesBody: true,
        responses: { '204': response('Signed out') },
      }),
    },
    '/api/v1/auth/sso/events': {
      post: operation({
        operationId: 'receiveSiteEvent',
        tag: 'Sign-in',
        summary: "The site's CMS: a reader was deleted, or a token revoked",
        description:
          'Send `Authorization: Bearer <jwt>` signed with the same keys as reader tokens, with an `event` claim: ' +
          '`user.deleted` (the subject in `sub` or `user.id`; `mode`: `delete` (default) or `anonymise`) erases the account with the privacy tools, ' +
          'and site tokens signed before it stay refused; ' +
          '`token.revoked` (`revokedJti`, `revokedExp`) refuses that token from now on.',
        access: 'public',
        readerToken: true,
        parsesBody: true,
        responses: {
          '200': json('Done', s.output(siteEventResultSchema)),
          '403': problem(403, 'A Majlis widget session cannot send site events.'),
          '422': problem(422, 'The token carries no known `event`, its fields are invalid, or a `user.deleted` names no subject.'),
        },
      }),
    },
    '/api/v1/auth/oidc/start': {
      get: operation({
        operationId: 'startOidcSignIn',
        tag: 'Sign-in',
        summary: "OpenID Connect: the popup's first address, which sends the reader to the provider",
        description:
          'Open `startUrl` of `GET /api/v1/auth/sso/config` with `?origin=<location.origin>` in a popup. Redirects to the provider (authorization code flow, PKCE S256, `state`, `nonce`) ' +
          'and sets a short-lived encrypted cookie, sent back to the callback only. Problems are pages for browsers, problem documents for JSON clients.',
        access: 'public',
        parsesBody: true,
        parameters: s.queryParameters(oidcStartQuerySchema),
        responses: {
          '302': response('To the provider’s authorization endpoint', { 'text/html': htmlPage, 'text/plain': { type: 'string' } }, {
            Location: header('The provider’s authorization endpoint with the request.', { type: 'string', format: 'uri' }),
            'Set-Cookie': header('The sign-in’s state (encrypted, HttpOnly, SameSite=Lax, Path=/api/v1/auth/oidc/callback, ten minutes).', { type: 'string' }),
            'Cache-Control': headers.noStore,
          }),
          '400': problem(400, '`origin` is missing or is neither this service’s origin nor one of ALLOWED_ORIGINS (`*` is not enough), or the provider cannot be reached.', { asPage: true }),
          '404': problem(404, 'No OpenID Connect provider is configured.', { asPage: true }),
        },
      }),
    },
    '/api/v1/auth/oidc/callback': {
      get: operation({
        operationId: 'finishOidcSignIn',
        tag: 'Sign-in',
        summary: "OpenID Connect: the provider's redirect back (the redirect URI to register at the provider)",
        description:
          'Checks the state (this browser’s cookie, unexpired, unused), exchanges the code, verifies the ID token, makes or finds the account, and answers a page that posts ' +
          "`{ type: 'majlis:sso', token }` to the opener at the sign-in's origin and closes. The token is a Majlis-issued reader token (an hour) for `Authorization: Bearer`.",
        access: 'public',
        parsesBody: true,
        parameters: [
          callbackParameter('code', 'The authorization code.'),
          callbackParameter('state', 'The state Majlis sent.'),
          callbackParameter('iss', 'The provider’s issuer (RFC 9207).'),
          callbackParameter('error', 'The provider’s error, e.g. `access_denied`.'),
        ],
        responses: {
          '200': popupPage('Signed in: the page posts the token to the opener and closes (without an opener it says the reader is signed in)'),
          '400': popupPage('The sign-in failed (the provider refused or was unreachable, the state is missing, altered, expired or used, or the ID token failed a check): a page saying so. Nothing was stored.'),
        },
      }),
    },
    '/api/v1/moderation/accounts/{id}': {
      get: operation({
        operationId: 'getAccount',
        tag: 'Moderation',
        summary: "A signed-in account and its comments across threads (the author view)",
        access: 'moderator',
        parsesBody: true,
        parameters: [accountId, ...s.queryParameters(accountQuerySchema)],
        responses: { '200': json('The account', s.output(accountViewSchema), { 'Cache-Control': headers.noStore }), '404': noSuchAccount, '400': problem(400, '`limit` or `cursor` is invalid.') },
      }),
      put: operation({
        operationId: 'setAccountStatus',
        tag: 'Moderation',
        summary: 'Trust, ban or reset a signed-in account',
        description: 'A ban also takes back the reactions the account gave (they ranked comments in `sort=best`); lifting it does not restore them. A banned account may not react.',
        access: 'moderator',
        parsesBody: true,
        parameters: [accountId],
        requestBody: s.jsonBody(accountStatusSchema),
        responses: { '200': json('The account', s.output(z.object({ account: accountSchema }))), '404': noSuchAccount, '422': problem(422, '`status` is invalid.') },
      }),
    },
    '/api/v1/moderation/accounts/{id}/erase': {
      post: operation({
        operationId: 'eraseAccount',
        tag: 'Integrations',
        summary: 'Erase a signed-in account with the privacy tools, then the account',
        access: 'admin',
        parsesBody: true,
        parameters: [accountId],
        requestBody: s.jsonBody(eraseSchema),
        responses: { '200': json('Erased', s.output(erasureResultSchema)), '404': noSuchAccount, '422': problem(422, '`mode` is invalid.') },
      }),
    },
  };
}
