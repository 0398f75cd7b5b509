import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient as SqliteClient } from '../generated/sqlite/client.js';
import { PrismaClient as PostgresClient } from '../generated/postgresql/client.js';
import { migrationProviderOf, type MigrationProvider } from './migrate.js';
import { asPortableClient } from './portable.js';
import { pgPreparedReads, type PgPreparedReads } from './pg-prepared.js';
import { readLanes } from './pg-read-lanes.js';
import { attachPreparedReads, preparingOnce, sqlitePreparedReads, type SqlitePreparedReads } from './prepared-reads.js';
import { sqliteFilePath, sqliteWriterPragmas } from './sqlite-path.js';
import { rootStatementsWaitForTransactions } from './sqlite-root-statements.js';
import { endsEvenIfItsEndFails, isEndableTransaction } from './transaction-endings.js';

/**
 * The Prisma client type every repository is written against: the API both databases share. Both
 * generated clients come from one model (prisma/schema.prisma); `portable.ts` proves at compile time
 * that their rows and enums are the same, and the whole test suite runs on both databases.
 */
export type Db = SqliteClient;

/** A transaction client or the root client: repositories accept either. */
export type DbClient = Omit<Db, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export type Provider = MigrationProvider;

/** The open database: its own client, typed as itself, and the shared view repositories use. */
export type Database =
  | { provider: 'sqlite'; client: SqliteClient; db: Db }
  | { provider: 'postgresql'; client: PostgresClient; db: Db };

/** Prisma's SQLite connection, set up as sqliteWriterPragmas says (erasing what it deletes, journals in memory), its statements prepared once, its root statements kept out of open transactions. */
class ErasingSqliteAdapter extends PrismaBetterSQLite3 {
  constructor(
    config: { url: string; timeout: number },
    private readonly pragmas: string[],
    private readonly preparedReads: SqlitePreparedReads | null,
  ) {
    super(config);
  }

  override async connect() {
    const adapter = await super.connect();
    await adapter.executeScript(this.pragmas.map((pragma) => `PRAGMA ${pragma}`).join('; '));
    preparingOnce(adapter);
    rootStatementsWaitForTransactions(adapter);
    this.preparedReads?.shareWriter(adapter);
    // The prepared reads' connection closes with Prisma's ($disconnect disposes the adapter).
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      this.preparedReads?.close();
      await dispose();
    };
    return adapter;
  }
}

/** Prisma's PostgreSQL adapter, telling the prepared path which transactions it opens (for a unit of work's raw statements), and giving back a transaction's connection when its COMMIT fails. */
class WatchedPgAdapter extends PrismaPg {
  constructor(
    pool: pg.Pool,
    private readonly preparedReads: PgPreparedReads,
  ) {
    // Prisma's $disconnect ends the pool.
    super(pool, { disposeExternalPool: true });
  }

  override async connect() {
    const adapter = await super.connect();
    this.preparedReads.watchTransactions(adapter);
    const start = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (...args) => {
      const transaction = await start(...args);
      if (isEndableTransaction(transaction)) endsEvenIfItsEndFails(transaction);
      return transaction;
    };
    // The prepared reads' connections end with Prisma's pool ($disconnect disposes the adapter).
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await this.preparedReads.close();
      await dispose();
    };
    return adapter;
  }
}

/** Opens the database DATABASE_URL names, through the matching driver adapter and generated client. */
export function createDb(databaseUrl: string): Database {
  const provider = migrationProviderOf(databaseUrl);
  if (provider === 'sqlite') {
    const file = sqliteFilePath(databaseUrl);
    // An in-memory database exists only on Prisma's own connection: its reads stay there.
    const reads = file === ':memory:' ? null : sqlitePreparedReads(file);
    // busy timeout: concurrent writers wait for the WAL lock instead of failing at once.
    const client = new SqliteClient({ adapter: new ErasingSqliteAdapter({ url: file, timeout: 10_000 }, sqliteWriterPragmas(databaseUrl), reads) });
    if (reads) attachPreparedReads(client, reads);
    return { provider, client, db: client };
  }
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  // The pool drops an idle connection the server ends (a restart, a dropped database) and the next query
  // opens another; unheard, that connection's error would end the process. Prisma listens only once connected.
  pool.on('error', () => {});
  // Prisma ends the pool, and the prepared reads' connections, on $disconnect only if it has connected: connect it before the first prepared read.
  let connecting: Promise<void> | undefined;
  const connected = (): Promise<void> =>
    (connecting ??= client.$connect().catch((error: unknown) => {
      connecting = undefined;
      throw error;
    }));
  // The prepared reads' own connections send each read at once, behind those still on the wire (pg-read-lanes.ts).
  const lanes = readLanes(() => new pg.Client({ connectionString: databaseUrl, pipeline: true }));
  const reads = pgPreparedReads(lanes, pg.types, connected);
  const client = new PostgresClient({ adapter: new WatchedPgAdapter(pool, reads) });
  const db = asPortableClient(client);
  attachPreparedReads(db, reads);
  return { provider, client, db };
}
