import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildModel,
  deserializeModel,
  ModelFormatError,
  scoreComment,
  serializeModel,
  type ModelMetrics,
} from '../../../src/classifier/index.js';
import { crc32 } from '../../../src/classifier/bytes.js';
import { syntheticExamples } from './examples.js';

const model = buildModel(syntheticExamples({ acceptable: 300, abusive: 200, spam: 200 }), { seed: 3, folds: 3 });
const bytes = serializeModel(model);
const TEXTS = ['يا غَبـــيّ', 'Earn money from home, call 0800 765 4321 now!', 'شكرا على التقرير', 'mixed حقير moron 😡'];

// A stored model's body (everything but its checksum) sealed with a valid checksum, so a test
// reaches the check it is about instead of the checksum.
function sealed(body: Uint8Array): Uint8Array {
  const blob = new Uint8Array(body.length + 4);
  blob.set(body);
  new DataView(blob.buffer).setUint32(body.length, crc32(body), true);
  return blob;
}

function resealed(change: (body: Uint8Array) => void): Uint8Array {
  const body = bytes.slice(0, -4);
  change(body);
  return sealed(body);
}

function flipped(offset: number): Uint8Array {
  const copy = bytes.slice();
  copy[offset] = (copy[offset] as number) ^ 0xff;
  return copy;
}

describe('serializeModel / deserializeModel', () => {
  it('round-trips: the loaded model scores and explains exactly like the trained one', () => {
    const loaded = deserializeModel(bytes);
    for (const text of TEXTS) assert.deepEqual(scoreComment(loaded, text), scoreComment(model, text));
    assert.deepEqual(loaded.counts, model.counts);
    assert.deepEqual(loaded.metrics, model.metrics);
    assert.deepEqual(loaded.features, model.features);
    assert.deepEqual(serializeModel(loaded), bytes);
  });

  it('is compact', () => {
    assert.ok(bytes.length < 2_000_000, `${bytes.length} bytes`);
  });

  it('reads a blob at any offset of a larger buffer (as database drivers return them)', () => {
    const padded = new Uint8Array(bytes.length + 7);
    padded.set(bytes, 7);
    const text = TEXTS[0] as string;
    assert.deepEqual(scoreComment(deserializeModel(padded.subarray(7)), text), scoreComment(model, text));
  });

  const corrupt: readonly (readonly [name: string, blob: Uint8Array, message: RegExp])[] = [
    ['empty', new Uint8Array(0), /Not a Majlis classifier model/],
    ['other data', new TextEncoder().encode('{"model": "no"}'), /Not a Majlis classifier model/],
    ['a newer format', resealed((copy) => new DataView(copy.buffer).setUint16(4, 99, true)), /Unsupported classifier model format 99/],
    ['cut in half', bytes.slice(0, bytes.length >> 1), /damaged|truncated/],
    ['missing its last byte', bytes.slice(0, -1), /damaged|truncated/],
    ['one weight byte flipped', flipped(bytes.length - 10), /damaged/],
    ['an impossible feature size', resealed((copy) => (copy[6] = 40)), /invalid feature size/],
    ['n-gram lengths out of order', resealed((copy) => ((copy[7] = 5), (copy[8] = 2))), /invalid n-gram lengths/],
    ['metrics that are not JSON', resealed((copy) => (copy[50] = 0x29)), /unreadable metrics/],
    ['metrics of the wrong shape', serializeModel({ ...model, metrics: { folds: 1 } as unknown as ModelMetrics }), /invalid metrics/],
    ['extra bytes before the checksum', sealed(Uint8Array.from([...bytes.subarray(0, -4), 0, 0, 0])), /trailing data/],
  ];
  for (const [name, blob, message] of corrupt) {
    it(`refuses a blob that is ${name}`, () => {
      assert.throws(() => deserializeModel(blob), (error: unknown) => error instanceof ModelFormatError && message.test(error.message));
    });
  }

  it('refuses every truncation with a ModelFormatError, never a crash', () => {
    for (let length = 0; length < bytes.length; length += 997) {
      assert.throws(() => deserializeModel(bytes.subarray(0, length)), ModelFormatError);
    }
  });
});
