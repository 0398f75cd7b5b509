// npm run bench: prints the figures the issues ask for; ratios are against baselines measured in the same run.
import { benchHttp } from './http.js';
import { benchBundles } from './bundles.js';
import { benchMatcher } from './matcher.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);

function print(title: string, figures: Record<string, number>): void {
  console.log(`\n## ${title}`);
  for (const [name, value] of Object.entries(figures)) {
    console.log(`${name.padEnd(30)} ${Number.isInteger(value) ? value : value.toFixed(name.toLowerCase().includes('ratio') ? 3 : 1)}`);
  }
}

/** The JavaScript of one cached counts answer, in-process against a bare handler (bench/early-answer-cost.ts). */
async function printEarlyAnswerCost(): Promise<void> {
  const { benchEarlyAnswerCost } = await import('./early-answer-cost.js');
  print('A cached counts answer (100 threads) in-process, no socket: µs of JavaScript per request, best of 5 × 50,000', await benchEarlyAnswerCost());
}

// --instances N: N processes on PostgreSQL + Redis against the single SQLite process; --metrics-overhead: the metrics middleware's cost;
// --moderation [--corpora DIR]: the classifier against the word lists on labelled corpora; --scale: latency on 10k, 100k and 1M comments;
// --bots: bot defences against simulated people; --stalls: cached reads beside long moderator requests and a post burst;
// --near-duplicates: a post's near-duplicate candidates on 10k, 100k and 1M comments.
// --live [--clients N]: live updates; --early-answer-cost: the JavaScript of one cached counts answer, no socket (also in every default run).
const args = process.argv.slice(2);
const instances = args.includes('--instances') ? Number(args[args.indexOf('--instances') + 1] ?? 2) : 0;

if (args.includes('--bots')) {
  // A simple bot against simulated people, on the app's simulated clock (bench/bots.ts).
  const { benchBots } = await import('./bots.js');
  await benchBots();
} else if (args.includes('--scale')) {
  // Latency as the archive grows (bench/scale.ts); BENCH_SCALE_SIZES=10000,100000 for a shorter run.
  const { benchScale } = await import('./scale.js');
  const sizes = (process.env.BENCH_SCALE_SIZES ?? '10000,100000,1000000').split(',').map(Number);
  await benchScale(sizes, print);
} else if (args.includes('--stalls')) {
  // A cached read beside a bulk decision, its undo, a policy preview, the queue counts and a burst of posts (bench/stalls.ts).
  const { benchStalls } = await import('./stalls.js');
  const size = Number(process.env.BENCH_STALLS_SIZE ?? 100_000);
  print(`Cached reads beside long moderator requests and a post burst, SQLite archive of ${size.toLocaleString('en')} comments`, await benchStalls(size));
} else if (args.includes('--near-duplicates')) {
  // A post's near-duplicate candidates as the archive grows, against the indexes it had before (bench/near-duplicates.ts).
  const { benchNearDuplicates } = await import('./near-duplicates.js');
  const sizes = (process.env.BENCH_SCALE_SIZES ?? '10000,100000,1000000').split(',').map(Number);
  print("A post's near-duplicate candidates (µs per query) as the archive grows, 1.07 % sharing a band, window of a day", await benchNearDuplicates(sizes));
} else if (args.includes('--query-paths')) {
  const { benchQueryPaths } = await import('./query-paths.js');
  print(`A thread's top-level page query by each path, one process, ${seconds}s in all per path`, await benchQueryPaths(seconds));
} else if (args.includes('--live')) {
  // N event-stream readers of one thread on one process (bench/live.ts); --clients N, default 5000.
  const { benchLive } = await import('./live.js');
  const clients = args.includes('--clients') ? Number(args[args.indexOf('--clients') + 1] ?? 5000) : 5000;
  for (const [title, figures] of Object.entries(await benchLive(clients, seconds))) print(`Live updates: ${title}`, figures);
} else if (args.includes('--moderation')) {
  // The classifier against the word lists on labelled corpora (bench/moderation.ts); no HTTP runs.
  const { benchModeration } = await import('./moderation.js');
  benchModeration(args);
} else if (args.includes('--node-flags')) {
  // npm start's node flags (or BENCH_NODE_FLAGS) against none, two servers measured alternately (bench/node-flags.ts).
  const { benchNodeFlags } = await import('./node-flags.js');
  print(`Node flags against none: reads (50 connections) and posts (10), 4 rounds of ${seconds}s each`, await benchNodeFlags(seconds));
} else if (args.includes('--early-answer-cost')) {
  await printEarlyAnswerCost();
} else if (args.includes('--metrics-overhead')) {
  const { benchMetricsOverhead } = await import('./metrics-overhead.js');
  print(`Thread reads with and without request metrics, 50 connections, best of 3 × ${seconds}s`, await benchMetricsOverhead(seconds));
} else {
  if (instances === 0) print('Widget bundle (embed.js, minified)', await benchBundles());
  if (instances === 0) print('Word matcher (one core)', { ...(await benchMatcher()) });
  await printEarlyAnswerCost();
  const single = await benchHttp(seconds);
  // The same statements as one accepted post, straight through better-sqlite3: the storage's own limit.
  const { benchPostBaseline } = await import('./post-baseline.js');
  const baseline = await benchPostBaseline(seconds);
  print(`HTTP on SQLite, 50 connections, ${seconds}s per run`, {
    ...single,
    ...baseline,
    postRatioToRawDriver: single.acceptedPostsPerSecond / baseline.rawDriverPostsPerSecond,
  });
  if (instances > 0) {
    // Loaded only for this run: its Redis client slows string-heavy code in the whole process (see src/redis/shared-state.ts).
    const { benchInstances } = await import('./instances.js');
    const multi = await benchInstances(instances, seconds);
    // The same statements as one accepted post through node-postgres on as many connections as the post run: PostgreSQL's own limit.
    const { benchPostgresPostBaseline } = await import('./post-baseline.js');
    const pgBaseline = await benchPostgresPostBaseline(seconds, 10);
    print(`HTTP on ${instances} instances (PostgreSQL + Redis), 50 read / 10 post connections in all, ${seconds}s per run`, {
      ...multi,
      pgStatementsPerPost: pgBaseline.statementsPerPost,
      pgRawDriverPostsPerSecond: pgBaseline.rawDriverPostsPerSecond,
      postRatioToPgRawDriver: multi.acceptedPostsPerSecond / pgBaseline.rawDriverPostsPerSecond,
      readRatioToSingleSqlite: multi.readsPerSecond / single.readsPerSecond,
      readP99RatioToSingleSqlite: multi.readP99Ms / single.readP99Ms,
      postRatioToSingleSqlite: multi.acceptedPostsPerSecond / single.acceptedPostsPerSecond,
    });
  }
}
