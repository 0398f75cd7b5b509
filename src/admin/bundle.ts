import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A static asset ready to serve, with its validator. */
export interface Asset {
  body: string;
  etag: string;
}

const here = dirname(fileURLToPath(import.meta.url));
/** Where a production build may leave the prebuilt dashboard script, next to the compiled module. */
export const PREBUILT_ADMIN_PATH = join(here, 'app.js');

/** Wraps text with a strong ETag taken from its content. */
export function toAsset(body: string): Asset {
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
}

/** Bundles src/admin/client with esbuild into one minified script (moderators use current browsers). */
export async function buildAdminBundle(): Promise<Asset> {
  const { build } = await import('esbuild');
  const source = join(here, 'client', 'main.ts');
  const result = await build({
    entryPoints: [existsSync(source) ? source : join(here, 'client', 'main.js')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    minify: true,
    charset: 'utf8',
    legalComments: 'none',
    write: false,
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no dashboard bundle');
  return toAsset(output.text);
}

let cached: Promise<Asset> | null = null;

/** The script to serve: a prebuilt file when one exists, otherwise built once in-process. */
export function loadAdminBundle(): Promise<Asset> {
  if (!cached) {
    cached = existsSync(PREBUILT_ADMIN_PATH) ? Promise.resolve(toAsset(readFileSync(PREBUILT_ADMIN_PATH, 'utf8'))) : buildAdminBundle();
    // A failed build is retried on the next request rather than cached forever.
    cached.catch(() => {
      cached = null;
    });
  }
  return cached;
}
