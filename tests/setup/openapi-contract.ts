import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { isValidEmail } from '../../src/authors/email.js';
import type { JsonObject } from '../../src/openapi/schema-tools.js';

/** One response as the client received it. */
export interface ObservedResponse {
  method: string;
  url: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

// Headers the server sets on purpose for a client to act on: each must be documented where it is sent.
// Security, CORS and framing headers are the same on every response and stay out of the reference.
const CONTRACT_HEADERS = ['cache-control', 'content-disposition', 'etag', 'location', 'retry-after', 'x-request-id'];
const JSON_TYPE = /^application\/(.+\+)?json$/;
const MAX_ERRORS = 5;
const DOCUMENT_ID = 'urn:majlis:openapi';
// The fields of an OpenAPI document around its schemas: ajv holds the whole document, so that
// `#/components/...` references resolve, and must read these as annotations, not unknown keywords.
const OPENAPI_FIELDS = ['openapi', 'info', 'jsonSchemaDialect', 'servers', 'paths', 'webhooks', 'components', 'security', 'tags', 'externalDocs'];

/** A part of the document and its JSON pointer. */
interface Located {
  value: JsonObject;
  pointer: string;
}

interface Route {
  template: string;
  pattern: RegExp;
  operations: Record<string, JsonObject>;
}

const escapePointer = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * Checks responses against an OpenAPI 3.1 document: the route (method and path template), the
 * status, the documented headers, the media type and the body's JSON Schema (2020-12, with ajv).
 */
export class OpenApiContract {
  // Strict, so a schema the document gets wrong fails loudly; zod writes unions of primitives as type arrays.
  private readonly ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  private readonly headerAjv = new Ajv2020({ strict: true, allowUnionTypes: true, coerceTypes: true });
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly routes: Route[];

