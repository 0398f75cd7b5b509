import { shared } from './responses.js';
import type { JsonObject } from './schema-tools.js';

/** The groups of the reference, in the order a reader meets them. */
export const TAGS = [
  { name: 'Threads', description: 'Reading approved comments and counts: public, cached, CDN-friendly.' },
  { name: 'Comments', description: "Posting comments and replies, reporting them, and the author's own comment (with its edit token)." },
  { name: 'Sign-in', description: "Readers signed in with the site's own accounts: site-signed tokens, OpenID Connect, the CMS's events." },
  { name: 'Accounts', description: 'Moderator sign-in (the bearer token every moderator operation needs) and the accounts admins manage.' },
  { name: 'Moderation', description: 'The queue, decisions, the decision log, the policy, authors and threads (SPEC section 4).' },
  { name: 'Integrations', description: 'Admins only: webhooks, the site export and privacy requests.' },
  { name: 'Mail links', description: 'Where the links in notification mail land: unsubscribe and address confirmation.' },
  { name: 'Operations', description: 'Health, readiness, metrics and this reference.' },
] as const;

/** Who may call an operation. */
export type Access = 'public' | 'author' | 'moderator' | 'admin' | 'operator';

const SECURITY: Record<Access, JsonObject[]> = {
  public: [],
  author: [{ editToken: [] }],
  moderator: [{ moderatorSession: [] }],
  admin: [{ moderatorSession: [] }],
  // A scraper sends METRICS_TOKEN; without one configured, direct loopback requests need nothing.
  operator: [{ metricsToken: [] }, {}],
};

/** What one operation is; the builder adds what every operation of its kind shares. */
export interface OperationSpec {
  operationId: string;
  tag: (typeof TAGS)[number]['name'];
  summary: string;
  description?: string;
  access: Access;
  parameters?: JsonObject[];
  requestBody?: JsonObject;
  responses: Record<string, JsonObject>;
  /** Served behind the /api/v1 body parsers, which refuse a body they cannot read whatever the route. */
  parsesBody?: boolean;
  /** A reader may send a sign-in token (`Authorization: Bearer <jwt>`); a bad one is a 401, unreachable site keys a 503. */
  readerToken?: boolean;
}

/**
 * An OpenAPI operation with its security and the responses its kind always may give: 401 (and 403
 * for admin routes) from the auth guard, 400/413/415 from the body parsers, 503 while the database cannot answer, and 500.
 */
export function operation(spec: OperationSpec): JsonObject {
  const { tag, access, parsesBody, readerToken, responses, description, ...rest } = spec;
  const guarded = access === 'moderator' || access === 'admin';
  return {
    ...rest,
    tags: [tag],
    description: access === 'admin' ? `Admins only.${description ? ` ${description}` : ''}` : (description ?? spec.summary),
    security: readerToken ? [{}, { readerToken: [] }] : SECURITY[access],
    // Who may call it, in one word: the auth walk in tests/api/auth.test.ts is derived from this.
    'x-majlis-access': access,
    responses: byStatus({
      ...(parsesBody ? { '400': shared.malformedRequest, '413': shared.payloadTooLarge, '415': shared.unsupportedMediaType } : {}),
      ...(guarded ? { '401': shared.unauthorized } : {}),
      ...(access === 'admin' ? { '403': shared.adminOnly } : {}),
      ...(readerToken ? { '401': shared.readerTokenInvalid } : {}),
      '503': readerToken ? shared.signInUnavailable : shared.storageUnavailable,
      '500': shared.internalError,
      ...responses,
    }),
  };
}

function byStatus(responses: Record<string, JsonObject>): Record<string, JsonObject> {
  return Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
}

/** A path parameter. */
export function pathParameter(name: string, schema: JsonObject, description?: string): JsonObject {
  return { name, in: 'path', required: true, ...(description ? { description } : {}), schema };
}
