import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import express from 'express';
import { pino } from 'pino';
import supertest from 'supertest';
import { createDb } from '../../src/db/client.js';
import { isStorageUnavailable } from '../../src/db/storage-health.js';
import { problemHandler } from '../../src/http/problem.js';
import { postgresUnavailable } from '../scale/support.js';

/** The error a call throws (the test fails when it does not throw). */
async function thrownBy(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  return assert.fail('expected a failure');
}

const dir = mkdtempSync(join(tmpdir(), 'majlis-unavailable-'));
const noPostgres = await postgresUnavailable();
after(() => rmSync(dir, { recursive: true, force: true }));

describe('isStorageUnavailable, on the drivers’ real failures', () => {
  it('is true for a PostgreSQL server nobody answers at, through Prisma', async () => {
    const { db } = createDb('postgresql://postgres@127.0.0.1:1/nowhere');
    try {
      assert.equal(isStorageUnavailable(await thrownBy(() => db.comment.findFirst())), true);
      assert.equal(isStorageUnavailable(await thrownBy(() => db.$queryRawUnsafe('SELECT 1'))), true);
    } finally {
      await db.$disconnect();
    }
  });

  it('is true for a transaction that found no pooled connection in time (PostgreSQL), false for one that expired at work', { skip: noPostgres ?? false }, async () => {
    // Each of the pool's 10 connections is in a transaction that outlives its time (1 s); an eleventh, let wait 0.2 s,
    // gets a connection only when they end, and fails with P2028 as it starts.
    const { db } = createDb(process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres');
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const holders = Array.from({ length: 10 }, () => db.$transaction(() => held, { timeout: 1000 }));
    try {
      const waited = await thrownBy(() => db.$transaction(async (tx) => tx.$queryRawUnsafe('SELECT 1'), { maxWait: 200 }));
      assert.equal((waited as { code?: string }).code, 'P2028');
      assert.equal(isStorageUnavailable(waited), true);
    } finally {
      release();
      await Promise.allSettled(holders);
    }
    // The same code for a transaction that ran past its own time is Majlis's to fix, not the database's.
    const expired = (await Promise.allSettled(holders)).find((outcome) => outcome.status === 'rejected');
    assert.equal((expired?.reason as { code?: string } | undefined)?.code, 'P2028');
    assert.equal(isStorageUnavailable(expired?.reason), false);
    await db.$disconnect();
  });

  it('is true for a SQLite file another writer holds locked, false for what a query got wrong', async () => {
    const file = join(dir, 'locked.db');
    const holder = new Database(file);
    holder.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    const waiter = new Database(file, { timeout: 0 });
    holder.exec('BEGIN EXCLUSIVE');
    try {
      assert.equal(isStorageUnavailable(await thrownBy(() => waiter.exec('INSERT INTO t VALUES (1)'))), true);
    } finally {
      holder.exec('ROLLBACK');
    }
    waiter.exec('INSERT INTO t VALUES (1)');
    assert.equal(isStorageUnavailable(await thrownBy(() => waiter.exec('INSERT INTO t VALUES (1)'))), false, 'a unique violation');
    assert.equal(isStorageUnavailable(await thrownBy(() => waiter.exec('SELECT nope FROM t'))), false, 'a query that is wrong');
    holder.close();
    waiter.close();
  });

  it('is false for a fault in Majlis itself', () => {
    assert.equal(isStorageUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')")), false);
    assert.equal(isStorageUnavailable(new Error('a bug')), false);
  });
});

describe('problemHandler, when the database cannot answer', () => {
  it('answers 503 with a time to try again, in the reader’s language, saying the text is not lost only to one who sent some', async () => {
    const app = express();
    app.all('/down', () => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', syscall: 'connect' });
    });
    app.use(problemHandler(pino({ level: 'silent' }), undefined, isStorageUnavailable));
    const post = await supertest(app).post('/down?lang=ar');
    assert.deepEqual([post.status, post.body.code, post.get('Retry-After')], [503, 'unavailable', '5']);
    assert.equal(post.body.detail, 'التعليقات غير متاحة للحظات. نصّك لم يضع: من فضلك حاول مجددًا بعد ثوانٍ.');
    const read = await supertest(app).get('/down?lang=en');
    assert.deepEqual([read.status, read.body.detail], [503, 'Comments are unavailable for a moment. Please try again in a few seconds.']);
  });
});
