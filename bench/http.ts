import { fork } from 'node:child_process';
import type autocannon from 'autocannon';
import { cpuMsOf, rssMbOf, run } from './bench-child.js';
import { compileBenchServer, profileFlags, startNodeFlags } from './compiled-server.js';
import { benchPostBody } from './seed.js';

interface Ports {
  majlis: number;
  ceiling: number;
  node: number;
  countsPath: string;
  thread: string;
  bytes: number;
  brotliBytes: number;
  gzipBytes: number;
}

/** Reads and posts against Majlis on SQLite, next to a bare Express route serving the same bytes. */
export async function benchHttp(seconds: number) {
  const child = fork(await compileBenchServer(), [], { execArgv: [...startNodeFlags(), ...profileFlags()], stdio: 'inherit' });
  try {
    const ports = await new Promise<Ports>((resolve, reject) => {
      child.once('message', (message) => resolve(message as Ports));
      child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    });
    const rssMbIdle = await rssMbOf(child);
    const connections = 50;
    // Browsers ask for brotli this way; the compressed reads send the bytes cached beside the plain ones.
    const BROTLI = { 'accept-encoding': 'gzip, deflate, br, zstd' };
    const read = (url: string, headers: Record<string, string> = {}) => run({ url, connections, duration: seconds, headers });
    // Warm every side, then measure in the order C M B B M C so drift in machine load hits all alike.
    const majlisUrl = `http://127.0.0.1:${ports.majlis}/api/v1/threads/${ports.thread}/comments`;
    const ceilingUrl = `http://127.0.0.1:${ports.ceiling}/thread`;
    await read(majlisUrl);
    await read(majlisUrl, BROTLI);
    await read(ceilingUrl);
    const ceilingRuns = [await read(ceilingUrl)];
    const majlisRuns = [await read(majlisUrl)];
    const brotliRuns = [await read(majlisUrl, BROTLI), await read(majlisUrl, BROTLI)];
    majlisRuns.push(await read(majlisUrl));
    ceilingRuns.push(await read(ceilingUrl));
    const mean = (runs: autocannon.Result[], pick: (run: autocannon.Result) => number) => runs.reduce((sum, run) => sum + pick(run), 0) / runs.length;
    // Bytes on the wire per read: everything autocannon read (status line, headers, body) over the reads it made.
    const wire = (runs: autocannon.Result[]) => mean(runs, (r) => r.throughput.total / Math.max(1, r.requests.total));
    const ceiling = { rps: mean(ceilingRuns, (r) => r.requests.average), p99: mean(ceilingRuns, (r) => r.latency.p99) };
    const majlis = { rps: mean(majlisRuns, (r) => r.requests.average), p99: mean(majlisRuns, (r) => r.latency.p99), errors: majlisRuns.reduce((n, r) => n + r['5xx'], 0), wire: wire(majlisRuns) };
    const brotli = { rps: mean(brotliRuns, (r) => r.requests.average), p99: mean(brotliRuns, (r) => r.latency.p99), errors: brotliRuns.reduce((n, r) => n + r['5xx'], 0), wire: wire(brotliRuns) };

    // Counts and thread pages against node:http serving the same bytes, alternated the same way.
    const nodeThreadUrl = `http://127.0.0.1:${ports.node}/thread`;
    const nodeCountsUrl = `http://127.0.0.1:${ports.node}/counts`;
    const countsUrl = `http://127.0.0.1:${ports.majlis}${ports.countsPath}`;
    await read(countsUrl);
    await read(nodeCountsUrl);
    const nodeThreadRuns = [await read(nodeThreadUrl)];
    const countsRuns = [await read(countsUrl)];
    const nodeCountsRuns = [await read(nodeCountsUrl), await read(nodeCountsUrl)];
    countsRuns.push(await read(countsUrl));
    nodeThreadRuns.push(await read(nodeThreadUrl));
    const nodeThread = { rps: mean(nodeThreadRuns, (r) => r.requests.average), p99: mean(nodeThreadRuns, (r) => r.latency.p99) };
    const nodeCounts = { rps: mean(nodeCountsRuns, (r) => r.requests.average), p99: mean(nodeCountsRuns, (r) => r.latency.p99) };
    const countsRead = { rps: mean(countsRuns, (r) => r.requests.average), p99: mean(countsRuns, (r) => r.latency.p99), errors: countsRuns.reduce((n, r) => n + r['5xx'], 0) };
    const rssMbAfterReads = await rssMbOf(child);

    await cpuMsOf(child);
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
      threadBytesBrotli: ports.brotliBytes,
      threadBytesGzip: ports.gzipBytes,
      brotliBytesRatioToPlain: ports.brotliBytes / ports.bytes,
      wireBytesPerRead: majlis.wire,
      wireBytesPerBrotliRead: brotli.wire,
      wireBytesRatioToPlain: brotli.wire / majlis.wire,
      brotliReadsPerSecond: brotli.rps,
      brotliReadP99Ms: brotli.p99,
      brotliRead5xx: brotli.errors,
      brotliReadRatioToPlain: brotli.rps / majlis.rps,
      brotliReadRatioToCeiling: brotli.rps / ceiling.rps,
      nodeHttpReadsPerSecond: nodeThread.rps,
      nodeHttpReadP99Ms: nodeThread.p99,
      readRatioToNodeHttp: majlis.rps / nodeThread.rps,
      countsPerSecond: countsRead.rps,
      countsP99Ms: countsRead.p99,
      counts5xx: countsRead.errors,
      nodeHttpCountsPerSecond: nodeCounts.rps,
      nodeHttpCountsP99Ms: nodeCounts.p99,
      countsRatioToNodeHttp: countsRead.rps / nodeCounts.rps,
      rssMbIdle,
      rssMbAfterReads,
      rssMbAfterPosts: await rssMbOf(child),
      acceptedPostsPerSecond: posts['2xx'] / seconds,
      // Posts wait in line for the writer: the slowest shows whether any waited far longer than the rest.
      postP99Ms: posts.latency.p99,
      postMaxMs: posts.latency.max,
      serverCpuMsPerPost: (await cpuMsOf(child)) / Math.max(1, posts['2xx']),
      post5xx: posts['5xx'],
      postNon2xx: posts.non2xx,
    };
  } finally {
    child.kill('SIGTERM');
  }
}
