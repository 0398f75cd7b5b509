import type { RequestHandler, Response } from 'express';
import { COMPRESS_MIN_BYTES, compressOnce, codedEtag, negotiateCoding } from './content-coding.js';
import { varyOnEncoding } from './encoded-response.js';

/** Text worth compressing: JSON (problem documents too), HTML, JavaScript, CSS, SVG. Never event streams. */
const COMPRESSIBLE = /^(?:text\/(?:html|css|plain|javascript)|application\/(?:json|javascript|[\w.-]+\+json)|image\/svg\+xml)\s*(?:;|$)/i;

/**
 * Compresses what routes send whole with res.send / res.json (pages, API answers, problem
 * documents) in the coding the request prefers, once, as it is sent. Bodies made ahead of time
 * (thread pages, bundles) go through sendEncoded and never reach this; streamed responses (exports,
 * event streams) do not use res.send and are left alone, as is anything already content-coded or
 * marked no-transform. See docs/decisions/0005-compression.md.
 */
export const compressResponses: RequestHandler = (req, res, next) => {
  const send = res.send;
  res.send = function sendCompressed(this: Response, body?: unknown) {
    if (typeof body !== 'string' && !Buffer.isBuffer(body)) return send.call(this, body);
    // Express would make an untyped string HTML on its way out; decide on the same type here.
    if (typeof body === 'string' && !this.get('Content-Type')) this.type('html');
    const type = this.get('Content-Type') ?? '';
    if (!COMPRESSIBLE.test(type)) return send.call(this, body);
    varyOnEncoding(this);
    const coding = negotiateCoding(req.headers['accept-encoding']);
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const skip =
      coding === null ||
      (typeof body === 'string' && /charset=(?!"?utf-8)/i.test(type)) ||
      bytes.length < COMPRESS_MIN_BYTES ||
      this.statusCode === 204 ||
      this.statusCode === 304 ||
      this.get('Content-Encoding') !== undefined ||
      /\bno-transform\b/i.test(this.get('Cache-Control') ?? '');
    if (skip) return send.call(this, body);
    const compressed = compressOnce(bytes, coding);
    if (compressed.length >= bytes.length) return send.call(this, body);
    // Sent as bytes now, so the charset Express adds to strings is added here.
    if (typeof body === 'string' && !/charset=/i.test(type)) this.set('Content-Type', `${type}; charset=utf-8`);
    const etag = this.get('ETag');
    if (etag) this.set('ETag', codedEtag(etag, coding));
    this.set('Content-Encoding', coding);
    return send.call(this, compressed);
  };
  next();
};
