import { Router } from 'express';
import { sendEncoded } from '../http/encoded-response.js';
import { loadWidgetBundle } from './bundle.js';

/** Serves GET /embed.js: compressed ahead of time, cacheable for a day (revalidated by ETag), loadable from any site. */
export function widgetRoutes(): Router {
  const router = Router();
  router.get('/embed.js', async (req, res) => {
    const bundle = await loadWidgetBundle();
    // Not versioned in the URL, so not immutable: a day fresh, a week stale while revalidating.
    res.setHeader('Cache-Control', 'public, max-age=86400, stale-while-revalidate=604800');
    sendEncoded(req, res, bundle, 'application/javascript; charset=utf-8');
  });
  return router;
}
