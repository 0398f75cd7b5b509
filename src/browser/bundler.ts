import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'esbuild';

/** A strong ETag from a text's content. */
export function contentEtag(text: string): string {
  return `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
}

/**
 * Bundles `<dir>/client/main` with esbuild into one minified IIFE. From dist/ the TypeScript is
 * gone, so the compiled main.js is the entry instead.
 */
export async function bundleClient(dir: string, options: { target: string; plugins?: Plugin[] }): Promise<string> {
  const { build } = await import('esbuild');
  const source = join(dir, 'client', 'main.ts');
  const result = await build({
    entryPoints: [existsSync(source) ? source : join(dir, 'client', 'main.js')],
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

/**
 * Serves a bundle: the file `npm run build` prebuilt when it exists (production needs no esbuild),
 * otherwise built once in-process; a failed build is retried on the next request, not cached.
 */
export function bundleLoader<T>(prebuiltPath: string, describe: (code: string) => T, build: () => Promise<T>): () => Promise<T> {
  let cached: Promise<T> | null = null;
  return () => {
    if (!cached) {
      cached = existsSync(prebuiltPath) ? Promise.resolve(describe(readFileSync(prebuiltPath, 'utf8'))) : build();
      cached.catch(() => {
        cached = null;
      });
    }
    return cached;
  };
}
