import { Router } from 'express';
import { sendEncoded } from '../http/encoded-response.js';
import { loadWidgetBundle, loadWidgetExtrasBundle } from './bundle.js';

/**
 * Serves GET /embed.js and GET /embed-extras.js (what embed.js loads on demand): compressed ahead of
 * time, cacheable for a day (revalidated by ETag), loadable from any site.
 */
export function widgetRoutes(): Router {
  const router = Router();
  for (const [path, load] of [['/embed.js', loadWidgetBundle], ['/embed-extras.js', loadWidgetExtrasBundle]] as const) {
    router.get(path, async (req, res) => {
      const bundle = await load();
      // Not versioned in the URL, so not immutable: a day fresh, a week stale while revalidating.
      res.setHeader('Cache-Control', 'public, max-age=86400, stale-while-revalidate=604800');
      sendEncoded(req, res, bundle, 'application/javascript; charset=utf-8');
    });
  }
  return router;
}
