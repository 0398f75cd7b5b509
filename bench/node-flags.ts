// What npm start's node flags cost: two compiled bench servers, one without flags and one with them, measured
// alternately so the machine's load hits both alike; speed and server CPU per request side by side, and RSS.
import { fork, type ChildProcess } from 'node:child_process';
import { cpuMsOf, rssMbOf, run } from './bench-child.js';
import { compileBenchServer, startNodeFlags } from './compiled-server.js';
import { benchPostBody } from './seed.js';

interface Side {
  child: ChildProcess;
  ports: { majlis: number; thread: string };
  readsPerSecond: number[];
  postsPerSecond: number[];
  readCpuMs: number;
  reads: number;
  postCpuMs: number;
  posts: number;
}

async function start(entry: string, flags: string[]): Promise<Side> {
  const child = fork(entry, [], { execArgv: flags, stdio: 'inherit' });
  const ports = await new Promise<Side['ports']>((resolve) => child.once('message', (message) => resolve(message as Side['ports'])));
  return { child, ports, readsPerSecond: [], postsPerSecond: [], readCpuMs: 0, reads: 0, postCpuMs: 0, posts: 0 };
}

async function measure(side: Side, seconds: number, kind: 'read' | 'post'): Promise<void> {
  await cpuMsOf(side.child);
  const base = `http://127.0.0.1:${side.ports.majlis}/api/v1/threads`;
  if (kind === 'read') {
    const result = await run({ url: `${base}/${side.ports.thread}/comments`, connections: 50, duration: seconds });
    side.readCpuMs += (await cpuMsOf(side.child));
    side.reads += result.requests.total;
    side.readsPerSecond.push(result.requests.average);
    return;
  }
  const result = await run({
    url: `${base}/bench-posts/comments`,
    connections: 10,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (request) => ({ ...request, body: benchPostBody() }) }],
  });
  side.postCpuMs += (await cpuMsOf(side.child));
  side.posts += result['2xx'];
  side.postsPerSecond.push(result['2xx'] / seconds);
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);

/** Four rounds of reads then posts, the order of the two sides swapped every round. */
export async function benchNodeFlags(seconds: number): Promise<Record<string, number>> {
  const entry = await compileBenchServer();
  const bare = await start(entry, []);
  const flagged = await start(entry, startNodeFlags());
  try {
    for (let round = 0; round < 4; round++) {
      const order = round % 2 === 0 ? [bare, flagged] : [flagged, bare];
      for (const side of order) await measure(side, seconds, 'read');
      for (const side of order.toReversed()) await measure(side, seconds, 'post');
    }
    const rssMb = (side: Side) => rssMbOf(side.child);
    return {
      readsPerSecondWithoutFlags: mean(bare.readsPerSecond),
      readsPerSecondWithFlags: mean(flagged.readsPerSecond),
      readRatio: mean(flagged.readsPerSecond) / mean(bare.readsPerSecond),
      cpuPerReadRatio: flagged.readCpuMs / flagged.reads / (bare.readCpuMs / bare.reads),
      postsPerSecondWithoutFlags: mean(bare.postsPerSecond),
      postsPerSecondWithFlags: mean(flagged.postsPerSecond),
      postRatio: mean(flagged.postsPerSecond) / mean(bare.postsPerSecond),
      cpuPerPostRatio: flagged.postCpuMs / flagged.posts / (bare.postCpuMs / bare.posts),
      rssMbWithoutFlags: await rssMb(bare),
      rssMbWithFlags: await rssMb(flagged),
    };
  } finally {
    bare.child.kill('SIGTERM');
    flagged.child.kill('SIGTERM');
  }
}
