// What the benches share to drive a bench server child (bench/server.ts): load through autocannon, and the
// server's own resident memory and CPU time, which it reports when asked.
import type { ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';

/** One autocannon run. */
export function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** The resident memory of the bench server in MB, as it reports it. */
export function rssMbOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (message) => resolve((message as { rssBytes: number }).rssBytes / 1e6));
    child.send('rss');
  });
}

/** CPU time the bench server used since the last time it was asked, in ms. */
export function cpuMsOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (message) => resolve((message as { cpuMs: number }).cpuMs));
    child.send('cpu');
  });
}
