// npm run bench -- --instances N: N Majlis processes on a fresh PostgreSQL database and one Redis, each driven by its
// own autocannon; reads, then posts, then a count of acknowledged posts against stored rows. Each runs as `npm start`
// runs it: main.js compiled, with its node flags (as the SQLite bench server does, bench/compiled-server.ts).
import autocannon from 'autocannon';
import { createDb } from '../src/db/client.js';
import { compileMain, profileFlags, startNodeFlags } from './compiled-server.js';
import { createPostgresDatabase, createScratchRedis, freePort, startInstance, type Instance } from '../tests/scale/support.js';
import { BENCH_THREAD, benchPostBody, seedBenchThread } from './seed.js';

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/** Runs one load shape against every instance at once; req/s add up, p99 is the worst instance's. */
async function together(instances: Instance[], options: (instance: Instance) => autocannon.Options) {
  const results = await Promise.all(instances.map((instance) => run(options(instance))));
  return {
    perSecond: results.reduce((sum, result) => sum + result.requests.average, 0),
    p99: Math.max(...results.map((result) => result.latency.p99)),
    status2xx: results.reduce((sum, result) => sum + result['2xx'], 0),
    status5xx: results.reduce((sum, result) => sum + result['5xx'], 0),
    non2xx: results.reduce((sum, result) => sum + result.non2xx, 0),
    errors: results.reduce((sum, result) => sum + result.errors + result.timeouts, 0),
  };
}

/** Reads and posts against `count` instances; the database and Redis keys are dropped afterwards. */
export async function benchInstances(count: number, seconds: number) {
  const database = await createPostgresDatabase();
  const redis = await createScratchRedis();
  const { db } = createDb(database.url);
  const instances: Instance[] = [];
  try {
    await seedBenchThread(db);
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: redis.url,
      REDIS_PREFIX: redis.prefix,
      RATE_LIMIT_POSTS: '100000000',
      MIGRATE_ON_START: 'false',
    };
    // Warn level like the single-instance SQLite run it is compared with: no access line per request.
    const nodeArgs = [...startNodeFlags(), ...profileFlags(), await compileMain()];
    for (let i = 0; i < count; i += 1) instances.push(await startInstance({ ...env, LOG_LEVEL: 'warn', PORT: String(await freePort()) }, { nodeArgs }));

    const readConnections = Math.max(1, Math.round(50 / count));
    const read = (duration: number) =>
      together(instances, (instance) => ({ url: `${instance.url}/api/v1/threads/${BENCH_THREAD}/comments`, connections: readConnections, duration }));
    await read(Math.min(3, seconds));
    const reads = await read(seconds);

    const posts = await together(instances, (instance) => ({
      url: `${instance.url}/api/v1/threads/bench-posts/comments`,
      connections: Math.max(1, Math.round(10 / count)),
      duration: seconds,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      requests: [{ setupRequest: (request) => ({ ...request, body: benchPostBody() }) }],
    }));
    const stored = await db.comment.count({ where: { thread: { key: 'bench-posts' } } });
    return {
      instances: count,
      readsPerSecond: reads.perSecond,
      readP99Ms: reads.p99,
      read5xx: reads.status5xx,
      acceptedPostsPerSecond: posts.status2xx / seconds,
      postP99Ms: posts.p99,
      post5xx: posts.status5xx,
      postNon2xx: posts.non2xx,
      postErrors: posts.errors,
      posts201: posts.status2xx,
      postRowsStored: stored,
      lostAcknowledgedPosts: Math.max(0, posts.status2xx - stored),
    };
  } finally {
    await Promise.all(instances.map((instance) => instance.stop()));
    await db.$disconnect();
    await redis.drop();
    await database.drop();
  }
}
