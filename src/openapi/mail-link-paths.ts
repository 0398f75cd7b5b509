import { readerNoticeSchema } from '../shared/json-schemas.js';
import { confirmationSchema, tokenQuerySchema } from '../notifications/notification.schemas.js';
import { operation, type OperationSpec } from './operation.js';
import { headers, htmlPage, problem, response } from './responses.js';
import type { JsonObject, SchemaCollector } from './schema-tools.js';

const NEGOTIATED = 'A page for browsers; JSON for a client whose Accept header prefers `application/json`.';

function mailLink(s: SchemaCollector, spec: Omit<OperationSpec, 'tag' | 'access' | 'parsesBody' | 'parameters'>): JsonObject {
  return operation({ ...spec, tag: 'Mail links', access: 'public', parsesBody: true, parameters: s.queryParameters(tokenQuerySchema) });
}

/** Where the links in notification mail land: a GET shows a button and changes nothing; the POST acts. */
export function mailLinkPaths(s: SchemaCollector): Record<string, JsonObject> {
  const buttonPage = (operationId: string, summary: string, invalid: string) =>
    mailLink(s, {
      operationId,
      summary,
      description: `${NEGOTIATED} Changes nothing: mail scanners open links with GET, so the page asks for a press of its button, which POSTs the same link.`,
      responses: {
        '200': response('The link is valid: a page with the button (JSON: what to do)', { 'application/json': s.output(readerNoticeSchema), 'text/html': htmlPage }, { 'Cache-Control': headers.noStore }),
        '400': problem(400, invalid, { asPage: true }),
      },
    });
  return {
    '/api/v1/unsubscribe': {
      get: buttonPage('unsubscribePage', 'The unsubscribe link in every notification: a page with a button', 'The link is invalid (or the request is malformed).'),
      post: mailLink(s, {
        operationId: 'unsubscribe',
        summary: 'Stop notification mail (the page’s button, and RFC 8058 one-click unsubscribe from the mail client)',
        description: NEGOTIATED,
        responses: {
          '200': response('Unsubscribed', { 'application/json': s.output(readerNoticeSchema), 'text/html': htmlPage }, { 'Cache-Control': headers.noStore }),
          '400': problem(400, 'The link is invalid (or the request is malformed).', { asPage: true }),
          '403': problem(403, 'A browser sent it for a site that is neither this service nor in ALLOWED_ORIGINS (`Origin`, `Sec-Fetch-Site`).', { asPage: true }),
        },
      }),
    },
    '/api/v1/confirm': {
      get: buttonPage('confirmEmailPage', "The confirmation link mailed to a new author: a page with a button", 'The link is invalid or was already used (or the request is malformed).'),
      post: mailLink(s, {
        operationId: 'confirmEmail',
        summary: "Confirm a new author's address",
        description: `${NEGOTIATED} Either way the answer carries the commenter key that makes this browser the known author.`,
        responses: {
          '200': response('Confirmed', { 'application/json': s.output(confirmationSchema), 'text/html': htmlPage }, { 'Cache-Control': headers.noStore }),
          '400': problem(400, 'The link is invalid or was already used (or the request is malformed).', { asPage: true }),
          '403': problem(403, 'A browser sent it for a site that is neither this service nor in ALLOWED_ORIGINS (`Origin`, `Sec-Fetch-Site`).', { asPage: true }),
        },
      }),
    },
  };
}
