import { fork } from 'node:child_process';
import autocannon from 'autocannon';
import { benchPostBody } from './seed.js';

interface Ports {
  majlis: number;
  ceiling: number;
  thread: string;
  bytes: number;
}

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** Reads and posts against Majlis on SQLite, next to a bare Express route serving the same bytes. */
export async function benchHttp(seconds: number) {
  const child = fork(new URL('./server.ts', import.meta.url).pathname, [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  try {
    const ports = await new Promise<Ports>((resolve, reject) => {
      child.once('message', (message) => resolve(message as Ports));
      child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    });
    const connections = 50;
    const read = (url: string) => run({ url, connections, duration: seconds });
    // Warm both, then measure in the order C M M C so drift in machine load hits both sides alike.
    const majlisUrl = `http://127.0.0.1:${ports.majlis}/api/v1/threads/${ports.thread}/comments`;
    const ceilingUrl = `http://127.0.0.1:${ports.ceiling}/thread`;
    await read(majlisUrl);
    await read(ceilingUrl);
    const ceilingRuns = [await read(ceilingUrl)];
    const majlisRuns = [await read(majlisUrl), await read(majlisUrl)];
    ceilingRuns.push(await read(ceilingUrl));
    const mean = (runs: autocannon.Result[], pick: (run: autocannon.Result) => number) => runs.reduce((sum, run) => sum + pick(run), 0) / runs.length;
    const ceiling = { rps: mean(ceilingRuns, (r) => r.requests.average), p99: mean(ceilingRuns, (r) => r.latency.p99) };
    const majlis = { rps: mean(majlisRuns, (r) => r.requests.average), p99: mean(majlisRuns, (r) => r.latency.p99), errors: majlisRuns.reduce((n, r) => n + r['5xx'], 0) };

    const posts = await run({
      url: `http://127.0.0.1:${ports.majlis}/api/v1/threads/bench-posts/comments`,
      connections: 10,
      duration: seconds,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      requests: [
        {
          setupRequest(request) {
            return { ...request, body: benchPostBody() };
          },
        },
      ],
    });
    return {
      threadBytes: ports.bytes,
      readsPerSecond: majlis.rps,
      readP99Ms: majlis.p99,
      read5xx: majlis.errors,
      ceilingReadsPerSecond: ceiling.rps,
      ceilingP99Ms: ceiling.p99,
      readRatioToCeiling: majlis.rps / ceiling.rps,
      acceptedPostsPerSecond: posts['2xx'] / seconds,
      post5xx: posts['5xx'],
      postNon2xx: posts.non2xx,
    };
  } finally {
    child.kill('SIGTERM');
  }
}
