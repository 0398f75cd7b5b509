// npm run bench -- --query-paths: one hot query (a thread's top-level page) by each path a repository could
// take, in one process, alternated, on the same SQLite file: Prisma's query builder, Prisma's raw SQL
// through the same adapter (what a transaction's hot queries use), `readRows` (what the hot reads use:
// statements prepared once, rows decoded as Prisma decodes them) and bare better-sqlite3, prepared once.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createDb } from '../src/db/client.js';
import { readRows } from '../src/db/hot-sql.js';
import { Prisma } from '../src/db/models.js';
import { applyMigrations } from '../src/db/migrate.js';
import { sqliteFilePath } from '../src/db/sqlite-path.js';
import { BENCH_THREAD, seedBenchThread } from './seed.js';

async function perSecond(seconds: number, run: () => Promise<unknown> | unknown): Promise<number> {
  const until = performance.now() + seconds * 1000;
  let done = 0;
  while (performance.now() < until) {
    await run();
    done += 1;
  }
  return done / seconds;
}

/** Queries per second of each path, and each path over Prisma's query builder. */
export async function benchQueryPaths(seconds: number): Promise<Record<string, number>> {
  const url = `file:${join(mkdtempSync(join(tmpdir(), 'majlis-paths-')), 'paths.db')}`;
  await applyMigrations(url);
  const { db } = createDb(url);
  await seedBenchThread(db);
  const thread = await db.thread.findUniqueOrThrow({ where: { key: BENCH_THREAD } });
  const prepared = new Database(sqliteFilePath(url)).prepare(
    `SELECT * FROM "Comment" INDEXED BY "Comment_threadId_status_parentId_id_idx" WHERE "threadId" = ? AND "status" = 'approved' AND "parentId" IS NULL ORDER BY "id" ASC LIMIT ?`,
  );
  const paths = {
    prismaBuilder: () => db.comment.findMany({ where: { threadId: thread.id, parentId: null, status: 'approved' }, orderBy: { id: 'asc' }, take: 51 }),
    prismaRaw: () =>
      db.$queryRaw`SELECT * FROM "Comment" INDEXED BY "Comment_threadId_status_parentId_id_idx" WHERE "threadId" = ${thread.id} AND "status" = 'approved' AND "parentId" IS NULL ORDER BY "id" ASC LIMIT ${51}`,
    readRows: () =>
      readRows(db, Prisma.sql`SELECT * FROM "Comment" INDEXED BY "Comment_threadId_status_parentId_id_idx" WHERE "threadId" = ${thread.id} AND "status" = 'approved' AND "parentId" IS NULL ORDER BY "id" ASC LIMIT ${51}`),
    preparedDriver: () => prepared.all(thread.id, 51),
  };
  const rates: Record<string, number[]> = { prismaBuilder: [], prismaRaw: [], readRows: [], preparedDriver: [] };
  // Alternated, three rounds, so machine load hits every path alike.
  for (let round = 0; round < 3; round += 1) {
    for (const [name, run] of Object.entries(paths)) rates[name]?.push(await perSecond(seconds / 3, run));
  }
  const mean = (name: string) => (rates[name] ?? []).reduce((a, b) => a + b, 0) / 3;
  await db.$disconnect();
  return {
    prismaBuilderPerSecond: mean('prismaBuilder'),
    prismaRawPerSecond: mean('prismaRaw'),
    readRowsPerSecond: mean('readRows'),
    preparedDriverPerSecond: mean('preparedDriver'),
    prismaRawRatioToBuilder: mean('prismaRaw') / mean('prismaBuilder'),
    readRowsRatioToBuilder: mean('readRows') / mean('prismaBuilder'),
    readRowsRatioToPreparedDriver: mean('readRows') / mean('preparedDriver'),
    preparedDriverRatioToBuilder: mean('preparedDriver') / mean('prismaBuilder'),
  };
}
