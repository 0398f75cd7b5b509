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

  it('answers the errors of Express layers that carry a client status with that status, logging nothing; others are 500 and logged', async () => {
    const logged: string[] = [];
    const logger = pino({ level: 'error' }, { write: (line: string) => logged.push(line) });
    const app = express();
    app.get('/status/:n', (req) => {
      throw Object.assign(new Error(`Failed to decode param 'reader@example.org%'`), { status: Number(req.params.n) });
    });
    app.get('/zlib', () => {
      throw Object.assign(new Error('incorrect header check'), { statusCode: 400, code: 'Z_DATA_ERROR' });
    });
    app.get('/plain', () => {
      throw new Error('a bug');
    });
    app.use(problemHandler(logger));
    const codes: Array<[number, string]> = [];
    for (const path of ['/status/400', '/status/404', '/status/413', '/status/415', '/status/416', '/zlib']) {
      const res = await supertest(app).get(path);
      codes.push([res.status, res.body.code]);
    }
    assert.deepEqual(codes, [
      [400, 'malformed_request'],
      [404, 'not_found'],
      [413, 'payload_too_large'],
      [415, 'unsupported_media_type'],
      [400, 'malformed_request'],
      [400, 'malformed_request'],
    ]);
    assert.deepEqual(logged, [], 'the client sent it: nothing is logged, and so no address it carried');
    assert.equal((await supertest(app).get('/plain')).status, 500);
    assert.equal(logged.length, 1);
  });

  it("tells a reader who sent text that it is not lost, and a failed read only to try again, in both languages", async () => {
    const app = express();
    app.all('/fails', () => {
      throw new Error('the database went away');
    });
    app.use(problemHandler(pino({ level: 'silent' })));
    const detail = async (method: 'get' | 'post', lang: string) => (await supertest(app)[method](`/fails?lang=${lang}`)).body.detail as string;
    assert.equal(await detail('get', 'en'), 'Something went wrong on our side. Please try again.');
    assert.equal(await detail('post', 'en'), 'Something went wrong on our side. Your text is not lost: please try again.');
    assert.equal(await detail('get', 'ar'), 'حدث خطأ من جهتنا. من فضلك حاول مجددًا.');
  });
});
