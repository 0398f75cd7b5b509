import { Router } from 'express';
import { loadWidgetBundle } from './bundle.js';

/** Serves GET /embed.js: cacheable for a day (revalidated by ETag), loadable from any site. */
export function widgetRoutes(): Router {
  const router = Router();
  router.get('/embed.js', async (req, res) => {
    const bundle = await loadWidgetBundle();
    res.set({
      'Content-Type': 'application/javascript; charset=utf-8',
      // Not versioned in the URL, so not immutable: a day fresh, a week stale while revalidating.
      'Cache-Control': 'public, max-age=86400, stale-while-revalidate=604800',
      ETag: bundle.etag,
    });
    if (req.get('if-none-match')?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bundle.etag)) {
      res.status(304).end();
      return;
    }
    res.send(bundle.code);
  });
  return router;
}
