import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { z } from 'zod';
import { translate, type Lang } from '../i18n/i18n.js';
import type { MessageKey } from '../i18n/messages.js';
import type { Logger } from '../logging/logger.js';
import { AppError, ERROR_CODES, type ErrorCode } from '../shared/errors.js';
import { requestLang } from './lang.js';

/** The HTTP status of every error code; the compiler makes it cover them all. */
const statusOf: Record<ErrorCode, number> = {
  validation_failed: 422,
  malformed_request: 400,
  invalid_link: 400,
  invalid_thread_key: 400,
  not_found: 404,
  method_not_allowed: 405,
  thread_closed: 403,
  duplicate_comment: 409,
  flood: 429,
  rate_limited: 429,
  payload_too_large: 413,
  unsupported_media_type: 415,
  edit_token_required: 401,
  edit_token_invalid: 403,
  edit_window_closed: 403,
  unauthorized: 401,
  login_locked: 429,
  forbidden: 403,
  conflict: 409,
  setup_link_invalid: 403,
  setup_done: 409,
  no_training_data: 409,
  challenge_required: 428,
  live_unavailable: 503,
  sso_token_invalid: 401,
  sso_unavailable: 503,
  sign_in_required: 403,
  sign_in_failed: 400,
  unavailable: 503,
  internal: 500,
};

/** RFC 9457 problem document (SPEC section 3), with our stable error `code`. */
export const problemSchema = z
  .object({
    type: z.string().meta({ format: 'uri', examples: ['urn:majlis:problem:validation_failed'] }),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string().meta({ description: 'What went wrong, in the language of the request.' }),
    code: z.enum(ERROR_CODES),
    errors: z
      .array(z.object({ field: z.string(), code: z.string().meta({ description: '`required`, `too_long` (text or a list), `too_big` or `too_small` (a number out of its range), else `invalid`.', examples: ['required', 'too_long', 'too_big', 'too_small', 'invalid'] }), message: z.string() }))
      .optional()
      .meta({ description: 'Every failing input field (validation problems).' }),
    challenge: z
      .object({
        parameters: z.record(z.string(), z.unknown()).meta({ description: 'ALTCHA v2 challenge parameters (algorithm, nonce, salt, cost, keyPrefix, …); `data.exp` is the expiry, Unix seconds.' }),
        signature: z.string(),
      })
      .optional()
      .meta({ description: '`challenge_required` (428): a proof-of-work challenge (ALTCHA v2). Solve it and send the comment again with `challengeSolution`.' }),
  })
  .meta({ id: 'Problem' });

/** RFC 9457 problem document. */
export type Problem = z.infer<typeof problemSchema>;

/** Titles that say what did not happen to the reader's comment (not posted, changes not saved). */
const COMMENT_TITLES: ReadonlySet<MessageKey> = new Set(['title.validation', 'title.editNotSaved']);

/** A comment's own failures say what did not happen to it; other forms (flags, reactions, the moderators' and the operator's) say what was sent is not valid. */
const validationTitle = (error: AppError): MessageKey => (COMMENT_TITLES.has(error.messageKey) ? error.messageKey : 'title.invalidInput');

/** Renders an AppError as a problem document in the reader's language. */
function toProblem(error: AppError, lang: Lang): Problem {
  const status = statusOf[error.code];
  const fieldErrors = error.options.fieldErrors;
  return {
    type: `urn:majlis:problem:${error.code}`,
    title: translate(lang, status === 422 ? validationTitle(error) : status === 428 ? 'title.challenge' : 'title.error'),
    status,
    detail: translate(lang, error.messageKey, error.options.params),
    code: error.code,
    ...(fieldErrors
      ? { errors: fieldErrors.map((e) => ({ field: e.field, code: e.code, message: translate(lang, e.message, e.params) })) }
      : {}),
    ...(error.options.challenge ? { challenge: error.options.challenge as Problem['challenge'] } : {}),
  };
}

/** Maps body-parser failures (malformed JSON, too large, bad charset) to our error codes. */
function fromBodyParser(error: unknown): AppError | null {
  if (typeof error !== 'object' || error === null || !('type' in error)) return null;
  switch ((error as { type: unknown }).type) {
    case 'entity.parse.failed':
    case 'request.aborted':
    case 'request.size.invalid':
    case 'parameters.too.many':
      return new AppError('malformed_request', 'request.malformed');
    case 'entity.too.large':
      return new AppError('payload_too_large', 'request.tooLarge');
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new AppError('unsupported_media_type', 'request.unsupportedType');
    default:
      return null;
  }
}

