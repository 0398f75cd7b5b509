import type { IncomingMessage, ServerResponse } from 'node:http';
import { negotiateCoding, type EncodedBody } from './content-coding.js';

/** True when If-None-Match names this entity tag (weak comparison, as RFC 9110 §13.1.2 asks) or is `*`. */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => {
    const candidate = tag.trim();
    return candidate === '*' || candidate.replace(/^W\//, '') === bare;
  });
}

/** Adds Accept-Encoding to Vary, keeping what is there (CORS may have set `Vary: Origin`). */
export function varyOnEncoding(res: ServerResponse): void {
  const current = res.getHeader('Vary');
  if (current === undefined) res.setHeader('Vary', 'Accept-Encoding');
  else if (!/\baccept-encoding\b/i.test(String(current))) res.setHeader('Vary', `${String(current)}, Accept-Encoding`);
}

/**
 * Sends a body compressed ahead of time in the coding the request prefers, with that
 * representation's own ETag; answers 304 when the client already has it. Does no compression:
 * the bytes were made once, at build, start or when the page was cached.
 */
export function sendEncoded(req: IncomingMessage, res: ServerResponse, encoded: EncodedBody, contentType: string): void {
  const coding = negotiateCoding(req.headers['accept-encoding']);
  const chosen = (coding && encoded[coding]) || encoded.identity;
  varyOnEncoding(res);
  res.setHeader('ETag', chosen.etag);
  if (matchesEtag(req.headers['if-none-match'], chosen.etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.setHeader('Content-Type', contentType);
  if (chosen !== encoded.identity && coding) res.setHeader('Content-Encoding', coding);
  res.setHeader('Content-Length', chosen.body.length);
  res.end(req.method === 'HEAD' ? undefined : chosen.body);
}
