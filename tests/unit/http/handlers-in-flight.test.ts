// What a shutdown waits for before it closes the database: every handler, including one whose client hung up (whose
// connection, and so server.close(), is done before the handler is).
import assert from 'node:assert/strict';
import { createServer, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { trackHandlers } from '../../../src/http/handlers-in-flight.js';

/** A server whose handlers wait until the test ends them (`held`); `send` resolves once the server has the request. */
async function heldServer() {
  const held: ServerResponse[] = [];
  let arrive = (_res: ServerResponse) => {};
  const server = createServer((req, res) => {
    if (req.url === '/stream') {
      // As the live route's, whose security headers were set before: writeHead then keeps every header readable.
      res.setHeader('Content-Type', 'text/event-stream');
      res.write(': open\n\n');
    } else if (req.url === '/quick') res.end('done');
    else held.push(res);
    arrive(res);
  });
  const handlers = trackHandlers(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const send = (path: string) =>
    new Promise<{ hangUp(): void }>((resolve) => {
      arrive = () => resolve({ hangUp: () => req.destroy() });
      const req = request({ host: '127.0.0.1', port, path });
      req.on('error', () => {});
      req.end();
    });
  return { server, handlers, held, send };
}

describe('handlers in flight (src/http/handlers-in-flight.ts)', () => {
  const servers: Array<{ closeAllConnections(): void; close(): void }> = [];
  after(() => servers.forEach((server) => (server.closeAllConnections(), server.close())));

  it('waits for a handler whose client hung up, after the server has closed', async () => {
    const { server, handlers, held, send } = await heldServer();
    servers.push(server);
    const { hangUp } = await send('/slow');
    hangUp();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    // The connection is gone, the handler is not.
    assert.equal(await handlers.finished(30), 1);
    setTimeout(() => held[0]?.end('late'), 30);
    assert.equal(await handlers.finished(2_000), 0);
  });

  it('counts answered requests and open event streams as ended', async () => {
    const { server, handlers, send } = await heldServer();
    servers.push(server);
    await send('/quick');
    await send('/stream');
    assert.equal(await handlers.finished(0), 0);
  });
});
