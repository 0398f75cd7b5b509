import { Prisma } from '../generated/sqlite/client.js';
import type { Db, DbClient } from './client.js';
import { preparedReadsOf, type StatementResult, type TransactionStatements } from './prepared-reads.js';
import { GROUP_STARTS_WITHIN_MS, unitGroups, type UnitGroups } from './unit-group.js';

/** A transaction, and a place for what must happen only once it has committed. */
export interface UnitOfWork {
  tx: DbClient;
  /** Runs `task` after the commit (never if the transaction rolls back), e.g. dropping cached pages. */
  afterCommit(task: () => Promise<void>): void;
  /**
   * True when other units wrote before this one in the same transaction: on SQLite the units that wait for the
   * writer together share one commit (unit-group.ts). Either way, what a unit checked before it began (a duplicate,
   * the flood interval) may have changed since, as others may have committed meanwhile: a post checks again where it
   * is stored (insertLoggedComment's recheck).
   */
  afterOthers: boolean;
}

/** The units of work running on a client, and who waits for there to be none. */
interface Running {
  count: number;
  waiting: Array<() => void>;
}

const runningOn = new WeakMap<object, Running>();

function runningFor(db: Db): Running {
  let running = runningOn.get(db);
  if (!running) {
    running = { count: 0, waiting: [] };
    runningOn.set(db, running);
  }
  return running;
}

/** Prisma's own limit on an interactive transaction (its default), given to it explicitly so a unit knows it. */
const TRANSACTION_TIMEOUT_MS = 5_000;
/** Node may run a timer a little before its time: a unit this close to the limit leaves its statements to Prisma. */
const TIMER_MARGIN_MS = 50;

/**
 * Runs `work` in one transaction, then the tasks it scheduled for after the commit. Doing them
 * inside would let a concurrent read cache the old rows again between the task and the commit.
 * On SQLite it may share that transaction with other units (unit-group.ts), unless it asks for
 * time of its own (`timeoutMs`: long work, such as a bulk decision, runs alone).
 */
export async function inTransaction<T>(db: Db, work: (unit: UnitOfWork) => Promise<T>, options?: { timeoutMs: number }): Promise<T> {
  const running = runningFor(db);
  running.count += 1;
  try {
    let tasks: Array<() => Promise<void>> = [];
    const unitWork = (tx: DbClient, afterOthers: boolean) => {
      // A unit run again after a deadlock schedules its tasks again: the first run's went with its transaction.
      tasks = [];
      return work({ tx, afterCommit: (task) => void tasks.push(task), afterOthers });
    };
    const groups = options ? undefined : groupsOf(db);
    const alone = () =>
      openTransaction(db, options?.timeoutMs ?? TRANSACTION_TIMEOUT_MS, async (clientFor) => {
        let working = true;
        try {
          return await unitWork(clientFor(() => working), false);
        } finally {
          // A straggling statement of a unit that has failed goes to Prisma, which refuses it.
          working = false;
        }
      });
    const result = groups ? await groups.join(unitWork) : await retriedAfterDeadlocks(alone);
    await Promise.all(tasks.map((task) => task()));
    return result;
  } finally {
    running.count -= 1;
    if (running.count === 0) for (const resolve of running.waiting.splice(0)) resolve();
  }
}

/** How often a unit runs in all when the database keeps choosing its transaction to end a deadlock. */
const RUNS_AFTER_DEADLOCKS = 3;

/**
 * Runs a unit's transaction again when PostgreSQL ended it to break a deadlock (or a serialization failure): two
 * transactions locked the same rows in opposite orders, such as two moderators' bulk decisions over the same comments,
 * or two decisions whose comments share the queue's counter rows (CommentStatusCount). Nothing of the ended one stays,
 * so running it again is what the moderator would have done after a 500; only the order of the two changes.
 */
async function retriedAfterDeadlocks<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= RUNS_AFTER_DEADLOCKS || !endedByDatabaseForConflict(error)) throw error;
    }
  }
}

/** PostgreSQL's deadlock and serialization failures, as Prisma reports them (its own P2034, or a raw statement's code). */
function endedByDatabaseForConflict(error: unknown): boolean {
  const prismaError = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } } | null;
  if (prismaError?.code === 'P2034') return true;
  const code = prismaError?.meta?.driverAdapterError?.cause?.originalCode;
  return code === '40P01' || code === '40001';
}