  constructor(private readonly document: JsonObject) {
    for (const ajv of [this.ajv, this.headerAjv]) {
      addFormats.default(ajv);
      // ajv-formats has no idn-email (RFC 6531); the API means the addresses its own rule accepts.
      ajv.addFormat('idn-email', isValidEmail);
      ajv.addVocabulary(OPENAPI_FIELDS);
      ajv.addSchema(document, DOCUMENT_ID);
    }
    const paths = document.paths as Record<string, Record<string, JsonObject>>;
    this.routes = Object.entries(paths)
      .map(([template, operations]) => ({ template, operations, pattern: toPattern(template) }))
      // A literal path wins over a templated one, as in OpenAPI and in our routers.
      .sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0));
  }

  /** Every way a response departs from the document; empty when it matches. */
  check(response: ObservedResponse): string[] {
    const method = response.method.toLowerCase();
    // CORS preflight is answered for every path by the CORS middleware, before any route.
    if (method === 'options') return [];
    const path = response.url.split('?')[0] ?? '';
    const route = this.routes.find((candidate) => candidate.pattern.test(path));
    const operationMethod = method === 'head' ? 'get' : method;
    const operation = route?.operations[operationMethod];
    if (!route || !operation) return this.checkUnrouted(response, path);
    const where = `/paths/${escapePointer(route.template)}/${operationMethod}`;
    const responses = operation.responses as Record<string, JsonObject>;
    const status = String(response.status);
    const key = [status, `${status[0]}XX`, 'default'].find((candidate) => candidate in responses);
    if (!key) return [`status ${status} is not documented for ${operationMethod.toUpperCase()} ${route.template}`];
    const documented = this.resolve(responses[key] as JsonObject, `${where}/responses/${key}`);
    return [...this.checkHeaders(response, documented), ...this.checkBody(response, documented)];
  }

  /**
   * A path no operation takes must get the not-found problem, a documented path asked with another method the
   * method-not-allowed one, with `Allow` naming the documented methods; outside /api/ (pages, assets) anything goes.
   */
  private checkUnrouted(response: ObservedResponse, path: string): string[] {
    if (response.status === 404 && response.headers['content-type']?.startsWith('application/problem+json')) {
      return this.validateJson(response.body, '/components/schemas/Problem');
    }
    const documented = this.routes.filter((route) => route.pattern.test(path)).flatMap((route) => Object.keys(route.operations).map((method) => method.toUpperCase()));
    if (response.status === 405 && documented.length > 0 && response.headers['content-type']?.startsWith('application/problem+json')) {
      const allow = new Set(String(response.headers.allow ?? '').split(', '));
      const missing = documented.filter((method) => !allow.has(method));
      return [...(missing.length > 0 ? [`Allow (${response.headers.allow}) leaves out ${missing.join(', ')}`] : []), ...this.validateJson(response.body, '/components/schemas/Problem')];
    }
    const inScope = path.startsWith('/api/') || this.routes.some((route) => route.pattern.test(path));
    return inScope ? [`${response.method} ${path} is not a documented operation`] : [];
  }

  private checkHeaders(response: ObservedResponse, documented: Located): string[] {
    const problems: string[] = [];
    const headers = (documented.value.headers ?? {}) as Record<string, JsonObject>;
    const declared = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
    for (const [name, value] of Object.entries(headers)) {
      const definition = this.resolve(value, `${documented.pointer}/headers/${escapePointer(name)}`);
      const sent = response.headers[name.toLowerCase()];
      if (sent === undefined) {
        if (definition.value.required === true) problems.push(`required header ${name} is missing`);
        continue;
      }
      // Header values are strings; the header validator coerces them to the documented type first.
      const validate = this.validator(this.headerAjv, `${definition.pointer}/schema`);
      if (!validate(sent)) problems.push(`header ${name}: ${JSON.stringify(sent)} does not match its schema`);
    }
    for (const name of CONTRACT_HEADERS) {
      if (response.headers[name] !== undefined && !declared.has(name)) problems.push(`header ${name} is sent but not documented`);
    }
    return problems;
  }

  private checkBody(response: ObservedResponse, documented: Located): string[] {
    const content = (documented.value.content ?? {}) as Record<string, JsonObject>;
    const types = Object.keys(content);
    // HEAD and 304 answers carry the headers of the body they leave out.
    if (response.method === 'HEAD' || response.status === 304) return response.body.length === 0 ? [] : ['a body was sent where none may be'];
    const mediaType = response.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
    if (response.body.length === 0) {
      const claimsJson = types.length > 0 && types.every((type) => JSON_TYPE.test(type) || type === 'application/x-ndjson');
      return claimsJson ? [`the body is empty; documented: ${types.join(', ')}`] : [];
    }
    if (!mediaType || !(mediaType in content)) return [`media type ${mediaType ?? '(none)'} is not documented (documented: ${types.join(', ') || 'no body'})`];
    const schemaPointer = `${documented.pointer}/content/${escapePointer(mediaType)}/schema`;
    if (JSON_TYPE.test(mediaType)) return this.validateJson(response.body, schemaPointer);
    if (mediaType === 'application/x-ndjson') {
      // JSON Lines: the documented schema is that of each line (the itemSchema of OpenAPI 3.2).
      const lines = response.body.toString('utf8').split('\n').filter((line) => line !== '');
      return lines.flatMap((line, index) => this.validateJson(Buffer.from(line), schemaPointer).map((problem) => `line ${index + 1}: ${problem}`));
    }
    return [];
  }

  private validateJson(body: Buffer, schemaPointer: string): string[] {
    let data: unknown;
    try {
      data = JSON.parse(body.toString('utf8'));
    } catch {
      return ['the body is not valid JSON'];
    }
    const validate = this.validator(this.ajv, schemaPointer);
    if (validate(data)) return [];
    const errors = (validate.errors ?? []).map((error) => {
      const extra = (error.params as { additionalProperty?: string }).additionalProperty;
      return `body${error.instancePath} ${error.message ?? 'is invalid'}${extra ? `: ${extra}` : ''}`;
    });
    // Each branch of a oneOf explains itself; the first few lines say enough.
    return errors.length > MAX_ERRORS ? [...errors.slice(0, MAX_ERRORS), `… and ${errors.length - MAX_ERRORS} more`] : errors;
  }

  private validator(ajv: Ajv2020, pointer: string): ValidateFunction {
    const cacheKey = `${ajv === this.ajv ? 'body' : 'header'}:${pointer}`;
    let validate = this.validators.get(cacheKey);
    if (!validate) {
      // As a URI fragment the pointer is percent-encoded (path templates carry braces).
      validate = ajv.compile({ $ref: `${DOCUMENT_ID}#${pointer.split('/').map(encodeURIComponent).join('/')}` });
      this.validators.set(cacheKey, validate);
    }
    return validate;
  }

  /** Follows a local `$ref` (responses and headers may be shared components), keeping where it led. */
  private resolve(value: JsonObject, pointer: string): Located {
    const ref = value.$ref;
    if (typeof ref !== 'string') return { value, pointer: pointer.replace(/^#/, '') };
    const target = ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((node, segment) => (node as JsonObject)[segment.replaceAll('~1', '/').replaceAll('~0', '~')], this.document);
    return this.resolve(target as JsonObject, ref);
  }
}

/** Express matches paths case-insensitively and with an optional trailing slash; so does the check. */
function toPattern(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}/?$`, 'i');
}
