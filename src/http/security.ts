import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { CSP } from './csp.js';
import type { HeaderTarget } from './header-lines.js';

const HEADERS: ReadonlyArray<[string, string]> = [
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  // The API and the widget are meant to be used from other sites.
  ['Cross-Origin-Resource-Policy', 'cross-origin'],
  ['Content-Security-Policy', CSP.api],
  ['X-Frame-Options', 'DENY'],
];

/** Express's compiled `trust proxy` setting (`app.get('trust proxy fn')`): whether the hop at this address is a trusted proxy. */
export type TrustProxy = (address: string | undefined, hop: number) => boolean;

/**
 * Express's `req.secure` (5.x `req.protocol`), read from the node request so that a request answered
 * before Express's router is judged as one Express answers: TLS on the socket, or the first value of
 * `X-Forwarded-Proto` when the socket's peer is a trusted proxy.
 */
function isSecure(req: IncomingMessage, trustProxy: TrustProxy): boolean {
  const socketProto = (req.socket as { encrypted?: boolean }).encrypted ? 'https' : 'http';
  if (!trustProxy(req.socket.remoteAddress, 0)) return socketProto === 'https';
  const forwarded = req.headers['x-forwarded-proto'];
  const header = (typeof forwarded === 'string' && forwarded) || socketProto;
  return header.split(',', 1)[0]?.trim() === 'https';
}

/**
 * Writes the headers every response has; pages replace the Content-Security-Policy with their own.
 * The one function for the app's middleware and for answers given before its router.
 */
export function securityHeaders(trustProxy: TrustProxy): (req: IncomingMessage, head: HeaderTarget) => void {
  return (req, head) => {
    for (const [name, value] of HEADERS) head.setHeader(name, value);
    if (isSecure(req, trustProxy)) head.setHeader('Strict-Transport-Security', 'max-age=31536000');
  };
}

/**
 * CORS headers for the sites in ALLOWED_ORIGINS (`*` allows any), preflight ones included; the one
 * function for the app's middleware and for answers given before its router. See answerPreflight.
 */
export function corsHeaders(allowedOrigins: readonly string[]): (req: IncomingMessage, head: HeaderTarget) => void {
  const any = allowedOrigins.includes('*');
  const allowed = new Set(allowedOrigins);
  const varies = allowedOrigins.length > 0;
  return (req, head) => {
    // Responses differ by Origin only when some origin is allowed.
    if (varies) head.setHeader('Vary', 'Origin');
    const origin = req.headers.origin;
    if (origin && (any || allowed.has(origin))) {
      head.setHeader('Access-Control-Allow-Origin', origin);
      head.setHeader('Access-Control-Expose-Headers', 'ETag, Retry-After, X-Request-Id');
      if (req.method === 'OPTIONS') {
        head.setHeader('Access-Control-Allow-Methods', 'GET, POST, PATCH, DELETE');
        head.setHeader('Access-Control-Allow-Headers', 'Content-Type, X-Edit-Token, Authorization, Accept-Language, If-None-Match');
        head.setHeader('Access-Control-Max-Age', '600');
      }
    }
  };
}

/** Answers every preflight (OPTIONS) request itself, after corsHeaders wrote its headers. */
export const answerPreflight: RequestHandler = (req, res, next) => {
  if (req.method === 'OPTIONS') {
    res.status(204).end();
    return;
  }
  next();
};
