import type { Request, RequestHandler } from 'express';
import { AppError } from '../shared/errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What decides whether a browser request comes from a site allowed to act. */
export interface RequestSiteOptions {
  allowedOrigins: readonly string[];
  publicUrl: string | undefined;
}

/** This service's own origin: PUBLIC_URL's, else the one the request was sent to. */
export function ownOrigin(req: Request, publicUrl: string | undefined): string {
  return publicUrl ? new URL(publicUrl).origin : `${req.protocol}://${req.get('host') ?? ''}`;
}

/**
 * Refuses state-changing requests a browser sent on behalf of a site that is not allowed to act:
 * a hostile page that visitors open must not post, flag, edit, sign in (and so lock accounts) or
 * unsubscribe in their name. Browsers say where a request comes from: `Sec-Fetch-Site` (same-origin
 * and none, a typed URL or bookmark, pass) and `Origin`, which must be this service's own origin or
 * one of ALLOWED_ORIGINS. `Origin: null` (a sandboxed frame, a data: page) and a cross-site fetch
 * without an Origin are refused. A request with neither header is not from a browser page (curl, a
 * CMS server, a mail client's RFC 8058 one-click POST) and cannot be forged by one, so it passes.
 */
export function requireAllowedSite(options: RequestSiteOptions): RequestHandler {
  const any = options.allowedOrigins.includes('*');
  const allowed = new Set(options.allowedOrigins);
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const site = req.get('sec-fetch-site');
    if (site === 'same-origin' || site === 'none') return next();
    const origin = req.get('origin');
    if (origin !== undefined && origin !== 'null') {
      if (any || allowed.has(origin) || origin === ownOrigin(req, options.publicUrl)) return next();
      throw new AppError('forbidden', 'request.crossSite');
    }
    if (origin === 'null' || site === 'cross-site' || site === 'same-site') throw new AppError('forbidden', 'request.crossSite');
    next();
  };
}
