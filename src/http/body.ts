import express, { type RequestHandler } from 'express';
import { AppError } from '../shared/errors.js';

/** Parsers for the two body types the API accepts, with one size limit. */
export function bodyParsers(limitBytes: number): RequestHandler[] {
  return [
    express.json({ limit: limitBytes, strict: false, type: ['application/json', 'application/*+json'] }),
    express.urlencoded({ limit: limitBytes, extended: false, parameterLimit: 100 }),
  ];
}

/** Answers 415 to a request that carries a body of any other type. */
export const requireSupportedBody: RequestHandler = (req, _res, next) => {
  const hasBody = req.get('transfer-encoding') !== undefined || Number(req.get('content-length') ?? 0) > 0;
  if (hasBody && !req.is(['application/json', 'application/*+json', 'application/x-www-form-urlencoded'])) {
    throw new AppError('unsupported_media_type', 'request.unsupportedType');
  }
  next();
};
