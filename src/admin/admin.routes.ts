import { Router, type Request, type Response } from 'express';
import { staticAsset } from '../browser/bundler.js';
import type { EncodedBody } from '../http/content-coding.js';
import { CSP } from '../http/csp.js';
import { sendEncoded } from '../http/encoded-response.js';
import { ADMIN_CSS } from './admin-style.js';
import { ADMIN_SHELL } from './admin-shell.js';
import { loadAdminBundle } from './bundle.js';


// Compressed once, when the module loads.
const shell = staticAsset(ADMIN_SHELL);
const css = staticAsset(ADMIN_CSS);

function send(req: Request, res: Response, asset: EncodedBody, type: string): void {
  res.set({
    'Content-Security-Policy': CSP.dashboard,
    // Not versioned in the URL: browsers revalidate by ETag every time, so a deploy shows at once.
    'Cache-Control': 'no-cache',
    'Referrer-Policy': 'no-referrer',
    // Unlike the widget, nothing here is meant to be loaded by other sites.
    'Cross-Origin-Resource-Policy': 'same-origin',
  });
  sendEncoded(req, res, asset, type);
}

/** Serves the moderator dashboard: the shell at /admin, its script and its stylesheet. */
export function adminRoutes(): Router {
  const router = Router();
  router.get(['/admin', '/admin/'], (req, res) => send(req, res, shell, 'text/html; charset=utf-8'));
  router.get('/admin/admin.css', (req, res) => send(req, res, css, 'text/css; charset=utf-8'));
  router.get('/admin/app.js', async (req, res) => send(req, res, await loadAdminBundle(), 'application/javascript; charset=utf-8'));
  return router;
}
