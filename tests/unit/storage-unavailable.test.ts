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
