import { Router } from 'express';
import { keyedHash } from '../shared/crypto.js';
import { escapeHtml } from '../shared/html.js';

const HASH = /^[A-Za-z0-9_-]{16}$/;

/** The avatar URL of an author: a keyed hash, so the URL reveals nothing about the email. */
export function avatarUrlFactory(secret: string, publicUrl: string | undefined): (authorKey: string) => string {
  const base = publicUrl ? publicUrl.replace(/\/$/, '') : '';
  return (authorKey) => `${base}/avatars/${keyedHash(secret, 'avatar', authorKey).slice(0, 16)}.svg`;
}

/** A symmetric 5x5 identicon drawn from the hash: no third-party avatar service sees our readers. */
function identiconSvg(hash: string): string {
  const bytes = Buffer.from(hash, 'base64url');
  const hue = ((bytes[0] ?? 0) * 256 + (bytes[1] ?? 0)) % 360;
  const cells: string[] = [];
  for (let row = 0; row < 5; row += 1) {
    for (let col = 0; col < 3; col += 1) {
      const on = ((bytes[2 + row] ?? 0) >> col) & 1;
      if (!on) continue;
      for (const x of new Set([col, 4 - col])) cells.push(`<rect x="${x + 1}" y="${row + 1}" width="1" height="1"/>`);
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 7 7" role="img" aria-label="${escapeHtml('avatar')}"><rect width="7" height="7" fill="hsl(${hue} 40% 92%)"/><g fill="hsl(${hue} 55% 42%)">${cells.join('')}</g></svg>`;
}

/** Serves generated avatars; they never change, so browsers and CDNs may keep them for a year. */
export function avatarRoutes(): Router {
  const router = Router();
  router.get('/avatars/:file', (req, res, next) => {
    const hash = req.params.file.replace(/\.svg$/, '');
    if (!req.params.file.endsWith('.svg') || !HASH.test(hash)) return next();
    res.set({ 'Cache-Control': 'public, max-age=31536000, immutable' }).type('image/svg+xml').send(identiconSvg(hash));
  });
  return router;
}
