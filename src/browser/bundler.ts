import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Plugin } from 'esbuild';
import { codedEtag, encodeStatic, type EncodedBody } from '../http/content-coding.js';

/** A strong ETag from a text's content. */
function contentEtag(text: string): string {
  return `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
}

/** A static text asset ready to serve: its UTF-8 bytes and their brotli and gzip forms, each with a strong ETag. */
export function staticAsset(text: string): EncodedBody {
  return encodeStatic(Buffer.from(text, 'utf8'), contentEtag(text));
}

/**
 * Bundles `<dir>/client/<entry>` (main unless told) with esbuild into one minified IIFE. From dist/
 * the TypeScript is gone, so the compiled .js is the entry instead.
 */
export async function bundleClient(dir: string, options: { target: string; plugins?: Plugin[]; entry?: string }): Promise<string> {
  const { build } = await import('esbuild');
  const entry = options.entry ?? 'main';
  const source = join(dir, 'client', `${entry}.ts`);
  const result = await build({
    entryPoints: [existsSync(source) ? source : join(dir, 'client', `${entry}.js`)],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: [options.target],
    minify: true,
    charset: 'utf8',
    legalComments: 'none',
    write: false,
    plugins: options.plugins ?? [],
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced no bundle for ${dir}`);
  return output.text;
}

const EXTENSIONS = { br: 'br', gzip: 'gz' } as const;

/** Writes a built asset and its compressed forms (`.br`, `.gz` beside it), so a start compresses nothing. */
export function writePrebuilt(path: string, asset: EncodedBody): void {
  writeFileSync(path, asset.identity.body);
  for (const coding of ['br', 'gzip'] as const) {
    const file = `${path}.${EXTENSIONS[coding]}`;
    const coded = asset[coding];
    if (coded) writeFileSync(file, coded.body);
    else rmSync(file, { force: true });
  }
}

/** Reads what writePrebuilt wrote; compressed files that are missing or do not match the text are made again. */
function readPrebuilt(path: string): EncodedBody {
  const body = readFileSync(path);
  const text = body.toString('utf8');
  const read = (coding: 'br' | 'gzip') => {
    const file = `${path}.${EXTENSIONS[coding]}`;
    return existsSync(file) ? readFileSync(file) : null;
  };
  const [br, gz] = [read('br'), read('gzip')];
  if (!br || !gz || !brotliDecompressSync(br).equals(body) || !gunzipSync(gz).equals(body)) return staticAsset(text);
  const etag = contentEtag(text);
  return { identity: { body, etag }, br: { body: br, etag: codedEtag(etag, 'br') }, gzip: { body: gz, etag: codedEtag(etag, 'gzip') } };
}

/**
 * Serves a bundle: the files `npm run build` prebuilt when they exist (production needs no esbuild
 * and compresses nothing), otherwise built and compressed once in-process; a failed build is
 * retried on the next request, not cached.
 */
export function bundleLoader(prebuiltPath: string, build: () => Promise<EncodedBody>): () => Promise<EncodedBody> {
  let cached: Promise<EncodedBody> | null = null;
  return () => {
    if (!cached) {
      cached = existsSync(prebuiltPath) ? Promise.resolve(readPrebuilt(prebuiltPath)) : build();
      cached.catch(() => {
        cached = null;
      });
    }
    return cached;
  };
}
