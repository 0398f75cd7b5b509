import type { IncomingMessage, ServerResponse } from 'node:http';
import { negotiateCoding, type EncodedBody } from './content-coding.js';
import { endWith, type HeaderTarget } from './header-lines.js';

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
export function varyOnEncoding(head: HeaderTarget): void {
  const current = head.getHeader('Vary');
  if (current === undefined) head.setHeader('Vary', 'Accept-Encoding');
  else if (!/\baccept-encoding\b/i.test(String(current))) head.setHeader('Vary', `${String(current)}, Accept-Encoding`);
}

/**
 * Sends a body compressed ahead of time in the coding the request prefers, with that
 * representation's own ETag; answers 304 when the client already has it. Does no compression:
 * the bytes were made once, at build, start or when the page was cached. Headers go to `head`, the
 * response itself unless the caller gathers them.
 */
export function sendEncoded(req: IncomingMessage, res: ServerResponse, encoded: EncodedBody, contentType: string, head: HeaderTarget = res): void {
  const coding = negotiateCoding(req.headers['accept-encoding']);
  const chosen = (coding && encoded[coding]) || encoded.identity;
  varyOnEncoding(head);
  head.setHeader('ETag', chosen.etag);
  if (matchesEtag(req.headers['if-none-match'], chosen.etag)) {
    endWith(res, head, 304);
    return;
  }
  head.setHeader('Content-Type', contentType);
  if (chosen !== encoded.identity && coding) head.setHeader('Content-Encoding', coding);
  head.setHeader('Content-Length', chosen.body.length);
  endWith(res, head, res.statusCode, req.method === 'HEAD' ? undefined : chosen.body);
}