const groupsOn = new WeakMap<object, UnitGroups>();

/** Where units wait to share a commit, on a client whose writes are one connection's (SQLite); none on PostgreSQL. */
function groupsOf(db: Db): UnitGroups | undefined {
  if (!preparedReadsOf(db)?.transactions.sharesCommits) return undefined;
  let groups = groupsOn.get(db);
  if (!groups) {
    // A group starts no unit after GROUP_STARTS_WITHIN_MS, so its last one has Prisma's usual time.
    groups = unitGroups((body) => openTransaction(db, TRANSACTION_TIMEOUT_MS + GROUP_STARTS_WITHIN_MS, body));
    groupsOn.set(db, groups);
  }
  return groups;
}

/**
 * Opens one transaction through Prisma; its body makes the client of each unit in it, whose raw statements run
 * prepared once while the unit is `working` and the transaction is still the one Prisma opened for it.
 */
function openTransaction<T>(db: Db, timeoutMs: number, body: (clientFor: (working: () => boolean) => DbClient) => Promise<T>): Promise<T> {
  const prepared = preparedReadsOf(db)?.transactions;
  // Taken before Prisma starts the transaction's clock: while less than its timeout has passed since, Prisma has
  // not ended the transaction, so the one open for this unit is still the unit's: on SQLite the only one open on
  // Prisma's connection (its adapter lets one open at a time); on PostgreSQL a statement queued on its connection
  // now runs before the COMMIT or ROLLBACK Prisma queues later.
  const startedAt = performance.now();
  const inTime = () => performance.now() - startedAt < timeoutMs - TIMER_MARGIN_MS;
  const open = () =>
    db.$transaction(
      (prismaTx) => body((working) => (prepared ? withPreparedStatements(prismaTx, prepared, () => working() && inTime()) : prismaTx)),
      { timeout: timeoutMs },
    );
  return prepared ? prepared.opening(open) : open();
}

/**
 * Resolves once no unit of work runs on `db`, its after-commit tasks included. Shutdown waits for it
 * before closing what those tasks use: a reader who hung up mid-post leaves its handler running after
 * the server has closed, and the comment it committed must still drop the cached pages it changed.
 */
export function unitsSettled(db: Db): Promise<void> {
  const running = runningFor(db);
  return running.count === 0 ? Promise.resolve() : new Promise((resolve) => running.waiting.push(resolve));
}

/** The statement a raw call names: a Prisma.Sql, or a tagged template's parts. */
function sqlOf(args: unknown[]): Prisma.Sql {
  const [first, ...values] = args;
  return first instanceof Prisma.Sql ? first : Prisma.sql(first as readonly string[], ...values);
}

/**
 * A transaction's client whose raw statements ($queryRaw, $executeRaw: a post's writes, a decision's
 * update) run on statements prepared once, inside the transaction Prisma opened, while `isOwnOpen` says it is
 * still this unit's; through Prisma otherwise. Prisma's path compiles and interprets each of them anew: a third
 * of a post's CPU on SQLite (docs/decisions/0020). Its model API (findMany, update…) is Prisma's as before.
 */
function withPreparedStatements(tx: DbClient, statements: TransactionStatements, isOwnOpen: () => boolean): DbClient {
  const prepared =
    (answer: (result: StatementResult) => unknown, viaPrisma: (...args: unknown[]) => Promise<unknown>) =>
    (...args: unknown[]): Promise<unknown> => {
      try {
        const result = isOwnOpen() ? statements.run(sqlOf(args)) : null;
        return result ? Promise.resolve(result).then(answer) : viaPrisma(...args);
      } catch (error) {
        return Promise.reject(error as Error);
      }
    };
  const queryRaw = prepared((result) => result.rows, (...args) => Reflect.apply(tx.$queryRaw, tx, args) as Promise<unknown>);
  const executeRaw = prepared((result) => result.changes, (...args) => Reflect.apply(tx.$executeRaw, tx, args) as Promise<unknown>);
  return new Proxy(tx, {
    get: (target, property) => (property === '$queryRaw' ? queryRaw : property === '$executeRaw' ? executeRaw : Reflect.get(target, property)),
  });
}

/** True for a transaction's own client (it cannot open another transaction), false for the root client. */
export function isTransactionClient(db: DbClient): boolean {
  return typeof (db as { $transaction?: unknown }).$transaction !== 'function';
}
