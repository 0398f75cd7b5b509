import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, it } from 'node:test';
import { codedEtag, encodeDynamic, encodeStatic, negotiateCoding } from '../../../src/http/content-coding.js';
import { matchesEtag } from '../../../src/http/encoded-response.js';

describe('negotiateCoding', () => {
  const cases: Array<[string | undefined, 'br' | 'gzip' | null]> = [
    [undefined, null],
    ['', null],
    ['identity', null],
    ['deflate', null],
    ['gzip', 'gzip'],
    ['x-gzip', 'gzip'],
    ['br', 'br'],
    ['BR', 'br'],
    ['gzip, deflate', 'gzip'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0.8, gzip;q=0.8', 'br'],
    ['gzip;q=1.0, br;q=0.999', 'gzip'],
    ['br;q=0, gzip;q=0', null],
    ['*', 'br'],
    ['*;q=0', null],
    ['*;q=0.1, br;q=0', 'gzip'],
    ['gzip;q=0.5, identity;q=1', null],
    ['gzip;q=1, identity;q=0.5', 'gzip'],
    ['gzip; q=0.7 , br ; q=0.3', 'gzip'],
    ['br;q=abc', null],
    ['br;q=1.5, gzip;q=0.2', 'gzip'],
    [',,; ;q=', null],
  ];
  for (const [header, expected] of cases) {
    it(`${JSON.stringify(header)} → ${expected ?? 'identity'}`, () => {
      assert.equal(negotiateCoding(header), expected);
      assert.equal(negotiateCoding(header), expected, 'the memoised answer is the same');
    });
  }
});

describe('entity tags per representation', () => {
  it('differ per coding, weak or strong, and If-None-Match compares weakly', () => {
    assert.equal(codedEtag('W/"abc"', 'br'), 'W/"abc-br"');
    assert.equal(codedEtag('"abc"', 'gzip'), '"abc-gzip"');
    assert.ok(matchesEtag('W/"abc-br"', '"abc-br"'));
    assert.ok(matchesEtag('"x", W/"abc"', 'W/"abc"'));
    assert.ok(matchesEtag('*', '"anything"'));
    assert.ok(!matchesEtag('W/"abc"', 'W/"abc-br"'));
    assert.ok(!matchesEtag(undefined, 'W/"abc"'));
  });
});

describe('encodeStatic and encodeDynamic', () => {
  const text = Buffer.from('تعليق على المقال، with some English too. '.repeat(100));

  it('leave small rendered bodies as they are, but compress small static assets once if it saves bytes', async () => {
    const small = Buffer.from('{"ok":true}');
    assert.deepEqual(Object.keys(await encodeDynamic(small, '"s"')), ['identity']);
    assert.deepEqual(Object.keys(encodeStatic(small, '"s"')), ['identity'], 'nothing to gain');
    const shell = Buffer.from('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Majlis</title></head><body><div id="app"></div></body></html>'.repeat(3));
    assert.ok(encodeStatic(shell, '"h"').br);
  });

  it('add brotli and gzip forms that decode to the same bytes, each with its own ETag', async () => {
    for (const encoded of [encodeStatic(text, '"t"'), await encodeDynamic(text, 'W/"t"')]) {
      assert.ok(encoded.br && encoded.gzip);
      assert.ok(brotliDecompressSync(encoded.br.body).equals(text));
      assert.ok(gunzipSync(encoded.gzip.body).equals(text));
      assert.ok(encoded.br.body.length < text.length / 5);
      assert.equal(new Set([encoded.identity.etag, encoded.br.etag, encoded.gzip.etag]).size, 3);
    }
  });

  it('leave out a coding that would not make the body smaller', () => {
    const noise = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 2654435761) % 251));
    const encoded = encodeStatic(noise, '"n"');
    for (const coding of ['br', 'gzip'] as const) assert.ok(!encoded[coding] || encoded[coding].body.length < noise.length);
  });
});
