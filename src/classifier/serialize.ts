// The stored form of a model, for the database. Version 1, little-endian:
//   "MJLC" · u16 format version · u8 hashBits, minGram, maxGram, 0 · u32 × 3 example counts
//   (acceptable, abusive, spam) · f64 × 2 biases · f64 weight step · u32 length + JSON metrics
//   (or null) · u32 number of non-zero buckets · per bucket: varint gap from the previous one,
//   then i16 abusive weight, i16 spam weight · u32 CRC-32 of everything before it.
// Only buckets some training example touched are stored, so the size follows the data (about
// 5 bytes per bucket: well under 2 MB at the default 2^18 buckets).
import { ByteReader, ByteWriter, crc32, ModelFormatError } from './bytes.js';
import { FORMAT_VERSION } from './model.js';
import { modelMetricsSchema, type Model } from './types.js';

const MAGIC = [0x4d, 0x4a, 0x4c, 0x43]; // "MJLC"
const MIN_HASH_BITS = 8;
const MAX_HASH_BITS = 24;
const MAX_GRAM = 8;

/** The model as bytes (deterministic: the same model always gives the same bytes). */
export function serializeModel(model: Model): Uint8Array {
  const out = new ByteWriter();
  out.raw(Uint8Array.from(MAGIC));
  out.u16(FORMAT_VERSION);
  out.u8(model.features.hashBits);
  out.u8(model.features.minGram);
  out.u8(model.features.maxGram);
  out.u8(0);
  out.u32(model.counts.acceptable);
  out.u32(model.counts.abusive);
  out.u32(model.counts.spam);
  out.f64(model.bias[0] as number);
  out.f64(model.bias[1] as number);
  out.f64(model.weightStep);
  const metrics = new TextEncoder().encode(JSON.stringify(model.metrics));
  out.u32(metrics.length);
  out.raw(metrics);
  const { weights } = model;
  const used: number[] = [];
  for (let b = 0; b < weights.length / 2; b++) if (weights[b * 2] !== 0 || weights[b * 2 + 1] !== 0) used.push(b);
  out.u32(used.length);
  let previous = -1;
  for (const b of used) {
    out.varint(b - previous - 1);
    out.i16(weights[b * 2] as number);
    out.i16(weights[b * 2 + 1] as number);
    previous = b;
  }
  out.u32(crc32(out.result()));
  return out.result();
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new ModelFormatError(message);
}

function readMetrics(bytes: Uint8Array): Model['metrics'] {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new ModelFormatError('The stored model has unreadable metrics.');
  }
  if (json === null) return null;
  const parsed = modelMetricsSchema.safeParse(json);
  check(parsed.success, 'The stored model has invalid metrics.');
  return parsed.data ?? null;
}

/** Reads a stored model; throws `ModelFormatError` for anything that is not a whole, supported model. */
export function deserializeModel(bytes: Uint8Array): Model {
  check(bytes.length >= 8 && MAGIC.every((byte, i) => bytes[i] === byte), 'Not a Majlis classifier model.');
  const body = bytes.subarray(0, bytes.length - 4);
  const stored = new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 4, 4).getUint32(0, true);
  const input = new ByteReader(body);
  input.raw(4);
  const version = input.u16();
  check(version === FORMAT_VERSION, `Unsupported classifier model format ${version} (this version reads ${FORMAT_VERSION}); retrain the model.`);
  check(crc32(body) === stored, 'The stored model is damaged (checksum mismatch).');
  const features = { hashBits: input.u8(), minGram: input.u8(), maxGram: input.u8() };
  input.u8();
  check(features.hashBits >= MIN_HASH_BITS && features.hashBits <= MAX_HASH_BITS, 'The stored model has an invalid feature size.');
  check(features.minGram >= 1 && features.minGram <= features.maxGram && features.maxGram <= MAX_GRAM, 'The stored model has invalid n-gram lengths.');
  const counts = { acceptable: input.u32(), abusive: input.u32(), spam: input.u32() };
  const bias = Float64Array.of(input.f64(), input.f64());
  const weightStep = input.f64();
  check(bias.every(Number.isFinite) && Number.isFinite(weightStep) && weightStep >= 0, 'The stored model has invalid weights.');
  const metrics = readMetrics(input.raw(input.u32()));
  const buckets = 2 ** features.hashBits;
  const used = input.u32();
  check(used <= buckets, 'The stored model lists more weights than it has buckets.');
  const weights = new Int16Array(buckets * 2);
  let b = -1;
  for (let k = 0; k < used; k++) {
    b += input.varint() + 1;
    check(b < buckets, 'The stored model has a weight outside its buckets.');
    weights[b * 2] = input.i16();
    weights[b * 2 + 1] = input.i16();
  }
  check(input.offset === body.length, 'The stored model has unexpected trailing data.');
  return { formatVersion: version, features, counts, metrics, bias, weights, weightStep };
}
