import { Router } from 'express';
import type { Config } from '../config/config.js';
import { parseInput } from '../http/validate.js';
import { clientKey } from '../shared/client-network.js';
import { AppError } from '../shared/errors.js';
import { threadParamsSchema } from '../threads/thread.schemas.js';
import type { LiveClient, LiveHub } from './live-hub.js';

/** How long an ended stream may take to close before its socket is destroyed. */
const ENDED_STREAM_GRACE_MS = 5000;

const STREAM_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-store, no-transform',
  // nginx buffers responses unless told not to; other buffering proxies make the widget poll.
  'X-Accel-Buffering': 'no',
};

/**
 * GET /threads/{threadKey}/events: the thread's live updates as Server-Sent Events. The stream
 * opens with `ready` (a widget that never sees it, behind a buffering proxy, polls instead) and
 * ends after LIVE_MAX_CONNECTION_SECONDS, so a forgotten tab does not hold a connection for ever.
 */
export function liveRoutes(live: LiveHub, config: Config): Router {
  const router = Router();
  router.get('/api/v1/threads/:threadKey/events', (req, res) => {
    const { threadKey } = parseInput(threadParamsSchema, req.params, { code: 'invalid_thread_key', message: 'threadKey.invalid' });
    // A HEAD asks for the headers alone: it gets them at once, and holds no place a stream would.
    if (req.method === 'HEAD') {
      res.writeHead(200, STREAM_HEADERS).end();
      return;
    }
    const client: LiveClient = {
      address: clientKey(config.SECRET, req.ip, config.RATE_LIMIT_IPV6_PREFIX),
      write: (text) => res.write(text),
      get buffered() {
        return res.writableLength;
      },
      end: () => res.end(),
      // A reader far behind may not be reading at all: its socket goes, with whatever it had not taken.
      drop: () => res.destroy(),
    };
    const refusal = live.attach(threadKey, client);
    if (refusal === 'busy') throw new AppError('live_unavailable', 'live.busy', { retryAfterSeconds: 30 });
    if (refusal === 'address_busy') throw new AppError('rate_limited', 'live.tooManyStreams', { retryAfterSeconds: 30 });
    res.writeHead(200, STREAM_HEADERS);
    res.write(`retry: 5000\nevent: ready\ndata: {}\n\n`);
    // At the end of its lifetime the stream ends; a reader that does not take the end within a few seconds is dropped.
    const lifetime = setTimeout(() => {
      res.end();
      setTimeout(() => res.destroy(), ENDED_STREAM_GRACE_MS).unref();
    }, config.LIVE_MAX_CONNECTION_SECONDS * 1000);
    lifetime.unref();
    res.on('close', () => {
      clearTimeout(lifetime);
      live.detach(threadKey, client);
    });
  });
  return router;
}
