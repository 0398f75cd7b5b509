import { isUtf8 as isUtf8Bytes } from 'node:buffer';
import express, { type RequestHandler } from 'express';
import { AppError } from '../shared/errors.js';

/**
 * JSON's bytes must be UTF-8 as its type says: decoded anyway, every invalid byte became U+FFFD and was stored so,
 * the reader's text silently changed. Refused instead, as JSON in another charset is (415), with nothing stored.
 */
function refuseInvalidUtf8(_req: unknown, _res: unknown, bytes: Buffer): void {
  if (!isUtf8Bytes(bytes)) throw new AppError('unsupported_media_type', 'request.unsupportedType');
}

/** Parsers for the two body types the API accepts, with one size limit. */
export function bodyParsers(limitBytes: number): RequestHandler[] {
  return [
    express.json({ limit: limitBytes, strict: false, type: ['application/json', 'application/*+json'], verify: refuseInvalidUtf8 }),
    express.urlencoded({ limit: limitBytes, extended: false, parameterLimit: 100 }),
  ];
}

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)/i;

/**
 * JSON is UTF-8 (RFC 8259): body-parser would decode a UTF-16 or UTF-32 one, then fail to parse it (a 400 that should
 * be a 415). Forms keep body-parser's charsets: a form posted in an older page's encoding is still read.
 */
function isUtf8(contentType: string | undefined): boolean {
  const charset = CHARSET.exec(contentType ?? '')?.[1]?.toLowerCase();
  return charset === undefined || charset === 'utf-8' || charset === 'utf8';
}

/** Answers 415 to a request that carries a body of any other type, or JSON in a charset other than UTF-8. */
export const requireSupportedBody: RequestHandler = (req, _res, next) => {
  const hasBody = req.get('transfer-encoding') !== undefined || Number(req.get('content-length') ?? 0) > 0;
  const json = req.is(['application/json', 'application/*+json']);
  if (hasBody && (json ? !isUtf8(req.get('content-type')) : !req.is('application/x-www-form-urlencoded'))) {
    throw new AppError('unsupported_media_type', 'request.unsupportedType');
  }
  next();
};
