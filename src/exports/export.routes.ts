import { once } from 'node:events';
import { Router } from 'express';
import { requireModerator } from '../moderators/moderator.guard.js';
import type { AuthDeps } from '../moderators/auth.service.js';
import { exportLines } from './export.service.js';

/** GET /moderation/export: the whole site as streamed JSON Lines, for admins. */
export function exportRoutes(deps: AuthDeps & { secret: string }): Router {
  const router = Router();
  router.get('/moderation/export', requireModerator(deps, ['admin']), async (_req, res) => {
    res.status(200).set({ 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Disposition': 'attachment; filename="majlis-export.ndjson"' });
    // An admin who hangs up ends the export: a wait for 'drain' would otherwise never end, and hold the reader for ever.
    const hungUp = new AbortController();
    res.on('close', () => hungUp.abort());
    try {
      for await (const line of exportLines(deps.db, deps.secret)) {
        if (hungUp.signal.aborted) break;
        // Respect backpressure so a slow client does not make us buffer the whole site.
        if (!res.write(line)) await once(res, 'drain', { signal: hungUp.signal });
      }
    } catch (error) {
      if (!hungUp.signal.aborted) throw error;
    }
    res.end();
  });
  return router;
}
