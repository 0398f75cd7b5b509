import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import express, { type Response } from 'express';
import supertest from 'supertest';
import { ResponseRecorder } from '../setup/response-recorder.js';

const PAGE = { thread: { key: 'k', title: null, url: null, closed: false, commentCount: 0 }, comments: [], picks: [], nextCursor: null };
const COMMENT = {
  id: 1,
  parentId: null,
  authorName: 'سارة',
  authorUrl: null,
  avatar: '/avatars/AAAAAAAAAAAAAAAA.svg',
  body: 'مقال ممتاز',
  createdAt: '2026-11-26T10:00:00.000Z',
  edited: false,
  deleted: false,
  reactions: 0,
  featured: false,
  replies: [],
};
const CDN = 'public, max-age=10, stale-while-revalidate=60';
const problem = (res: Response, status: number, code: string) =>
  res.status(status).set('Cache-Control', 'no-store').type('application/problem+json').send(JSON.stringify({ type: `urn:majlis:problem:${code}`, title: 'Error', status, detail: 'x', code }));

/** An app that answers the way a careless change to Majlis might, one drift per route. */
function driftingApp() {
  const app = express();
  app.set('etag', false);
  app.use((_req, res, next) => {
    res.setHeader('X-Request-Id', 'test-1');
    next();
  });
  app.get('/api/v1/threads/:key/comments', (req, res) => {
    if (req.query.case === 'good') return res.set({ ETag: 'W/"a"', 'Cache-Control': CDN }).json(PAGE);
    if (req.query.case === 'not-modified') return res.status(304).set({ ETag: 'W/"a"', 'Cache-Control': CDN }).end();
    if (req.query.case === 'no-etag') return res.set('Cache-Control', CDN).json(PAGE);
    res.set({ ETag: 'W/"a"', 'Cache-Control': CDN }).json({ ...PAGE, comments: [{ ...COMMENT, authorEmail: 'leak@example.org' }] });
  });
  app.get('/api/v1/counts', (_req, res) => res.set('Cache-Control', CDN).json({ total: 3 }));
  app.get('/readyz', (_req, res) => res.status(418).set('Cache-Control', 'no-store').json({ status: 'teapot' }));
  app.post('/api/v1/comments/:id/flags', (_req, res) => res.status(202).type('text/plain').send('ok'));
  app.post('/api/v1/auth/login', (_req, res) => problem(res, 429, 'login_locked'));
  app.get('/api/v1/moderation/export', (_req, res) => {
    res.set({ 'Cache-Control': 'no-store', 'Content-Disposition': 'attachment; filename="majlis-export.ndjson"' }).type('application/x-ndjson');
    res.write('{"type":"thread","key":"k","title":null,"url":null,"lang":null,"closed":false,"createdAt":"2026-11-26T10:00:00.000Z"}\n');
    res.end('{"type":"thread","key":"k"}\n');
  });
  app.get('/api/v1/extra', (_req, res) => res.json({}));
  app.use((_req, res) => problem(res, 404, 'not_found'));
  return app;
}

async function driftsOf(send: (request: supertest.Agent) => Promise<unknown>): Promise<string[]> {
  const recorder = new ResponseRecorder();
  await send(supertest.agent(recorder.wrap(driftingApp())));
  return recorder.drifts;
}

describe('OpenAPI drift check of the test suites', () => {
  it('passes responses the document describes: a thread page, a 304, the not-found problem of an unknown path, a preflight', async () => {
    const drifts = await driftsOf(async (request) => {
      await request.get('/api/v1/threads/k/comments?case=good');
      await request.get('/api/v1/threads/k/comments?case=not-modified');
      await request.head('/api/v1/threads/k/comments?case=good');
      await request.get('/api/v1/nothing-here');
      await request.options('/api/v1/counts');
    });
    assert.deepEqual(drifts, []);
  });

  it('reports a body that lacks a required field or carries one the schema does not allow', async () => {
    const drifts = await driftsOf(async (request) => {
      await request.get('/api/v1/counts');
      await request.get('/api/v1/threads/k/comments?case=leak');
    });
    assert.ok(drifts.some((d) => d.startsWith('GET /api/v1/counts → 200') && /must have required property 'counts'/.test(d)), drifts.join('\n'));
    assert.ok(drifts.some((d) => /body must NOT have additional properties: total$/.test(d)), drifts.join('\n'));
    assert.ok(drifts.some((d) => /body\/comments\/0 must NOT have additional properties: authorEmail$/.test(d)), drifts.join('\n'));
  });

  it('reports an undocumented status, media type, route or missing header', async () => {
    const drifts = await driftsOf(async (request) => {
      await request.get('/readyz');
      await request.post('/api/v1/comments/1/flags');
      await request.get('/api/v1/extra');
      await request.get('/api/v1/threads/k/comments?case=no-etag');
      await request.post('/api/v1/auth/login');
    });
    const expected = [
      /^GET \/readyz → 418: status 418 is not documented for GET \/readyz$/,
      /^POST \/api\/v1\/comments\/1\/flags → 202: media type text\/plain is not documented \(documented: application\/json, text\/html\)$/,
      /^GET \/api\/v1\/extra → 200: GET \/api\/v1\/extra is not a documented operation$/,
      /^GET \/api\/v1\/threads\/k\/comments\?case=no-etag → 200: required header ETag is missing$/,
      /^POST \/api\/v1\/auth\/login → 429: required header Retry-After is missing$/,
    ];
    for (const pattern of expected) assert.ok(drifts.some((d) => pattern.test(d)), `${pattern} not in:\n${drifts.join('\n')}`);
  });

  it('checks a streamed JSON Lines body line by line', async () => {
    const drifts = await driftsOf((request) => request.get('/api/v1/moderation/export'));
    assert.ok(drifts.length > 0 && drifts.every((d) => d.startsWith('GET /api/v1/moderation/export → 200: line 2: ')), drifts.join('\n'));
    assert.ok(drifts.some((d) => /body must have required property 'title'$/.test(d)), drifts.join('\n'));
  });

  it('fails the test file with every drift listed', async () => {
    const recorder = new ResponseRecorder();
    await supertest(recorder.wrap(driftingApp())).get('/api/v1/counts');
    assert.throws(() => recorder.assertNoDrift(), /OpenAPI document does not describe:\n(?:.*\n)*GET \/api\/v1\/counts → 200: body must have required property 'counts'/);
  });
});
