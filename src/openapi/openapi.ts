import { Router } from 'express';
import { problemSchema } from '../http/problem.js';
import { accountPaths } from './account-paths.js';
import { engagementPaths } from './engagement-paths.js';
import { integrationPaths } from './integration-paths.js';
import { mailLinkPaths } from './mail-link-paths.js';
import { moderationPaths } from './moderation-paths.js';
import { TAGS } from './operation.js';
import { operationsPaths } from './operations-paths.js';
import { publicPaths } from './public-paths.js';
import { signInPaths } from './sign-in-paths.js';
import { HEADER_COMPONENTS, RESPONSE_COMPONENTS } from './responses.js';
import { SchemaCollector, type JsonObject } from './schema-tools.js';

const DESCRIPTION = `Comments and moderation for news sites, in Arabic and English.

- Bodies are UTF-8 JSON (the comment form also posts \`application/x-www-form-urlencoded\`).
- Errors are RFC 9457 problem documents (\`application/problem+json\`) with a stable \`code\`;
  validation problems list every failing field in \`errors\`. A path that names no operation is a 404 problem.
- Messages follow \`lang\` in the body or query, else \`Accept-Language\` (\`ar\` or \`en\`; default \`en\`).
- Every GET also answers HEAD, with the same status and headers and no body.
- A path below asked with a method it does not list answers 405 (\`method_not_allowed\`) with \`Allow\`; any other path 404.
- Browsers on the sites in ALLOWED_ORIGINS may call the API (CORS); preflight requests are answered for every path.`;

/** The OpenAPI 3.1 document, generated from the zod schemas that validate requests and type responses. */
export function buildOpenApiDocument(options: { publicUrl?: string } = {}): JsonObject {
  const schemas = new SchemaCollector();
  schemas.output(problemSchema);
  const paths = {
    ...publicPaths(schemas),
    ...engagementPaths(schemas),
    ...mailLinkPaths(schemas),
    ...accountPaths(schemas),
    ...signInPaths(schemas),
    ...moderationPaths(schemas),
    ...integrationPaths(schemas),
    ...operationsPaths(schemas),
  };
  return {
    openapi: '3.1.0',
    info: { title: 'Majlis API', version: '1.0.0', description: DESCRIPTION },
    servers: [{ url: options.publicUrl?.replace(/\/$/, '') || '/', description: 'This Majlis instance' }],
    tags: TAGS,
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries(schemas.named).sort(([a], [b]) => a.localeCompare(b))),
      responses: RESPONSE_COMPONENTS,
      headers: HEADER_COMPONENTS,
      securitySchemes: {
        moderatorSession: { type: 'http', scheme: 'bearer', description: 'The token from POST /api/v1/auth/login.' },
        editToken: { type: 'apiKey', in: 'header', name: 'X-Edit-Token', description: 'The `editToken` the author got when posting the comment.' },
        metricsToken: { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN, when the operator set one.' },
        readerToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: "A reader's sign-in token: signed by the site (SSO_SECRETS or SSO_JWKS_URL), or the widget session Majlis issues after OpenID Connect sign-in." },
      },
    },
  };
}

/**
 * Serves the document at /api/v1/openapi.json, built on the first request: few processes are ever
 * asked for it, and building it at start-up kept the zod-to-JSON-Schema work's garbage (several MB) on every one.
 */
export function openApiRoutes(publicUrl: string | undefined): Router {
  const router = Router();
  let document: string | undefined;
  router.get('/api/v1/openapi.json', (_req, res) => {
    document ??= JSON.stringify(buildOpenApiDocument({ publicUrl }));
    res.set('Cache-Control', 'public, max-age=300').type('application/json').send(document);
  });
  return router;
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);

/**
 * The methods the API takes at a path, read from this document (so the answer cannot drift from it): a path it knows,
 * asked with another method, is answered 405 with `Allow`, not 404. Built on the first question, like the document.
 */
export function documentedMethods(): (path: string) => string[] {
  let routes: Array<{ pattern: RegExp; methods: string[] }> | undefined;
  return (path) => {
    if (!path.startsWith('/api/')) return [];
    routes ??= Object.entries(buildOpenApiDocument().paths as Record<string, JsonObject>).map(([template, operations]) => ({
      pattern: new RegExp(`^${template.split(/(\{[^}]+\})/).map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('')}/?$`),
      methods: Object.keys(operations).filter((method) => HTTP_METHODS.has(method)).map((method) => method.toUpperCase()),
    }));
    return [...new Set(routes.filter((route) => route.pattern.test(path)).flatMap((route) => route.methods))];
  };
}
