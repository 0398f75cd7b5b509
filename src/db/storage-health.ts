import { randomBytes } from 'node:crypto';
import type { Db } from './client.js';

// SQLite's SQLITE_FULL ("database or disk is full"), the OS's ENOSPC, PostgreSQL's disk_full (53100).
const FULL = /database or disk is full|SQLITE_FULL|no space left on device|ENOSPC|could not extend file|\b53100\b/i;

function isStorageFull(error: unknown): boolean {
  for (let cause: unknown = error, depth = 0; cause && depth < 5; depth += 1) {
    const { message, code } = cause as { message?: unknown; code?: unknown };
    if ((typeof message === 'string' && FULL.test(message)) || code === '53100' || code === 'SQLITE_FULL') return true;
    cause = (cause as { cause?: unknown }).cause;
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

  /** Looks at any failure the service did not expect; a full storage is remembered. */
  observe(error: unknown): void {
    if (isStorageFull(error)) this.full = true;
  }

  /** The readiness check: fine until a write failed for lack of space, then fine again once one succeeds. */
  async check(): Promise<void> {
    if (!this.full) return;
    await probeWrite(this.db);
    this.full = false;
  }
}
