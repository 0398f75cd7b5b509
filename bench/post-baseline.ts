// The physical limit of a post: the statements one accepted post sends (recorded through Prisma's query
// log), replayed straight through better-sqlite3 with statements prepared once, in a loop, on a fresh file.
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import Database from 'better-sqlite3';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { applyMigrations } from '../src/db/migrate.js';
import { sqliteFilePath, sqliteSynchronous } from '../src/db/sqlite-path.js';
import { PrismaClient } from '../src/generated/sqlite/client.js';
import { createLogger } from '../src/logging/logger.js';
import { benchPostBody, seedBenchThread } from './seed.js';

interface Statement {
  sql: string;
  params: unknown[];
}

/**
 * Records the statements of `count` accepted posts (after a first one warmed every cache), with their
 * parameters: each post has its own author and text, as in the server's run, so the replay's checks
 * (near duplicates, an author's history) find what they find there, not every earlier replay of one post.
 */
async function recordPosts(databaseUrl: string, count: number): Promise<Statement[][]> {
  const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: sqliteFilePath(databaseUrl) }), log: [{ emit: 'event', level: 'query' }] });
  let recorded: Statement[] = [];
  client.$on('query', (event) => recorded.push({ sql: event.query, params: JSON.parse(event.params) as unknown[] }));
  await seedBenchThread(client);
  const config = loadConfig({ DATABASE_URL: databaseUrl, SECRET: 'bench-secret-bench-secret-bench-secret', RATE_LIMIT_POSTS: '100000000', LOG_LEVEL: 'warn', PORT: '0' });
  const server = createApp({ config, db: client, logger: createLogger('warn') }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const post = async () => {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/threads/bench-posts/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: benchPostBody(),
    });
    if (res.status !== 201) throw new Error(`bench post answered ${res.status}: ${await res.text()}`);
  };
  await post();
  const posts: Statement[][] = [];
  for (let i = 0; i < count; i += 1) {
    recorded = [];
    await post();
    posts.push(recorded);
  }
  server.close();
  await client.$disconnect();
  return posts;
}

/** Replays the recorded posts in turn through better-sqlite3, statements prepared once, for `seconds`; posts per second. */
function replay(databaseUrl: string, posts: Statement[][], seconds: number): number {
  const sqlite = new Database(sqliteFilePath(databaseUrl));
  sqlite.pragma('journal_mode = WAL');
  // The same durability as the server's connection (src/db/sqlite-path.ts): a fair floor.
  sqlite.pragma(`synchronous = ${sqliteSynchronous(databaseUrl)}`);
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    const statement = statements.get(sql) ?? sqlite.prepare(sql);
    statements.set(sql, statement);
    return statement;
  };
  const runs = posts.map((statements) => {
    // The driver adapter begins its transactions outside the query log; the COMMIT is logged. Begin where the writes start.
    const firstWrite = statements.findIndex((s) => /^\s*(INSERT|UPDATE|DELETE)/i.test(s.sql));
    const hasBegin = statements.some((s) => /^\s*BEGIN/i.test(s.sql));
    const inOrder = hasBegin || firstWrite < 0 ? statements : [...statements.slice(0, firstWrite), { sql: 'BEGIN', params: [] }, ...statements.slice(firstWrite)];
    return inOrder.map((s) => ({ statement: prepare(s.sql), params: s.params.map((p) => (typeof p === 'boolean' ? Number(p) : p)) }));
  });
  const until = Date.now() + seconds * 1000;
  let done = 0;
  while (Date.now() < until) {
    for (const { statement, params } of runs[done % runs.length] ?? []) {
      if (statement.reader) statement.all(...params);
      else statement.run(...params);
    }
    done += 1;
  }
  return done / seconds;
}

/** Statements per accepted post, and the same statements' throughput straight through the driver. */
export async function benchPostBaseline(seconds: number): Promise<{ statementsPerPost: number; rawDriverPostsPerSecond: number }> {
  const databaseUrl = `file:${join(mkdtempSync(join(tmpdir(), 'majlis-bench-raw-')), 'bench.db')}`;
  await applyMigrations(databaseUrl);
  const posts = await recordPosts(databaseUrl, 200);
  const statements = posts[0] ?? [];
  if (process.env.BENCH_SHOW_STATEMENTS) for (const s of statements) console.log(s.sql.replace(/\s+/g, ' ').slice(0, 160));
  return { statementsPerPost: statements.length + (statements.some((s) => /^\s*BEGIN/i.test(s.sql)) ? 0 : 1), rawDriverPostsPerSecond: replay(databaseUrl, posts, Math.min(seconds, 5)) };
}
