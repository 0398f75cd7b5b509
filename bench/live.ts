// npm run bench -- --live [--clients N]: N Server-Sent Events readers of one thread on one process,
// comments approved at a steady rate, the delay from approval to delivery at every reader, the
// server's RSS and CPU, and database operations per approval (for a few readers and for N).
import { fork, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { LiveServerReply } from './live-server.js';

function ask(child: ChildProcess): Promise<Extract<LiveServerReply, { kind: 'stats' }>> {
  return new Promise((resolve) => {
    child.once('message', (message) => resolve(message as Extract<LiveServerReply, { kind: 'stats' }>));
    child.send('stats');
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN);
}

/** Opens `count` event streams; each records when it first sees `comment.created` for an id. */
async function openReaders(port: number, path: string, count: number, arrivals: Map<number, number[]>) {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const requests: Array<ReturnType<typeof request>> = [];
  let opened = 0;
  await new Promise<void>((resolve, reject) => {
    for (let i = 0; i < count; i += 1) {
      const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (!chunk.includes('comment.created')) {
            if (chunk.includes('event: ready') && ++opened === count) resolve();
            return;
          }
          const at = performance.now();
          for (const match of chunk.matchAll(/event: comment\.created\ndata: \{"id":(\d+)/g)) arrivals.get(Number(match[1]))?.push(at);
        });
      });
      req.on('error', reject);
      req.end();
      requests.push(req);
    }
  });
  return () => {
    for (const req of requests) req.destroy();
    agent.destroy();
  };
}

async function approve(port: number, token: string, id: number): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/moderation/comments/${id}/decision`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ action: 'approve' }),
  });
  if (response.status !== 200) throw new Error(`approval ${id}: ${response.status}`);
}

/** Approves `ids` one per `intervalMs`; returns approval → delivery delays and operations per approval. */
async function measure(child: ChildProcess, port: number, token: string, readers: number, ids: number[], intervalMs: number) {
  const arrivals = new Map<number, number[]>(ids.map((id) => [id, []]));
  const close = await openReaders(port, '/api/v1/threads/bench-thread/events', readers, arrivals);
  const before = await ask(child);
  const started = performance.now();
  const sentAt = new Map<number, number>();
  for (const id of ids) {
    const next = started + sentAt.size * intervalMs;
    await new Promise((wake) => setTimeout(wake, Math.max(0, next - performance.now())));
    sentAt.set(id, performance.now());
    await approve(port, token, id);
  }
  // Let the last deliveries arrive.
  const deadline = performance.now() + 10_000;
  while (performance.now() < deadline && [...arrivals.values()].some((times) => times.length < readers)) await new Promise((wake) => setTimeout(wake, 50));
  const after = await ask(child);
  const wall = performance.now() - started;
  close();
  const delays = ids.flatMap((id) => (arrivals.get(id) ?? []).map((at) => at - (sentAt.get(id) ?? at))).sort((a, b) => a - b);
  const delivered = ids.reduce((n, id) => n + (arrivals.get(id)?.length ?? 0), 0);
  return {
    readers,
    approvals: ids.length,
    deliveredShare: delivered / (ids.length * readers),
    p50DelayMs: percentile(delays, 50),
    p95DelayMs: percentile(delays, 95),
    maxDelayMs: delays.at(-1) ?? Number.NaN,
    serverRssMb: after.rssBytes / 1e6,
    serverCpuPercentOfOneCore: ((after.cpuMicros - before.cpuMicros) / 1000 / wall) * 100,
    dbOperationsPerApproval: (after.queries - before.queries) / ids.length,
  };
}

async function readsPerSecond(port: number, sort: string, seconds: number): Promise<number> {
  const result = await autocannon({ url: `http://127.0.0.1:${port}/api/v1/threads/bench-thread/comments?sort=${sort}`, connections: 20, duration: seconds });
  return result.requests.average;
}

/** Runs the live bench and returns its figures by section. */
export async function benchLive(clients: number, seconds: number): Promise<Record<string, Record<string, number>>> {
  const child = fork(new URL('./live-server.ts', import.meta.url).pathname, [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  try {
    const ready = await new Promise<Extract<LiveServerReply, { kind: 'ready' }>>((resolve, reject) => {
      child.once('message', (message) => resolve(message as Extract<LiveServerReply, { kind: 'ready' }>));
      child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
    });
    const login = await fetch(`http://127.0.0.1:${ready.port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench-mod@example.org', password: 'bench moderator password' }),
    });
    const { token } = (await login.json()) as { token: string };
    // One approval per second: each is a burst of its own (the coalescing window never holds it back).
    const perRun = Math.max(3, Math.min(20, seconds));
    const few = await measure(child, ready.port, token, 10, ready.pendingIds.slice(0, perRun), 1000);
    const many = await measure(child, ready.port, token, clients, ready.pendingIds.slice(perRun, 2 * perRun), 1000);
    // Reactions on the seeded thread, then reads of both orders (cached pages, as readers get them).
    for (let i = 0; i < 200; i += 1) {
      await fetch(`http://127.0.0.1:${ready.port}/api/v1/comments/${1 + (i % 20)}/reactions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ readerId: `bench-reader-${String(i).padStart(8, '0')}` }) });
    }
    const readSeconds = Math.max(2, Math.min(5, seconds));
    // Warm both, then measure O B B O so drift in machine load hits both alike.
    await readsPerSecond(ready.port, 'oldest', 1);
    await readsPerSecond(ready.port, 'best', 1);
    const runs = [await readsPerSecond(ready.port, 'oldest', readSeconds), await readsPerSecond(ready.port, 'best', readSeconds)];
    runs.push(await readsPerSecond(ready.port, 'best', readSeconds), await readsPerSecond(ready.port, 'oldest', readSeconds));
    const reads = { oldestReadsPerSecond: ((runs[0] ?? 0) + (runs[3] ?? 0)) / 2, bestReadsPerSecond: ((runs[1] ?? 0) + (runs[2] ?? 0)) / 2 };
    return { [`${few.readers} readers`]: few, [`${many.readers} readers`]: many, reads: { ...reads, bestToOldestRatio: reads.bestReadsPerSecond / reads.oldestReadsPerSecond } };
  } finally {
    child.kill('SIGTERM');
  }
}
