// The physical limit of a post: the statements one accepted post sends (recorded through Prisma's query
// log), replayed straight through the driver with statements prepared once, in a loop, on a fresh database:
// better-sqlite3 on a SQLite file, node-postgres on a PostgreSQL database.
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import type { Db } from '../src/db/client.js';
import { applyMigrations } from '../src/db/migrate.js';
import { asPortableClient } from '../src/db/portable.js';
import { sqliteFilePath, sqliteWriterPragmas } from '../src/db/sqlite-path.js';
import { PrismaClient as PostgresClient } from '../src/generated/postgresql/client.js';
import { PrismaClient as SqliteClient } from '../src/generated/sqlite/client.js';
import { createLogger } from '../src/logging/logger.js';
import { createPostgresDatabase } from '../tests/scale/support.js';
import { benchPostBody, seedBenchThread } from './seed.js';

interface Statement {
  sql: string;
  params: unknown[];
}

/** A client whose every statement is reported, as Prisma's query log reports it. */
interface RecordingClient {
  db: Db;
  onStatement(listener: (statement: Statement) => void): void;
  close(): Promise<void>;
}

const QUERY_LOG = { log: [{ emit: 'event' as const, level: 'query' as const }] };

/** A query-log event as a statement to replay. */
const statementOf = (event: { query: string; params: string }): Statement => ({ sql: event.query, params: JSON.parse(event.params) as unknown[] });

function recordingSqlite(databaseUrl: string): RecordingClient {
  const client = new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: sqliteFilePath(databaseUrl) }), ...QUERY_LOG });
  return { db: client, onStatement: (listener) => client.$on('query', (event) => listener(statementOf(event))), close: () => client.$disconnect() };
}

function recordingPostgres(databaseUrl: string): RecordingClient {
  const client = new PostgresClient({ adapter: new PrismaPg({ connectionString: databaseUrl }), ...QUERY_LOG });
  return { db: asPortableClient(client), onStatement: (listener) => client.$on('query', (event) => listener(statementOf(event))), close: () => client.$disconnect() };
}

/**
 * Records the statements of `count` accepted posts (after a first one warmed every cache), with their
 * parameters: each post has its own author and text, as in the server's run, so the replay's checks
 * (near duplicates, an author's history) find what they find there, not every earlier replay of one post.
 */
async function recordPosts(databaseUrl: string, client: RecordingClient, count: number): Promise<Statement[][]> {
  let recorded: Statement[] = [];
  client.onStatement((statement) => recorded.push(statement));
  await seedBenchThread(client.db);
  const config = loadConfig({ DATABASE_URL: databaseUrl, SECRET: 'bench-secret-bench-secret-bench-secret', RATE_LIMIT_POSTS: '100000000', LOG_LEVEL: 'warn', PORT: '0' });
  const server = createApp({ config, db: client.db, logger: createLogger('warn') }).listen(0, '127.0.0.1');
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
  await client.close();
  if (process.env.BENCH_SHOW_STATEMENTS) for (const s of posts[0] ?? []) console.log(s.sql.replace(/\s+/g, ' ').slice(0, 160));
  return posts;
}

/** A post's statements in the order to replay them: the driver adapters begin their transactions outside the query log (the COMMIT is logged), so BEGIN goes where the writes start. */
function withBegin(statements: Statement[]): Statement[] {
  const firstWrite = statements.findIndex((s) => /^\s*(INSERT|UPDATE|DELETE)/i.test(s.sql));
  const hasBegin = statements.some((s) => /^\s*BEGIN/i.test(s.sql));
  return hasBegin || firstWrite < 0 ? statements : [...statements.slice(0, firstWrite), { sql: 'BEGIN', params: [] }, ...statements.slice(firstWrite)];
}

/** Replays the recorded posts in turn through better-sqlite3, statements prepared once, for `seconds`; posts per second. */
function replaySqlite(databaseUrl: string, posts: Statement[][], seconds: number): number {
  const sqlite = new Database(sqliteFilePath(databaseUrl));
  sqlite.pragma('journal_mode = WAL');
  // Set up as the server's connection is (durability, journals in memory, src/db/sqlite-path.ts): a fair floor.
  for (const pragma of sqliteWriterPragmas(databaseUrl)) sqlite.pragma(pragma);
  const statements = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    const statement = statements.get(sql) ?? sqlite.prepare(sql);
    statements.set(sql, statement);
    return statement;
  };
  const runs = posts.map((statements) =>
    withBegin(statements).map((s) => ({ statement: prepare(s.sql), params: s.params.map((p) => (typeof p === 'boolean' ? Number(p) : p)) })),
  );
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

/**
 * Replays the recorded posts through node-postgres for `seconds` on `connections` connections at once
 * (as many as the server's post run has clients), each statement prepared once per connection; posts per second.
 */
async function replayPostgres(databaseUrl: string, posts: Statement[][], seconds: number, connections: number): Promise<number> {
  const names = new Map<string, string>();
  const runs = posts.map((statements) =>
    withBegin(statements).map((s) => {
      const name = names.get(s.sql) ?? `post_${names.size}`;
      names.set(s.sql, name);
      // BEGIN and COMMIT are not statements PostgreSQL prepares.
      return /^\s*(BEGIN|COMMIT)/i.test(s.sql) ? { text: s.sql } : { name, text: s.sql, values: s.params };
    }),
  );
  const until = Date.now() + seconds * 1000;
  let done = 0;
  await Promise.all(
    Array.from({ length: connections }, async (_, lane) => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        for (let turn = lane; Date.now() < until; turn += connections) {
          for (const query of runs[turn % runs.length] ?? []) await client.query(query);
          done += 1;
        }
      } finally {
        await client.end();
      }
    }),
  );
  return done / seconds;
}

/** The statements of a post, counted with the BEGIN the log leaves out. */
function statementsPerPost(posts: Statement[][]): number {
  return withBegin(posts[0] ?? []).length;
}

/** Statements per accepted post, and the same statements' throughput straight through better-sqlite3. */
export async function benchPostBaseline(seconds: number): Promise<{ statementsPerPost: number; rawDriverPostsPerSecond: number }> {
  const databaseUrl = `file:${join(mkdtempSync(join(tmpdir(), 'majlis-bench-raw-')), 'bench.db')}`;
  await applyMigrations(databaseUrl);
  const posts = await recordPosts(databaseUrl, recordingSqlite(databaseUrl), 200);
  return { statementsPerPost: statementsPerPost(posts), rawDriverPostsPerSecond: replaySqlite(databaseUrl, posts, Math.min(seconds, 5)) };
}

/** The same on a fresh PostgreSQL database (dropped afterwards), replayed on `connections` connections. */
export async function benchPostgresPostBaseline(seconds: number, connections: number): Promise<{ statementsPerPost: number; rawDriverPostsPerSecond: number }> {
  const database = await createPostgresDatabase();
  try {
    const posts = await recordPosts(database.url, recordingPostgres(database.url), 200);
    return { statementsPerPost: statementsPerPost(posts), rawDriverPostsPerSecond: await replayPostgres(database.url, posts, Math.min(seconds, 5), connections) };
  } finally {
    await database.drop();
  }
}
