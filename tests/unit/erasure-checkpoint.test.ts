// An erasure empties SQLite's write-ahead log (src/privacy/privacy.repository.ts). SQLite answers "busy" rather than
// wait while another connection checkpoints (an import in another process, say), so the erasure tries again.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DbClient } from '../../src/db/client.js';
import { checkpointSqlite } from '../../src/privacy/privacy.repository.js';

/** A client whose checkpoints answer `busy` in turn (the last answer repeats), counting what it was asked. */
function answering(busy: number[]): { db: DbClient; asked: string[] } {
  const asked: string[] = [];
  const db = {
    $queryRawUnsafe: (sql: string) => {
      asked.push(sql);
      return Promise.resolve([{ busy: busy.length > 1 ? busy.shift() : busy[0], log: 0, checkpointed: 0 }]);
    },
  } as unknown as DbClient;
  return { db, asked };
}

describe("an erasure's checkpoint", () => {
  it('tries again while another checkpoint keeps the log busy, and empties it once that one has ended', async () => {
    const { db, asked } = answering([1, 1, 0]);
    await checkpointSqlite(db);
    assert.deepEqual(asked, Array(3).fill('PRAGMA wal_checkpoint(TRUNCATE)'));
  });

  it('fails rather than leave the log as it is when it stays busy', async () => {
    const { db, asked } = answering([1]);
    await assert.rejects(checkpointSqlite(db), /could not be emptied/);
    assert.equal(asked.length, 50);
  });
});
