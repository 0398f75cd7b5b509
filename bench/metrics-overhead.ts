// npm run bench -- --metrics-overhead: thread reads with and without the metrics middleware, alternated so noise hits both.
import { fork } from 'node:child_process';
import autocannon from 'autocannon';
import { BENCH_THREAD } from './seed.js';

function run(url: string, seconds: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: 50, duration: seconds }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** Reads per second and p99 of the hot path with and without request metrics, best of `rounds` alternating runs each. */
export async function benchMetricsOverhead(seconds: number, rounds = 3): Promise<Record<string, number>> {
  const child = fork(new URL('./metrics-server.ts', import.meta.url).pathname, [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  try {
    const ports = await new Promise<{ without: number; with: number }>((resolve, reject) => {
      child.once('message', (message) => resolve(message as { without: number; with: number }));
      child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    });
    const path = `/api/v1/threads/${BENCH_THREAD}/comments`;
    await run(`http://127.0.0.1:${ports.without}${path}`, 2);
    await run(`http://127.0.0.1:${ports.with}${path}`, 2);
    const without: autocannon.Result[] = [];
    const withMetrics: autocannon.Result[] = [];
    for (let round = 0; round < rounds; round += 1) {
      without.push(await run(`http://127.0.0.1:${ports.without}${path}`, seconds));
      withMetrics.push(await run(`http://127.0.0.1:${ports.with}${path}`, seconds));
    }
    const best = (results: autocannon.Result[]) => results.reduce((a, b) => (b.requests.average > a.requests.average ? b : a));
    const [off, on] = [best(without), best(withMetrics)];
    return {
      readsPerSecondWithout: off.requests.average,
      readsPerSecondWith: on.requests.average,
      readP99MsWithout: off.latency.p99,
      readP99MsWith: on.latency.p99,
      throughputRatioWithToWithout: on.requests.average / off.requests.average,
      microsecondsAddedPerRequest: (1e6 / on.requests.average - 1e6 / off.requests.average),
    };
  } finally {
    child.kill('SIGTERM');
  }
}
