import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppDeps } from '../../src/app.js';
import { unitsSettled } from '../../src/db/unit-of-work.js';
import { trackHandlers } from '../../src/http/handlers-in-flight.js';
import { setPolicy } from '../factories.js';
import { createTestContext, type TestContext } from './app.js';

/** The app listening on an ephemeral port over its own test database. */
export interface LiveApp {
  ctx: TestContext;
  origin: string;
  close(): Promise<void>;
}

/** How long a test app's close waits for its handlers: far longer than any handler takes, short enough to report a hung one. */
const HANDLERS_FINISH_MS = 5_000;

/** Starts the app on 127.0.0.1 with a fresh database (and any extra dependencies), for a real browser or socket to talk to. */
export async function startApp(env: Record<string, string> = {}, deps?: Partial<AppDeps>): Promise<LiveApp> {
  const ctx = await createTestContext(env, deps);
  // The clock stands still in these tests, so a form ticket always reads 0 s since the form was shown:
  // the timing rule is off here unless a test about it turns it on (and moves the clock).
  await setPolicy(ctx, { minSecondsToPost: 0 });
  const server: Server = createServer(ctx.app);
  const handlers = trackHandlers(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ctx,
    origin: `http://127.0.0.1:${port}`,
    async close() {
      // The handlers under way finish before the database goes: a page closed or a browser quitting hangs up on a
      // request (a widget's sign-in, say) whose handler still runs against the database, as main.ts's shutdown waits for them.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      try {
        const running = await handlers.finished(HANDLERS_FINISH_MS);
        if (running > 0) throw new Error(`${running} request handler(s) still running after ${HANDLERS_FINISH_MS} ms`);
      } finally {
        server.closeAllConnections();
        await closed;
        await unitsSettled(ctx.db);
        await ctx.close();
      }
    },
  };
}
