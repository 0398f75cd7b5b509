import { constants, brotliCompress, brotliCompressSync, gzip, gzipSync, type BrotliOptions, type ZlibOptions } from 'node:zlib';
import { memoized } from '../shared/memo.js';

/** The content codings Majlis sends besides identity. */
export type ContentCoding = 'br' | 'gzip';

/** Bodies compressed per response (or per cached page) below this size go out as they are: the saving would not pay for the work. */
export const COMPRESS_MIN_BYTES = 1024;

/** One representation of a body: its bytes and its own entity tag. */
export interface Representation {
  body: Buffer;
  etag: string;
}

/** A body in every coding worth sending: identity always, br and gzip when they are smaller. */
export interface EncodedBody {
  identity: Representation;
  br?: Representation;
  gzip?: Representation;
}

function parseQuality(param: string | undefined): number {
  if (param === undefined) return 1;
  // RFC 9110 qvalue: 0 to 1 with at most three decimals; anything else counts as "not acceptable".
  const match = /^\s*q\s*=\s*(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)\s*$/i.exec(param);
  return match ? Number(match[1]) : 0;
}

function negotiate(header: string): ContentCoding | null {
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', param] = part.split(';', 2);
    const coding = name.trim().toLowerCase();
    if (coding) q.set(coding === 'x-gzip' ? 'gzip' : coding, parseQuality(param));
  }
  const qOf = (coding: string) => q.get(coding) ?? q.get('*') ?? 0;
  const [br, gz] = [qOf('br'), qOf('gzip')];
  const best = Math.max(br, gz);
  // Identity is acceptable unless refused, but it only wins when asked for more strongly than any coding.
  if (best === 0 || best < (q.get('identity') ?? 0)) return null;
  return br >= gz ? 'br' : 'gzip';
}

const negotiateMemoized = memoized(negotiate, 512);

/**
 * The coding to answer an Accept-Encoding header with, by q-value (RFC 9110 §12.5.3); brotli wins
 * a tie. No header, an empty one or only identity: null. Results are memoised, since clients send
 * few distinct headers and this runs on the hot path.
 */
export function negotiateCoding(header: string | undefined): ContentCoding | null {
  return header ? negotiateMemoized(header) : null;
}

/** The entity tag of a coded representation: a different tag per coding, as RFC 9110 §8.8.3 asks. */
export function codedEtag(etag: string, coding: ContentCoding): string {
  return etag.endsWith('"') ? `${etag.slice(0, -1)}-${coding}"` : `${etag}-${coding}`;
}

const brotliOptions = (quality: number, size: number) => ({
  params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: size },
});

/** Effort per use: static assets are compressed once with all it takes; pages and responses quickly. */
const EFFORT = { static: { brotli: 11, gzip: 9 }, dynamic: { brotli: 5, gzip: 6 } } as const;

function assemble(identity: Buffer, etag: string, coded: { br: Buffer; gzip: Buffer } | null): EncodedBody {
  const encoded: EncodedBody = { identity: { body: identity, etag } };
  if (!coded) return encoded;
  for (const coding of ['br', 'gzip'] as const) {
    if (coded[coding].length < identity.length) encoded[coding] = { body: coded[coding], etag: codedEtag(etag, coding) };
  }
  return encoded;
}

/**
 * A static asset in every coding, at maximum effort; done once, at build or start. Small assets are
 * compressed too: serving the stored bytes costs nothing per request, so any saving is worth it.
 */
export function encodeStatic(body: Buffer, etag: string): EncodedBody {
  return assemble(body, etag, {
    br: brotliCompressSync(body, brotliOptions(EFFORT.static.brotli, body.length)),
    gzip: gzipSync(body, { level: EFFORT.static.gzip }),
  });
}

// Plain callbacks, not promisify (which would pin the functions at load): tests count compressions by wrapping zlib.
const brotliAsync = (body: Buffer, options: BrotliOptions) =>
  new Promise<Buffer>((resolve, reject) => brotliCompress(body, options, (error, result) => (error ? reject(error) : resolve(result))));
const gzipAsync = (body: Buffer, options: ZlibOptions) =>
  new Promise<Buffer>((resolve, reject) => gzip(body, options, (error, result) => (error ? reject(error) : resolve(result))));

/** A rendered page in every coding, quickly and off the event loop; done once when the page is cached. */
export async function encodeDynamic(body: Buffer, etag: string): Promise<EncodedBody> {
  if (body.length < COMPRESS_MIN_BYTES) return assemble(body, etag, null);
  const [br, gz] = await Promise.all([brotliAsync(body, brotliOptions(EFFORT.dynamic.brotli, body.length)), gzipAsync(body, { level: EFFORT.dynamic.gzip })]);
  return assemble(body, etag, { br, gzip: gz });
}

/** Compresses one response body in the given coding, synchronously (for bodies sent once, see compression.ts). */
export function compressOnce(body: Buffer, coding: ContentCoding): Buffer {
  return coding === 'br' ? brotliCompressSync(body, brotliOptions(EFFORT.dynamic.brotli, body.length)) : gzipSync(body, { level: EFFORT.dynamic.gzip });
}
