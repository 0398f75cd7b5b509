import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import express from 'express';
import { pino } from 'pino';
import supertest from 'supertest';
import { problemHandler } from '../../src/http/problem.js';

describe('problemHandler', () => {
  it('cuts a response that fails after it started streaming, instead of leaving the client waiting', async () => {
    const app = express();
    app.get('/stream', async (_req, res) => {
      res.status(200).type('application/x-ndjson');
      res.write('{"type":"thread"}\n');
      await Promise.resolve();
      throw new Error('the database went away mid-export');
    });
    app.use(problemHandler(pino({ level: 'silent' })));
    await assert.rejects(supertest(app).get('/stream').timeout(5000), (error: Error & { code?: string }) => error.code !== 'ECONNABORTED');
  });
});
