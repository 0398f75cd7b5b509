import assert from 'node:assert/strict';
import { createServer, get, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { HeaderLines, endWith } from '../../../src/http/header-lines.js';

describe('HeaderLines', () => {
  it('keeps headers in order, a name set again replaced in place', () => {
    const head = new HeaderLines().setHeader('Vary', 'Origin').setHeader('ETag', '"a"');
    head.setHeader('Vary', 'Origin, Accept-Encoding');
    assert.equal(head.getHeader('Vary'), 'Origin, Accept-Encoding');
    assert.equal(head.getHeader('ETag'), '"a"');
    assert.equal(head.getHeader('Cache-Control'), undefined);
  });

  it('never takes a value for a name', () => {
    const head = new HeaderLines().setHeader('X-Note', 'Vary');
    assert.equal(head.getHeader('Vary'), undefined);
    head.setHeader('Vary', 'Origin');
    assert.equal(head.getHeader('X-Note'), 'Vary');
    assert.equal(head.getHeader('Vary'), 'Origin');
  });

  it('goes out with the status line, beside headers set on the response itself', async () => {
    const server = createServer((_req, res) => {
      res.setHeader('X-Set', 'on the response');
      endWith(res, new HeaderLines().setHeader('Content-Type', 'text/plain').setHeader('Content-Length', 2), 203, Buffer.from('ok'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { status, headers, body } = await new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>((resolve, reject) => {
        get({ host: '127.0.0.1', port: (server.address() as AddressInfo).port }, (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
        }).on('error', reject);
      });
      assert.equal(status, 203);
      assert.equal(body, 'ok');
      assert.equal(headers['content-type'], 'text/plain');
      assert.equal(headers['content-length'], '2');
      assert.equal(headers['x-set'], 'on the response');
    } finally {
      server.close();
    }
  });
});
