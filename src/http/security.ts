import type { RequestHandler } from 'express';
import { CSP } from './csp.js';

const HEADERS: ReadonlyArray<[string, string]> = [
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  // The API and the widget are meant to be used from other sites.
  ['Cross-Origin-Resource-Policy', 'cross-origin'],
  ['Content-Security-Policy', CSP.api],
  ['X-Frame-Options', 'DENY'],
];

/** Headers for every response; pages replace the Content-Security-Policy with their own. */
export const securityHeaders: RequestHandler = (req, res, next) => {
  for (const [name, value] of HEADERS) res.setHeader(name, value);
  if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000');
  next();
};

/** CORS for the sites in ALLOWED_ORIGINS (`*` allows any); answers preflight requests itself. */
export function cors(allowedOrigins: readonly string[]): RequestHandler {
  const any = allowedOrigins.includes('*');
  const allowed = new Set(allowedOrigins);
  const varies = allowedOrigins.length > 0;
  return (req, res, next) => {
    // Responses differ by Origin only when some origin is allowed.
    if (varies) res.setHeader('Vary', 'Origin');
    const origin = req.headers.origin;
    if (origin && (any || allowed.has(origin))) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Expose-Headers', 'ETag, Retry-After, X-Request-Id');
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PATCH, DELETE');
        res.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Edit-Token, Authorization, Accept-Language, If-None-Match');
        res.setHeader('Access-Control-Max-Age', '600');
      }
    }
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next();
  };
}
