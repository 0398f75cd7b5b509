import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppDeps } from '../../src/app.js';
import { unitsSettled } from '../../src/db/unit-of-work.js';
import { setPolicy } from '../factories.js';
import { createTestContext, type TestContext } from './app.js';

/** The app listening on an ephemeral port over its own test database. */
export interface LiveApp {
  ctx: TestContext;
  origin: string;
  close(): Promise<void>;
}

/** Starts the app on 127.0.0.1 with a fresh database (and any extra dependencies), for a real browser or socket to talk to. */
export async function startApp(env: Record<string, string> = {}, deps?: Partial<AppDeps>): Promise<LiveApp> {
  const ctx = await createTestContext(env, deps);
  // The clock stands still in these tests, so a form ticket always reads 0 s since the form was shown:
  // the timing rule is off here unless a test about it turns it on (and moves the clock).
  await setPolicy(ctx, { minSecondsToPost: 0 });
  const answering = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    answering.add(res);
    ctx.app(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ctx,
    origin: `http://127.0.0.1:${port}`,
    async close() {
      // The handlers under way finish before the database goes: a page closed or a browser quitting hangs up on a
      // request (a widget's sign-in, say) whose handler still runs against the database, as main.ts's shutdown lets it.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      try {
        await handlersFinished(answering);
      } finally {
        server.closeAllConnections();
        await closed;
        await unitsSettled(ctx.db);
        await ctx.close();
      }
    },
  };
}

/** How long a test app's close waits for its handlers: far longer than any handler takes, short enough to report a hung one. */
const HANDLERS_FINISH_MS = 5_000;

/**
 * Resolves once every response has been ended by its handler, even one whose client hung up; an event stream counts
 * as finished once open (it ends when its connection is closed). Throws if one is still running after HANDLERS_FINISH_MS.
 */
async function handlersFinished(answering: Set<ServerResponse>): Promise<void> {
  const giveUpAt = performance.now() + HANDLERS_FINISH_MS;
  for (;;) {
    for (const res of answering) {
      if (res.writableEnded || String(res.getHeader('Content-Type')).startsWith('text/event-stream')) answering.delete(res);
    }
    if (answering.size === 0) return;
    if (performance.now() > giveUpAt) throw new Error(`${answering.size} request handler(s) still running after ${HANDLERS_FINISH_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
