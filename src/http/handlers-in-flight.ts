import type { Server, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/** The handlers a server has not seen end, so that a shutdown can wait for them before it closes the database. */
export interface HandlersInFlight {
  /**
   * Resolves once every handler has ended its response, or after `withinMs`, to the number still running. A handler
   * whose client hung up runs on after its connection closed (and after `server.close()` called back); an event
   * stream counts as ended once open, since it ends only when its connection is closed.
   */
  finished(withinMs: number): Promise<number>;
}

/** How often a shutdown looks again: a response whose client hung up says it was ended (`writableEnded`) but emits nothing. */
const LOOK_EVERY_MS = 10;

const hasEnded = (res: ServerResponse) => res.writableEnded || String(res.getHeader('Content-Type')).startsWith('text/event-stream');

function dropEnded(answering: Set<ServerResponse>): void {
  for (const res of answering) if (hasEnded(res)) answering.delete(res);
}

/** Follows every request `server` takes from now on. */
export function trackHandlers(server: Server): HandlersInFlight {
  const answering = new Set<ServerResponse>();
  // One listener for every response (no closure per request): a response closes when it ends or when its client hangs up.
  function onClose(this: ServerResponse) {
    if (this.writableEnded) answering.delete(this);
    // Its client hung up and its handler runs on, to end it unseen: it stays until a look finds it ended. This look
    // drops the earlier ones that have ended since, so hung-up handlers that have ended do not pile up.
    else dropEnded(answering);
  }
  server.on('request', (_req, res: ServerResponse) => {
    answering.add(res);
    res.on('close', onClose);
  });
  return {
    async finished(withinMs) {
      const giveUpAt = performance.now() + withinMs;
      for (;;) {
        dropEnded(answering);
        if (answering.size === 0 || performance.now() > giveUpAt) return answering.size;
        await sleep(LOOK_EVERY_MS);
      }
    },
  };
}
