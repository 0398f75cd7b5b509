// An erasure empties SQLite's write-ahead log (src/privacy/privacy.repository.ts). SQLite answers "busy" rather than
// wait while another connection checkpoints (an import in another process, say), so the erasure tries again; if the
// log stays busy, the erasure fails rather than leave erased pages in it.
import assert from 'node:assert/strict';
import { mkdtempSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as pause } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { createDb } from '../../src/db/client.js';
import { applyMigrations } from '../../src/db/migrate.js';
import { checkpointSqlite } from '../../src/privacy/privacy.repository.js';

const onSqlite = !(process.env.TEST_DATABASE_URL ?? '').startsWith('postgres');

// In another thread, a FULL checkpoint takes SQLite's checkpoint lock, then waits (up to its busy timeout) for the
// writer the test holds: for that long, the lock is another connection's.
const HOLDER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const connection = new Database(workerData.file, { timeout: 5000 });
parentPort.postMessage('checkpointing');
parentPort.postMessage(connection.pragma('wal_checkpoint(FULL)')[0]);
`;

/** A migrated SQLite file whose log holds pages, the service's client on it, and another thread holding its checkpoint lock until `release`. */
async function logHeldByAnotherCheckpoint() {
  const file = join(mkdtempSync(join(tmpdir(), 'majlis-erasure-checkpoint-')), 'test.db');
  await applyMigrations(`file:${file}`);
  const { db } = createDb(`file:${file}`);
  for (let i = 0; i < 20; i += 1) await db.thread.create({ data: { key: `log-${i}`, title: 'x'.repeat(2000), createdAt: new Date(0) } });
  assert.ok(statSync(`${file}-wal`).size > 0);
  const writer = new Database(file);
  writer.exec('BEGIN IMMEDIATE');
  const holder = new Worker(HOLDER, { eval: true, workerData: { file, driver: createRequire(import.meta.url).resolve('better-sqlite3') } });
  const holderDone = new Promise((resolve) => holder.on('message', (message) => message !== 'checkpointing' && resolve(message)));
  await new Promise((resolve) => holder.once('message', resolve));
  // The holder is inside its checkpoint, waiting for the writer.
  await pause(150);
  const release = async () => {
    if (writer.inTransaction) writer.exec('COMMIT');
    await holderDone;
    await holder.terminate();
  };
  const close = async () => {
    await release();
    writer.close();
    await db.$disconnect();
  };
  return { file, db, release, close };
}

describe("an erasure's checkpoint", { skip: !onSqlite && 'SQLite only' }, () => {
  it('tries again while another connection checkpoints, and empties the log once that one has finished', async () => {
    const held = await logHeldByAnotherCheckpoint();
    try {
      // Let the other checkpoint finish a little after the erasure's first try.
      setTimeout(() => void held.release(), 60);
      await checkpointSqlite(held.db);
      assert.equal(statSync(`${held.file}-wal`).size, 0, 'the log is empty');
    } finally {
      await held.close();
    }
  });

  it('fails rather than leave the log as it is when it stays busy', async () => {
    const held = await logHeldByAnotherCheckpoint();
    try {
      await assert.rejects(checkpointSqlite(held.db), /could not be emptied/);
      assert.ok(statSync(`${held.file}-wal`).size > 0, 'the log was left to the next try, not truncated under the other checkpoint');
    } finally {
      await held.close();
    }
  });
});
