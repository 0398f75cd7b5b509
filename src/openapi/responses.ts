import { AUTHENTICATE_CHALLENGE } from '../http/problem.js';
import type { JsonObject } from './schema-tools.js';

const ref = (kind: 'headers' | 'responses' | 'schemas', name: string) => ({ $ref: `#/components/${kind}/${name}` });

/** Headers documented once, under `components.headers`. */
export const HEADER_COMPONENTS: Record<string, JsonObject> = {
  RequestId: {
    description: 'The request id: a sane X-Request-Id request header, else a generated UUID. Every log line of the request carries it; quote it when reporting a problem.',
    required: true,
    schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,100}$' },
  },
  NoStore: { description: 'Never stored by browsers or shared caches.', required: true, schema: { type: 'string', const: 'no-store' } },
  RetryAfter: { description: 'Seconds to wait before trying again.', required: true, schema: { type: 'integer', minimum: 1 } },
  WwwAuthenticate: { description: 'How to authenticate (RFC 9110): a bearer token.', required: true, schema: { type: 'string', const: AUTHENTICATE_CHALLENGE } },
};

/** Header references for response objects. */
export const headers = {
  requestId: ref('headers', 'RequestId'),
  noStore: ref('headers', 'NoStore'),
  retryAfter: ref('headers', 'RetryAfter'),
  wwwAuthenticate: ref('headers', 'WwwAuthenticate'),
} as const;

/** A header described where it is used. */
export function header(description: string, schema: JsonObject, required = true): JsonObject {
  return { description, required, schema };
}

/** A response with one or more bodies, keyed by media type. */
export function response(description: string, content: Record<string, JsonObject> = {}, responseHeaders: Record<string, JsonObject> = {}): JsonObject {
  return {
    description,
    headers: { 'X-Request-Id': headers.requestId, ...responseHeaders },
    ...(Object.keys(content).length > 0 ? { content: Object.fromEntries(Object.entries(content).map(([type, schema]) => [type, { schema }])) } : {}),
  };
}

/** A JSON response. */
export function json(description: string, schema: JsonObject, responseHeaders: Record<string, JsonObject> = {}): JsonObject {
  return response(description, { 'application/json': schema }, responseHeaders);
}

/** An HTML page (the no-JavaScript form and the landing pages of mail links). */
export const htmlPage = { type: 'string', contentMediaType: 'text/html' } as const;

/**
 * An RFC 9457 problem document. Problems are never cached; a 429 or 503 says when to come back, a 401 how to authenticate. With
 * `asPage`, browsers (a no-JavaScript form post, a mail link) get the same problem as an HTML page.
 */
export function problem(status: number, description: string, options: { asPage?: boolean } = {}): JsonObject {
  return response(
    description,
    { 'application/problem+json': ref('schemas', 'Problem'), ...(options.asPage ? { 'text/html': htmlPage } : {}) },
    {
      'Cache-Control': headers.noStore,
      ...(status === 429 || status === 503 ? { 'Retry-After': headers.retryAfter } : {}),
      ...(status === 401 ? { 'WWW-Authenticate': headers.wwwAuthenticate } : {}),
    },
  );
}

/** Problems every operation of a kind may answer, under `components.responses`. */
export const RESPONSE_COMPONENTS: Record<string, JsonObject> = {
  MalformedRequest: problem(400, 'The body is not valid JSON (or form data), or the query or a path parameter is malformed.'),
  Unauthorized: problem(401, 'No valid moderator session: sign in with POST /api/v1/auth/login and send `Authorization: Bearer <token>`.'),
  AdminOnly: problem(403, 'The signed-in moderator is not an admin.'),
  ReaderTokenInvalid: problem(401, 'The sign-in token (`Authorization: Bearer <jwt>`) failed a check: signature, key, expiry, audience, issuer, revocation or algorithm; `detail` says which. Nothing was stored.'),
  SignInUnavailable: problem(503, "The site's keys (SSO_JWKS_URL) could not be fetched to check the sign-in token, or the database cannot answer for now. Nothing was stored."),
  StorageUnavailable: problem(503, 'The database cannot answer for now: unreachable, restarting, out of connections, locked by another writer past the busy timeout, or full. Nothing was stored.'),
  PayloadTooLarge: problem(413, 'The body is larger than BODY_LIMIT_BYTES.'),
  UnsupportedMediaType: problem(415, 'The body is neither UTF-8 JSON nor form-encoded.'),
  InternalError: problem(500, 'An unexpected failure; logged with the request id, no internals in the body.'),
};

/** References to {@link RESPONSE_COMPONENTS}. */
export const shared = {
  malformedRequest: ref('responses', 'MalformedRequest'),
  unauthorized: ref('responses', 'Unauthorized'),
  adminOnly: ref('responses', 'AdminOnly'),
  readerTokenInvalid: ref('responses', 'ReaderTokenInvalid'),
  signInUnavailable: ref('responses', 'SignInUnavailable'),
  storageUnavailable: ref('responses', 'StorageUnavailable'),
  payloadTooLarge: ref('responses', 'PayloadTooLarge'),
  unsupportedMediaType: ref('responses', 'UnsupportedMediaType'),
  internalError: ref('responses', 'InternalError'),
} as const;