/**
 * Maps the other errors Express's own layers raise for a bad request (they carry a 4xx `status`): a path parameter
 * that cannot be percent-decoded (the router's URIError), a body whose Content-Encoding does not match its bytes
 * (zlib's, through body-parser). Their messages repeat what the client sent (an address in a path, say), so they are
 * answered, not logged.
 */
function fromClientStatus(error: unknown): AppError | null {
  if (typeof error !== 'object' || error === null) return null;
  const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
  const clientStatus = typeof status === 'number' ? status : statusCode;
  if (typeof clientStatus !== 'number' || clientStatus < 400 || clientStatus > 499) return null;
  if (clientStatus === 404) return new AppError('not_found', 'request.notFound');
  if (clientStatus === 413) return new AppError('payload_too_large', 'request.tooLarge');
  if (clientStatus === 415) return new AppError('unsupported_media_type', 'request.unsupportedType');
  if (error instanceof URIError) return new AppError('malformed_request', 'request.malformedPath');
  return new AppError('malformed_request', 'request.malformed');
}

/** Renders an error for a browser form post instead of JSON; returns false when it does not apply. */
export type HtmlErrorRenderer = (req: Request, res: Response, problem: Problem, lang: Lang) => boolean;

/** The challenge of every 401. */
export const AUTHENTICATE_CHALLENGE = 'Bearer realm="majlis"';

/** Seconds a client is asked to wait when the database cannot answer for now. */
const STORAGE_RETRY_AFTER_SECONDS = 5;

/**
 * The one error middleware: every failure becomes a problem document (or a page for form posts). `storageUnavailable`
 * looks at each failure nobody expected and says whether the database cannot answer for now (503, not 500).
 */
export function problemHandler(logger: Logger, renderHtml?: HtmlErrorRenderer, storageUnavailable?: (error: unknown) => boolean): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const appError = error instanceof AppError ? error : (fromBodyParser(error) ?? fromClientStatus(error));
    const log = req.log ?? logger;
    const unavailable = !appError && storageUnavailable?.(error) === true;
    if (!appError) log.error({ err: error }, unavailable ? 'the database cannot answer' : 'unhandled error');
    // "Your text is not lost" is said to a reader who sent some; a failed read only asks to try again.
    const read = req.method === 'GET' || req.method === 'HEAD';
    const known =
      appError ??
      (unavailable
        ? new AppError('unavailable', read ? 'unavailable.read' : 'unavailable', { retryAfterSeconds: STORAGE_RETRY_AFTER_SECONDS })
        : new AppError('internal', read ? 'internal.read' : 'internal'));
    const lang = requestLang(req);
    const problem = toProblem(known, lang);
    if (res.headersSent) {
      // A response under way (a streamed export) cannot become a problem document: cut it, so the
      // client sees a failed download rather than waiting forever for the rest.
      if (!res.writableEnded) res.destroy();
      return;
    }
    if (known.options.retryAfterSeconds !== undefined) res.set('Retry-After', String(known.options.retryAfterSeconds));
    // RFC 9110 asks every 401 to say how to authenticate: a bearer token (a moderator's session or a reader's sign-in).
    if (problem.status === 401) res.set('WWW-Authenticate', AUTHENTICATE_CHALLENGE);
    res.set('Cache-Control', 'no-store');
    if (renderHtml?.(req, res, problem, lang)) return;
    res.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  };
}

/**
 * Answers every request no router took: 405 with `Allow` when `allowedMethods` knows the path under other methods
 * (a GET also answers HEAD), else 404.
 */
export function notFoundHandler(allowedMethods: (path: string) => readonly string[] = () => []): RequestHandler {
  return (req, res) => {
    const allowed = req.method === 'OPTIONS' ? [] : allowedMethods(req.path);
    if (allowed.length > 0 && !allowed.includes(req.method)) {
      res.set('Allow', (allowed.includes('GET') ? [...allowed, 'HEAD'] : allowed).join(', '));
      throw new AppError('method_not_allowed', 'request.methodNotAllowed', { params: { method: req.method } });
    }
    throw new AppError('not_found', 'request.notFound');
  };
}
