import { randomBytes } from 'node:crypto';
import type { Db } from './client.js';

// SQLite's SQLITE_FULL ("database or disk is full"), the OS's ENOSPC, PostgreSQL's disk_full (53100).
const FULL = /database or disk is full|SQLITE_FULL|no space left on device|ENOSPC|could not extend file|\b53100\b/i;

/** An error and what it carries: its `cause` chain, and the driver's own failure a Prisma error holds in `meta`. */
function* causesOf(error: unknown): Generator<{ message?: unknown; code?: unknown; kind?: unknown; extendedCode?: unknown }> {
  const queue = [error];
  for (let seen = 0; queue.length > 0 && seen < 8; seen += 1) {
    const cause = queue.shift();
    if (typeof cause !== 'object' || cause === null) continue;
    yield cause;
    queue.push((cause as { cause?: unknown }).cause, (cause as { meta?: { driverAdapterError?: unknown } }).meta?.driverAdapterError);
  }
}

function isStorageFull(error: unknown): boolean {
  for (const { message, code } of causesOf(error)) {
    if ((typeof message === 'string' && FULL.test(message)) || code === '53100' || code === 'SQLITE_FULL') return true;
  }
  return false;
}

// Prisma's codes for a server it cannot reach or that stopped answering, and for a connection pool with none free.
const PRISMA_UNAVAILABLE = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
// The driver adapters' kinds of the same.
const ADAPTER_UNAVAILABLE = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'TooManyConnections', 'SocketTimeout']);
// PostgreSQL: connection exceptions (class 08), a server shutting down or starting (57P01-57P03), too many connections.
const POSTGRES_UNAVAILABLE = /^(08...|57P0[123]|53300)$/;
// The network's answers, and node-postgres's own words for a pool that timed out or a connection that dropped.
const NETWORK_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'EAI_AGAIN']);
const POOL_UNAVAILABLE = /^(timeout exceeded when trying to connect|Connection terminated)/;
// Prisma's P2028 covers every fault of its transaction API; only this one says the pool had no connection in time.
const TRANSACTION_WAIT = /Unable to start a transaction in the given time/;
// SQLite: another writer held the lock past the busy timeout (BUSY, LOCKED), or the disk failed (IOERR); by primary code too.
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|IOERR)/;
const SQLITE_UNAVAILABLE_PRIMARY = new Set([5, 6, 10]);

/**
 * True when a failure is the database's, for now: unreachable, restarting, out of connections, locked by another
 * writer past the busy timeout, or full. Such a request is answered 503 with a time to try again, not 500: nothing
 * is wrong with it, and a load balancer or the reader's retry can do better than give up.
 */
export function isStorageUnavailable(error: unknown): boolean {
  if (isStorageFull(error)) return true;
  for (const { message, code, kind, extendedCode } of causesOf(error)) {
    if (typeof code === 'string' && (PRISMA_UNAVAILABLE.has(code) || POSTGRES_UNAVAILABLE.test(code) || NETWORK_UNAVAILABLE.has(code) || SQLITE_UNAVAILABLE.test(code))) return true;
    if (typeof kind === 'string' && ADAPTER_UNAVAILABLE.has(kind)) return true;
    if (kind === 'sqlite' && typeof extendedCode === 'number' && SQLITE_UNAVAILABLE_PRIMARY.has(extendedCode & 0xff)) return true;
    if (typeof message === 'string' && (POOL_UNAVAILABLE.test(message) || (code === 'P2028' && TRANSACTION_WAIT.test(message)))) return true;
  }
  return false;
}

/** A write big enough to need a fresh page, undone in the same transaction: it fails exactly while the storage is full. */
async function probeWrite(db: Db): Promise<void> {
  const name = `storage-probe:${randomBytes(8).toString('hex')}:${'x'.repeat(8192)}`;
  await db.$transaction(async (tx) => {
    await tx.jobLease.create({ data: { name, leasedUntil: new Date(0) } });
    await tx.jobLease.delete({ where: { name } });
  });
}

/**
 * Remembers that a write failed because the database or its disk is full, so `/readyz` answers 503
 * (a load balancer sends writers elsewhere) until a probe write succeeds again: once space is free,
 * readiness comes back by itself, as do writes, which never needed a restart.
 */
export class StorageHealth {
  private full = false;

  constructor(private readonly db: Db) {}

  /** Looks at any failure the service did not expect: a full storage is remembered; true when the storage is unavailable for now. */
  observe(error: unknown): boolean {
    if (isStorageFull(error)) this.full = true;
    return isStorageUnavailable(error);
  }

  /** The readiness check: fine until a write failed for lack of space, then fine again once one succeeds. */
  async check(): Promise<void> {
    if (!this.full) return;
    await probeWrite(this.db);
    this.full = false;
  }
}
