// An erasure empties SQLite's write-ahead log (src/privacy/privacy.repository.ts). SQLite answers "busy" rather than
// wait while another connection checkpoints (an import in another process, say), so the erasure tries again.
import assert from 'node:assert/strict';
import { mkdtempSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { createDb } from '../../src/db/client.js';
import type { DbClient } from '../../src/db/client.js';
import { applyMigrations } from '../../src/db/migrate.js';
import { checkpointSqlite } from '../../src/privacy/privacy.repository.js';

const onSqlite = !(process.env.TEST_DATABASE_URL ?? '').startsWith('postgres');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

// In another thread, a FULL checkpoint takes SQLite's checkpoint lock, then waits (up to its busy timeout) for the
// writer that the test holds: for that long, the lock is another connection's.
const HOLDER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const connection = new Database(workerData.file, { timeout: 5000 });
parentPort.postMessage('checkpointing');
parentPort.postMessage(connection.pragma('wal_checkpoint(FULL)')[0]);
`;

describe("an erasure's checkpoint", () => {
  it('empties the log once another connection has finished its checkpoint (real SQLite, the lock held by another thread)', { skip: !onSqlite && 'SQLite only' }, async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'majlis-erasure-checkpoint-')), 'test.db');
    await applyMigrations(`file:${file}`);
    const { db } = createDb(`file:${file}`);
    const writer = new Database(file);
    try {
      for (let i = 0; i < 20; i += 1) await db.thread.create({ data: { key: `log-${i}`, title: 'x'.repeat(2000), createdAt: new Date(0) } });
      assert.ok(statSync(`${file}-wal`).size > 0);
      writer.exec('BEGIN IMMEDIATE');
      const holder = new Worker(HOLDER, { eval: true, workerData: { file, driver: createRequire(import.meta.url).resolve('better-sqlite3') } });
      const holderDone = new Promise((resolve) => holder.on('message', (message) => message !== 'checkpointing' && resolve(message)));
      await new Promise((resolve) => holder.once('message', resolve));
      // The holder is inside its checkpoint, waiting for the writer; let the writer go a little after the erasure's first try.
      await pause(150);
      setTimeout(() => writer.exec('COMMIT'), 60);
      await checkpointSqlite(db);
      await holderDone;
      await holder.terminate();
      assert.equal(statSync(`${file}-wal`).size, 0, 'the log is empty');
    } finally {
      if (writer.inTransaction) writer.exec('COMMIT');
      writer.close();
      await db.$disconnect();
    }
  });

  it('tries again while the log is busy, as often as it takes', async () => {
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
